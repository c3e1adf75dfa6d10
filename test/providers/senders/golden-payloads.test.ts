// Golden payloads: the exact request of every channel for every template kind, with a fixed
// `now`. Secret header values are masked before they reach the file.

import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/model/errors.js";
import type { ChannelName } from "../../../src/model/template.js";
import { createSendChannel, type KaleyraV2Options } from "../../../src/providers/senders/index.js";
import type { PreparedRequest } from "../../../src/providers/senders/port.js";
import { expectGolden } from "../../helpers/golden.js";
import { APP_TOKEN, ENV, type FixtureName, requestOf, TEMPLATES } from "./fixtures.js";

const ALL = Object.keys(TEMPLATES) as FixtureName[];
const SUPPORTED: Record<ChannelName, FixtureName[]> = {
  "gupshup-partner": ALL.filter((n) => n !== "single-product"),
  "gupshup-v3": ALL,
  gupshup: ALL.filter((n) => n !== "single-product"),
  "kaleyra-v1": ["lto-expiry-image-url", "lto-no-expiry", "lto-expiry-video", "standard-url"],
  "kaleyra-v2": ALL,
};

function channel(name: ChannelName, kaleyraV2?: KaleyraV2Options) {
  return createSendChannel(name, {
    env: { ...ENV, KALEYRA_WABA_ID: "109000000000001" },
    appToken: async () => APP_TOKEN,
    ...(kaleyraV2 && { kaleyraV2 }),
  });
}

function goldenText(req: PreparedRequest): string {
  const secret = new Set(req.secretHeaders.map((h) => h.toLowerCase()));
  const masked = (v: string) => (req.secretValues ?? []).reduce((out, s) => out.split(s).join("***"), v);
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, secret.has(k.toLowerCase()) ? "***" : masked(v)]),
  );
  // one `name=value` line per field keeps the files readable; names never contain `=`
  const body =
    req.body.kind === "json"
      ? req.body
      : { kind: req.body.kind, fields: req.body.fields.map(([k, v]) => `${k}=${v}`) };
  return `${JSON.stringify({ method: req.method, url: req.url, headers, body }, null, 2)}\n`;
}

describe.each(Object.keys(SUPPORTED) as ChannelName[])("%s payloads", (name) => {
  it.each(SUPPORTED[name])("%s matches its golden file", async (fixture) => {
    const prepared = await channel(name).prepare(requestOf(TEMPLATES[fixture]));
    const text = goldenText(prepared);
    for (const secret of [...Object.values(ENV).filter((v) => v.includes("key")), APP_TOKEN]) {
      expect(text).not.toContain(secret);
    }
    expectGolden(`payloads/${name}/${fixture}.json`, text);
  });

  const refused = ALL.filter((n) => !SUPPORTED[name].includes(n));
  if (refused.length > 0) {
    it.each(refused)("%s is refused with a UserError naming the template", async (fixture) => {
      const t = TEMPLATES[fixture];
      const err = await channel(name)
        .prepare(requestOf(t))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toContain(`shop/${t.name}/en_US`);
    });
  }
});

describe("kaleyra-v2 options (decisions #1, #2, #7)", () => {
  it("sends the single-product template flat on the WABA path with a language policy when asked", async () => {
    const prepared = await channel("kaleyra-v2", {
      body: "flat",
      path: "waba",
      languagePolicy: true,
    }).prepare(requestOf(TEMPLATES["single-product"]));
    expectGolden("payloads/kaleyra-v2/single-product-flat-waba.json", goldenText(prepared));
  });
});
