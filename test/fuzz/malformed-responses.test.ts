// Issue 7, items 3 and 5: a server that answers badly — not JSON, the wrong shape, a body over the
// cap, never, or a byte at a time — gives a clear remote error naming the call, in bounded time,
// never a crash; through the provider, and through the CLI's exit code and message.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteError } from "../../src/model/errors.js";
import { createGupshupProvider } from "../../src/providers/gupshup/index.js";
import { runWaform, STACK_TRACE, transcript } from "../crash/waform-process.js";
import {
  type Handler,
  type HostileServer,
  ok,
  silent,
  stall,
  startHostileServer,
  trickle,
} from "./hostile-server.js";

const app = { alias: "shop", appId: "hostile-app", appName: "shop", source: "+918929874278", prune: false };
/**
 * For answers that arrive: limits no loaded machine reaches, so what fails the call is the answer
 * itself (a 9 MB body took over 800 ms to read on a busy 2-core machine and failed by timeout).
 */
const PATIENT = { connectMs: 60_000, headersMs: 60_000, bodyMs: 60_000, totalMs: 60_000 };
/** For answers that never complete: one short limit, the one under test, and the rest out of reach. */
const ONLY = (limit: "headersMs" | "bodyMs" | "totalMs", ms: number) => ({ ...PATIENT, [limit]: ms });

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

async function listFailure(handler: Handler, timeouts = PATIENT): Promise<{ err: RemoteError; ms: number }> {
  server.answer(handler);
  const provider = createGupshupProvider({
    env: { GUPSHUP_BASE_URL: server.url, GUPSHUP_PARTNER_TOKEN: "any" },
    timeouts,
  });
  const started = Date.now();
  try {
    await provider.listTemplates(app);
  } catch (err) {
    expect(err).toBeInstanceOf(RemoteError);
    return { err: err as RemoteError, ms: Date.now() - started };
  } finally {
    await provider.close();
  }
  throw new Error("expected the list to fail");
}

const NINE_MB = "x".repeat(9 * 1024 * 1024);

describe("malformed answers become a RemoteError naming the call", () => {
  it("odd rows never fail the list: rows that are not objects or have no name are skipped with a warning", async () => {
    server.answer(
      ok({
        status: "success",
        templates: [
          null,
          1,
          "x",
          { id: 5, elementName: [], containerMeta: 7 },
          { id: "6", elementName: "z", containerMeta: 7 },
        ],
      }),
    );
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: server.url, GUPSHUP_PARTNER_TOKEN: "any" },
      timeouts: PATIENT,
    });
    try {
      const listing = await provider.listTemplates(app);
      expect(listing.warnings.map((w) => /row (\d+)/.exec(w.message)?.[1])).toEqual(["1", "2", "3", "4"]);
      expect(listing.unmanageable.map((u) => [u.name, u.unmanageable.reason])).toEqual([
        ["z", "unknown_category"],
      ]);
      expect(listing.templates).toEqual([]);
    } finally {
      await provider.close();
    }
  });

  it.each<[string, Handler, RegExp]>([
    ["not JSON", ok("<html>oops</html>", "text/html"), /not JSON/],
    ["truncated JSON", ok('{"status":"success","templates":[{"id":'), /not JSON/],
    ["empty body", ok(""), /the body is empty/],
    ["null", ok(null), /no templates array/],
    ["an array", ok([]), /no templates array/],
    ["templates is a string", ok({ status: "success", templates: "none" }), /no templates array/],
    [
      "a 200 carrying an error envelope",
      ok({ status: "error", message: "Something broke" }),
      /Something broke/,
    ],
    ["a body over the 8 MB cap", ok(NINE_MB, "text/plain"), /larger than/],
    ["deeply nested JSON", ok(`${"[".repeat(200_000)}${"]".repeat(200_000)}`), /no templates array/],
  ])("%s", async (_name, handler, message) => {
    const { err } = await listFailure(handler);
    expect(err.message).toMatch(message);
    expect(err.message).toContain("GET /partner/app/hostile-app/templates");
  });

  // Which limit ends a hung call is decided by the configuration, not by the machine's speed: the
  // others are out of reach, so the message names the one limit set short, however slow the run.
  it.each<[string, Handler, ReturnType<typeof ONLY>, RegExp]>([
    ["a server that never answers", silent, ONLY("headersMs", 300), /timed out waiting for the response/],
    [
      "a server that never answers (whole-call limit)",
      silent,
      ONLY("totalMs", 800),
      /no complete response within 800 ms/,
    ],
    ["a body that stops half way", stall, ONLY("bodyMs", 300), /timed out reading the response/],
    [
      "a body that trickles a byte every 100 ms",
      trickle(100),
      ONLY("totalMs", 800),
      /no complete response within 800 ms/,
    ],
  ])("%s: a transient error naming the limit that ended it", async (_name, handler, timeouts, message) => {
    const { err, ms } = await listFailure(handler, timeouts);
    expect(err.kind).toBe("transient");
    expect(err.message).toMatch(message);
    // a lower bound only: the call waited for its limit (an upper bound would measure the machine)
    expect(ms).toBeGreaterThanOrEqual(Math.min(timeouts.headersMs, timeouts.bodyMs, timeouts.totalMs) - 20);
  });

  it("a write that gets a garbled 200 is ambiguous: apply must re-read before retrying", async () => {
    server.answer(ok("garbled"));
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: server.url, GUPSHUP_PARTNER_TOKEN: "any" },
      timeouts: PATIENT,
    });
    const content = {
      category: "MARKETING" as const,
      kind: "standard" as const,
      vertical: "v",
      body: "Hi {{1}}",
      bodyExamples: ["Ana"],
      buttons: [],
      allowCategoryChange: false,
    };
    const err = await provider.createTemplate(app, { app: "shop", name: "x", language: "en" }, content).then(
      () => undefined,
      (e: unknown) => e,
    );
    await provider.close();
    expect(err).toMatchObject({ kind: "invalid", ambiguous: true });
  });
});

describe("the CLI on a malformed answer", () => {
  it("exits 1 with `Error: remote …`, no stack trace, also with WAFORM_DEBUG=1", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "waform-malformed-"));
    writeFileSync(
      join(dir, "templates.yaml"),
      `version: 1
apps:
  shop: { appId: hostile-app, appName: shop, source: "+918929874278" }
templates:
  - { name: hi, language: en, category: MARKETING, vertical: v, body: "Hi {{1}}, welcome.", examples: { body: [Ana] } }
`,
    );
    try {
      for (const handler of [
        ok("<html>502 Bad Gateway</html>", "text/html"),
        ok({ templates: 3 }),
        ok(NINE_MB),
      ]) {
        server.answer(handler);
        const r = await runWaform(["plan"], {
          cwd: dir,
          env: { GUPSHUP_BASE_URL: server.url, GUPSHUP_PARTNER_TOKEN: "any", WAFORM_DEBUG: "1" },
        });
        expect(r.code, transcript(r)).toBe(1);
        expect(r.stderr, transcript(r)).toMatch(
          /^Error: remote invalid( \(HTTP 200\))?: malformed response from the Partner API: /m,
        );
        expect(r.stderr, transcript(r)).not.toMatch(STACK_TRACE);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
