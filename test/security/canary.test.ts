// Issue 7, item 4: canary credentials planted in the environment — partner token, app token,
// universal token, the login password, the self-serve and Kaleyra API keys — never appear in
// anything waform produces: stdout, stderr (with --verbose and WAFORM_DEBUG=1), plan files,
// JSON and Markdown output, JUnit reports, imported YAML, error messages. The sandbox behind a
// recording proxy echoes every request's headers into its error bodies, and fails some requests
// on purpose, so the canaries really do come back at waform; the proxy proves they did.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultConfig, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { type ProcessResult, runWaform, STACK_TRACE, transcript } from "../crash/waform-process.js";
import { type RecordingProxy, startRecordingProxy } from "./recording-proxy.js";

/** Distinctive cores: a leak of any part of one (a prefix, a cut message) still shows. */
const CANARY = {
  partner: "cnry-partner-5f1e9a7c3b2d4e60",
  appToken: "cnry-apptoken-0b8c6d4f2a1e3957",
  universal: "cnry-universal-a3c5e7092b4d6f18",
  password: "cnry-password-9d7b5f3e1c0a2846",
  apiKey: "cnry-apikey-4e2c0a8b6d9f1357",
  kaleyraKey: "cnry-kaleyra-7a5c3e1f9b0d2468",
};
const cores = (value: string) => [
  value,
  value.slice(-16),
  Buffer.from(value).toString("base64").slice(0, 16),
];

// one app per template: sends are paced per app (10 a minute), so this keeps verify instant
const DECLARATION = `version: 1
apps:
  shop: { appId: 7c0e0b1a-cafe-4d2e-9f00-000000000001, appName: shopapp, source: "+918929874278", prune: true }
  care: { appId: 7c0e0b1a-cafe-4d2e-9f00-000000000002, appName: careapp, source: "+918929874279" }
  trip: { appId: 7c0e0b1a-cafe-4d2e-9f00-000000000003, appName: tripapp, source: "+918929874280" }
defaults: { language: en_US, category: MARKETING, vertical: promotions, testDestinations: ["+919999900001"] }
templates:
  - name: canary_partner
    app: shop
    body: "Hi {{1}}, your order is ready for pickup."
    examples: { body: [Ana] }
    test: { channel: gupshup-partner }
  - name: canary_selfserve
    app: care
    body: "Hi {{1}}, your table for tonight is booked."
    examples: { body: [Ana] }
    test: { channel: gupshup }
  - name: canary_kaleyra
    app: trip
    body: "Hi {{1}}, your parcel is on its way."
    examples: { body: [Ana] }
    test: { channel: kaleyra-v2 }
`;

let dir: string;
let sandbox: RunningSandbox;
let proxy: RecordingProxy;
const outputs: { what: string; text: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "waform-canary-"));
  writeFileSync(join(dir, "templates.yaml"), DECLARATION);
  sandbox = await startSandbox({ approvalDelayMs: 0, rateLimits: false });
  proxy = await startRecordingProxy(sandbox.url);
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Echo on every error, plus a few 5xx (capped, so retries stay short). */
function faults(extra: FaultConfig = {}): void {
  sandbox.setFaults({ echoHeaders: true, errorRate: 0.3, limit: 3, ...extra });
}

async function waform(args: string[], env: Record<string, string>): Promise<ProcessResult> {
  const r = await runWaform(["--verbose", ...args], {
    cwd: dir,
    timeoutMs: 60_000,
    env: {
      GUPSHUP_BASE_URL: proxy.url,
      GUPSHUP_API_BASE_URL: proxy.url,
      KALEYRA_BASE_URL: proxy.url,
      KALEYRA_SID: "sandbox",
      GUPSHUP_API_KEY: CANARY.apiKey,
      KALEYRA_API_KEY: CANARY.kaleyraKey,
      WAFORM_DEBUG: "1",
      ...env,
    },
  });
  outputs.push({ what: `waform ${args.join(" ")}: stdout`, text: r.stdout });
  outputs.push({ what: `waform ${args.join(" ")}: stderr`, text: r.stderr });
  expect(r.stderr, transcript(r)).not.toMatch(STACK_TRACE);
  return r;
}

const PARTNER_ENV = {
  GUPSHUP_PARTNER_TOKEN: CANARY.partner,
  GUPSHUP_EMAIL: "ops@example.com",
  GUPSHUP_SECRET: CANARY.password,
};

describe("canary credentials never leak", () => {
  it("partner token: plan (text, json, markdown, --out), apply + verify (--junit), verify, drift, import, send-preview", async () => {
    // the partner token goes out only on app-token mints, which random faults among concurrent runs
    // may all miss: the first mints of one plan fail, so it surely comes back echoed
    faults({ errorRate: 1, limit: 2, match: "^GET /partner/app/[^/]+/token" });
    await waform(["plan"], PARTNER_ENV);
    expect(proxy.receivedBodies.join("\n")).toContain(CANARY.partner);
    faults();
    await Promise.all([waform(["plan"], PARTNER_ENV), waform(["plan", "--format", "json"], PARTNER_ENV)]);
    const planned = await waform(["plan", "--format", "markdown", "--out", "plan.json"], PARTNER_ENV);
    expect(planned.code, transcript(planned)).toBe(0);
    faults();
    await waform(
      ["apply", "plan.json", "--auto-approve", "--junit", "junit-apply.xml", "--wait-timeout", "20s"],
      PARTNER_ENV,
    );
    faults();
    await waform(
      ["verify", "--format", "json", "--junit", "junit-verify.xml", "--wait-timeout", "20s"],
      PARTNER_ENV,
    );
    faults();
    await Promise.all(["text", "json", "markdown"].map((f) => waform(["drift", "--format", f], PARTNER_ENV)));
    faults();
    await Promise.all([
      waform(["import", "-o", "imported.yaml"], PARTNER_ENV),
      waform(["send-preview", "canary_selfserve"], PARTNER_ENV),
    ]);
    faults();
    await waform(["send-preview", "canary_partner", "--remote"], PARTNER_ENV);
    // test sends through the self-serve and Kaleyra APIs, each answered with an echo of its key
    faults({ errorRate: 1, limit: 1000, match: "^POST /(wa|v2)/" });
    const sends = await Promise.all(
      ["gupshup", "kaleyra-v2"].map((channel) =>
        waform(["verify", "--channel", channel, "--junit", `junit-${channel}.xml`], PARTNER_ENV),
      ),
    );
    for (const sent of sends) {
      expect(sent.code, transcript(sent)).toBe(3);
      expect(sent.stdout).toMatch(/request headers/); // the echo reached the report, masked
    }
  }, 120_000);

  it("an app token given directly, which the server rejects (401, echoed)", async () => {
    faults({ errorRate: 0 });
    const r = await waform(["plan", "--app", "shop"], { GUPSHUP_APP_TOKEN_SHOP: CANARY.appToken });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/GUPSHUP_APP_TOKEN_SHOP was rejected/);
    expect(r.stderr).toMatch(/request headers/); // the echo reached the message, masked
  });

  it("a login password (login fails with an echo, then succeeds)", async () => {
    const login = { GUPSHUP_EMAIL: "ops@example.com", GUPSHUP_SECRET: CANARY.password };
    faults({ errorRate: 1, limit: 1000, match: "login" });
    expect((await waform(["plan"], login)).code).toBe(1);
    faults();
    await waform(["plan", "--format", "json"], login);
  });

  it("a universal token (Bearer), with failures echoed", async () => {
    faults({ errorRate: 0.5, limit: 2 });
    await waform(["plan"], { GUPSHUP_UNIVERSAL_TOKEN: CANARY.universal });
    faults({ errorRate: 1, limit: 1000 });
    expect((await waform(["plan"], { GUPSHUP_UNIVERSAL_TOKEN: CANARY.universal })).code).toBe(1);
  });

  it("the canaries went out and came back echoed, yet appear nowhere in what waform wrote", () => {
    const sent = proxy.sentHeaders.join("\n");
    const echoed = proxy.receivedBodies.join("\n");
    for (const name of ["partner", "appToken", "universal", "apiKey", "kaleyraKey"] as const) {
      expect(sent, `${name} was never sent: the test proves nothing for it`).toContain(CANARY[name]);
      expect(echoed, `${name} was never echoed back`).toContain(CANARY[name]);
    }
    // tokens the sandbox issued are secrets too (app and login tokens)
    const state = sandbox.state();
    const issued = [
      ...Object.values(state.apps).flatMap((a) => [a.appToken, ...a.uats.map((u) => u.token)]),
      ...state.partnerTokens.map((t) => t.token),
    ];
    expect(issued.length).toBeGreaterThan(0);

    const files = readdirSync(dir)
      .filter((f) => statSync(join(dir, f)).isFile() && f !== "templates.yaml")
      .map((f) => ({ what: f, text: readFileSync(join(dir, f), "utf8") }));
    expect(files.map((f) => f.what)).toEqual(
      expect.arrayContaining(["plan.json", "junit-apply.xml", "junit-verify.xml", "imported.yaml"]),
    );
    const leaks: string[] = [];
    for (const { what, text } of [...outputs, ...files]) {
      for (const value of [...Object.values(CANARY), ...issued]) {
        for (const form of cores(value)) if (text.includes(form)) leaks.push(`${what} contains ${form}`);
      }
    }
    expect(leaks).toEqual([]);
    // and the verbose log was really on: one line per request, with no header in it
    expect(
      outputs.some((o) => /^http: GET \/partner\/app\/[^ ]+\/templates -> 200 \(\d+ ms\)$/m.test(o.text)),
    ).toBe(true);
  });
});
