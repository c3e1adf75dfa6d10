#!/usr/bin/env node
// The floor: the least any plan can cost. For every app at once: fetch its token, then read its
// template list page after page (the page count is unknown until a short page, as for waform,
// with the same page size) and JSON.parse each page. Nothing else: no config, no diff, no output.
//
//   node bench/floor.mjs BASE_URL PAGE_SIZE APP_ID…
// Prints one JSON line: {"templates": N, "requests": N}.

import { appToken, createClient } from "./http-client.mjs";

const [baseUrl, pageSizeText, ...appIds] = process.argv.slice(2);
const pageSize = Number(pageSizeText);
const client = createClient(baseUrl);
let requests = 0;

async function readApp(appId) {
  const token = await appToken(client, appId, process.env.GUPSHUP_PARTNER_TOKEN ?? "bench");
  requests++;
  let rows = 0;
  for (let pageNo = 0; ; pageNo++) {
    const body = await client.getJson(
      `/partner/app/${encodeURIComponent(appId)}/templates?pageNo=${pageNo}&pageSize=${pageSize}`,
      { authorization: token },
    );
    requests++;
    rows += body.templates.length;
    if (body.templates.length < pageSize) return rows;
  }
}

const counts = await Promise.all(appIds.map(readApp));
client.close();
process.stdout.write(`${JSON.stringify({ templates: counts.reduce((a, b) => a + b, 0), requests })}\n`);
