// send-preview's curl rendering: the exact request, runnable in a POSIX shell, with every secret
// masked.

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { ChannelName } from "../../src/model/template.js";
import { createSendChannel } from "../../src/providers/senders/index.js";
import type { PreparedRequest } from "../../src/providers/senders/port.js";
import { renderCurl } from "../../src/render/curl.js";
import { APP_TOKEN, ENV, NOW, requestOf, TEMPLATES } from "../providers/senders/fixtures.js";

const CANARY = "canary-key-3f9d2c7e1a8b4d6f";

/** The arguments the shell would pass to curl for the rendered command. */
function argv(command: string): string[] {
  const out = execFileSync("sh", ["-c", `curl() { printf '%s\\0' "$@"; }\n${command}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("renderCurl", () => {
  const channels: [ChannelName, Record<string, string>][] = [
    ["gupshup", { GUPSHUP_API_KEY: CANARY }],
    ["kaleyra-v1", { KALEYRA_API_KEY: CANARY }],
    ["kaleyra-v2", { KALEYRA_API_KEY: CANARY }],
  ];

  it.each(channels)("%s: the planted key never appears, the header shows ***", async (name, secrets) => {
    const prepared = await createSendChannel(name, { env: { ...ENV, ...secrets } }).prepare(
      requestOf(TEMPLATES["lto-expiry-image-url"]),
    );
    const text = renderCurl(prepared);
    expect(text).not.toContain(CANARY);
    expect(text).toMatch(/-H '(apikey|api-key): \*\*\*'/);
  });

  it("gupshup-partner: the app token is masked in both auth headers", async () => {
    const prepared = await createSendChannel("gupshup-partner", {
      env: {},
      appToken: async () => APP_TOKEN,
    }).prepare(requestOf(TEMPLATES["lto-expiry-image-url"]));
    const text = renderCurl(prepared);
    expect(text).not.toContain(APP_TOKEN);
    expect(text).toContain("-H 'Authorization: ***'");
    expect(text).toContain("-H 'token: ***'");
  });

  it("masks secret form fields and a secret that also appears in the URL", () => {
    const req: PreparedRequest = {
      method: "POST",
      url: `https://api.example.com/send?key=${encodeURIComponent(`${CANARY}/x`)}`,
      headers: { "X-Key": `${CANARY}/x` },
      body: {
        kind: "form",
        fields: [
          ["password", CANARY],
          ["to", "1"],
        ],
      },
      secretHeaders: ["x-key", "password"],
    };
    const text = renderCurl(req);
    expect(text).not.toContain(CANARY);
    expect(text).toContain("--data-urlencode 'password=***'");
  });

  it("renders a form request the shell passes to curl unchanged, quotes included", async () => {
    const prepared = await createSendChannel("kaleyra-v1", { env: ENV }).prepare(
      requestOf(TEMPLATES["lto-expiry-image-url"]),
    );
    if (prepared.body.kind !== "multipart") throw new Error("expected multipart");
    const args = argv(renderCurl(prepared));
    expect(args.slice(0, 3)).toEqual(["-X", "POST", prepared.url]);
    expect(args).toContain("api-key: ***");
    const fields = prepared.body.fields.flatMap(([k, v]) => ["--form-string", `${k}=${v}`]);
    expect(args.slice(-fields.length)).toEqual(fields);
    expect(args).toContain('coupon_code="CARIBE25"');
  });

  it("renders a JSON body whose expiration is absolute and after now", async () => {
    const prepared = await createSendChannel("kaleyra-v2", { env: ENV }).prepare(
      requestOf(TEMPLATES["lto-expiry-image-url"]),
    );
    const args = argv(renderCurl(prepared));
    expect(args[args.length - 2]).toBe("--data-raw");
    const body = JSON.parse(args[args.length - 1]!);
    expect(body).toEqual(prepared.body.kind === "json" ? prepared.body.value : undefined);
    const lto = body.messaging_object.template.components.find(
      (c: { type: string }) => c.type === "limited_time_offer",
    );
    expect(lto.parameters[0].limited_time_offer.expiration_time_ms).toBeGreaterThan(NOW);
  });

  it("quotes single quotes in values for the shell", () => {
    const req: PreparedRequest = {
      method: "POST",
      url: "https://x.io/a",
      headers: {},
      body: { kind: "form", fields: [["template", `{"params":["it's"]}`]] },
      secretHeaders: [],
    };
    expect(argv(renderCurl(req))).toEqual([
      "-X",
      "POST",
      "https://x.io/a",
      "--data-urlencode",
      `template={"params":["it's"]}`,
    ]);
  });
});
