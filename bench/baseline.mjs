#!/usr/bin/env node
// The per-template baseline: a refresh the way Terraform-style providers do it, one read per
// managed template, 10 at a time. The Partner API has no get-by-id, so each read is the list
// filtered to the template's name (`?elementName=`). Tokens are fetched once per app first.
//
//   node bench/baseline.mjs BASE_URL KEYS_FILE
// KEYS_FILE: JSON [[appId, elementName], …]. Prints one JSON line: {"templates": N, "requests": N}.

import { readFileSync } from "node:fs";
import { appToken, createClient, eachLimited } from "./http-client.mjs";

const CONCURRENCY = 10;
const [baseUrl, keysFile] = process.argv.slice(2);
const keys = JSON.parse(readFileSync(keysFile, "utf8"));
const client = createClient(baseUrl, { maxSockets: CONCURRENCY });
const partner = process.env.GUPSHUP_PARTNER_TOKEN ?? "bench";
let requests = 0;

const tokens = new Map();
await eachLimited([...new Set(keys.map(([appId]) => appId))], CONCURRENCY, async (appId) => {
  tokens.set(appId, await appToken(client, appId, partner));
  requests++;
});
let found = 0;
await eachLimited(keys, CONCURRENCY, async ([appId, name]) => {
  const body = await client.getJson(
    `/partner/app/${encodeURIComponent(appId)}/templates?elementName=${encodeURIComponent(name)}`,
    { authorization: tokens.get(appId) },
  );
  requests++;
  found += body.templates.length;
});
client.close();
process.stdout.write(`${JSON.stringify({ templates: found, requests })}\n`);
