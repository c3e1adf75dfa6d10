// `waform send-preview`: the exact test-send request of a template, as curl, for developers who
// integrate the real sends. Offline: it needs the declaration only.

import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, test } from "./fixture.js";
import { ltoTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);
const DAY = 24 * 3_600_000;
const CANARIES = {
  KALEYRA_API_KEY: "canary-kaleyra-7f3e9a1c",
  GUPSHUP_API_KEY: "canary-gupshup-0b5d2e8f",
  GUPSHUP_PARTNER_TOKEN: "canary-partner-4c1a6b9d",
};

/** The JSON bodies of the curl commands in `out` (shell single quotes undone). */
function jsonBodies(out: string): unknown[] {
  return [...out.matchAll(/--data-raw '((?:[^']|'\\'')*)'/g)].map((m) =>
    JSON.parse(m[1]!.replaceAll("'\\''", "'")),
  );
}

interface Component {
  type: string;
  sub_type?: string;
  index?: unknown;
  parameters: Record<string, unknown>[];
}

describe.concurrent("send-preview", () => {
  test("kaleyra-v2: the seed 000 LTO shape, with an absolute expiry after now, one request per destination", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const before = Date.now();
    const r = await e2e.run(["send-preview", "summer_sale", "--channel", "kaleyra-v2"], {
      env: { KALEYRA_SID: "HXIN1234" },
    });
    const after = Date.now();
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toMatch(/^curl -X POST '[^']*\/v2\/HXIN1234\/whatsapp\/\+918929874278\/messages'/m);

    const bodies = jsonBodies(r.stdout) as { messaging_object: Record<string, unknown> }[];
    expect(bodies.map((b) => b.messaging_object["to"])).toEqual(["+919999900001", "+919999900002"]);
    const template = bodies[0]!.messaging_object["template"] as { components: Component[] };
    expect(bodies[0]!.messaging_object).toMatchObject({ messaging_product: "whatsapp", type: "template" });
    const components = template.components;
    expect(components.map((c) => [c.type, c.sub_type, c.index])).toEqual([
      ["body", undefined, undefined],
      ["limited_time_offer", undefined, undefined],
      ["button", "copy_code", 0],
      ["button", "url", 1],
    ]);
    const offer = components[1]!.parameters[0] as {
      type: string;
      limited_time_offer: { expiration_time_ms: number };
    };
    expect(offer.type).toBe("limited_time_offer");
    // absolute epoch ms, now + the declared 14 days (not the seed's bare duration 1209600000)
    const expiry = offer.limited_time_offer.expiration_time_ms;
    expect(expiry).toBeGreaterThan(after);
    expect(expiry).toBeGreaterThanOrEqual(before + 14 * DAY);
    expect(expiry).toBeLessThanOrEqual(after + 14 * DAY);
    expect(components[2]!.parameters).toEqual([{ type: "coupon_code", coupon_code: "SUMMER25" }]);
    expect(components[3]!.parameters).toEqual([{ type: "text", text: "summer25" }]);
  });

  test("gupshup-v3: the Meta-format /v3/message request, by name and language, the app token as a placeholder", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const r = await e2e.run(["send-preview", "summer_sale", "--channel", "gupshup-v3"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toMatch(/^curl -X POST '[^']*\/partner\/app\/[^/]+\/v3\/message'/m);
    expect(r.stdout).toMatch(/-H 'Authorization: <app token>'/);
    const [body] = jsonBodies(r.stdout) as Record<string, unknown>[];
    expect(body).toMatchObject({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "919999900001",
      type: "template",
      template: { name: "summer_sale", language: { code: "en_US" } },
    });
    const components = (body!["template"] as { components: Component[] }).components;
    expect(components.map((c) => [c.type, c.sub_type, c.index])).toEqual([
      ["body", undefined, undefined],
      ["limited_time_offer", undefined, undefined],
      ["button", "copy_code", 0],
      ["button", "url", 1],
    ]);
  });

  test("masks every credential, whichever channel", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const r = await e2e.run(["send-preview", "shop/summer_sale"], { env: CANARIES });
    expect(r.code, transcript(r)).toBe(0);
    for (const channel of ["gupshup-partner", "gupshup-v3", "gupshup", "kaleyra-v1", "kaleyra-v2"])
      expect(r.stdout).toContain(`# ${channel}: shop/summer_sale/en_US -> +919999900001`);
    for (const canary of Object.values(CANARIES)) {
      expect(r.stdout).not.toContain(canary);
      expect(r.stderr).not.toContain(canary);
    }
    expect(r.stdout).toMatch(/-H 'api-key: \*\*\*'/);
    expect(r.stdout).toMatch(/-H 'apikey: \*\*\*'/);
  });

  test("shows the app token the way the real call sends it: raw in legacy mode, `Bearer` alone with a universal token", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const channels = ["--channel", "gupshup-partner"];
    const headers = (out: string) => [...out.matchAll(/^\s*-H '([^']*)'/gm)].map((m) => m[1]);

    const legacy = await e2e.run(["send-preview", "summer_sale", ...channels], {
      env: { GUPSHUP_UNIVERSAL_TOKEN: undefined },
    });
    expect(legacy.code, transcript(legacy)).toBe(0);
    expect(headers(legacy.stdout)).toEqual([
      "Authorization: <app token>",
      "token: <app token>",
      "Content-Type: application/x-www-form-urlencoded",
      "Authorization: <app token>",
      "token: <app token>",
      "Content-Type: application/x-www-form-urlencoded",
    ]);

    const universal = { GUPSHUP_UNIVERSAL_TOKEN: "canary-universal-5e2d7a1b" };
    for (const channel of ["gupshup-partner", "gupshup-v3"]) {
      const r = await e2e.run(["send-preview", "summer_sale", "--channel", channel], { env: universal });
      expect(r.code, transcript(r)).toBe(0);
      expect(headers(r.stdout)[0]).toBe("Authorization: Bearer <app token>");
      expect(r.stdout).not.toMatch(/-H 'token:/);
      expect(r.stdout + r.stderr).not.toContain(universal.GUPSHUP_UNIVERSAL_TOKEN);
    }

    // a legacy token given directly is sent raw in universal mode too; it is masked
    const given = "sk_canary0a1b2c3d4e5f";
    const direct = await e2e.run(["send-preview", "summer_sale", ...channels], {
      env: { ...universal, GUPSHUP_APP_TOKEN_SHOP: given },
    });
    expect(direct.code, transcript(direct)).toBe(0);
    expect(headers(direct.stdout).slice(0, 2)).toEqual(["Authorization: ***", "token: ***"]);
    expect(direct.stdout + direct.stderr).not.toContain(given);
  });

  test("names the template it cannot find, and an unknown channel", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const missing = await e2e.run(["send-preview", "winter_sale"]);
    expect(missing.code, transcript(missing)).toBe(1);
    expect(missing.stderr).toMatch(/^Error: no declared template matches 'winter_sale'/);

    const channel = await e2e.run(["send-preview", "summer_sale", "--channel", "carrier-pigeon"]);
    expect(channel.code, transcript(channel)).toBe(1);
    expect(channel.stderr).toMatch(
      /^Error: unknown channel 'carrier-pigeon'\n\s+hint: use one of: gupshup-partner/,
    );
  });
});
