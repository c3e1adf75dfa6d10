// What a broken templates.yaml may cost, through the real CLI: a file that does not parse or fails
// the schema stops plan and apply before their first request; a file that passes those but fails
// a rule check may have read the remote (the reads overlap the rule checks), but exits 1 with
// nothing written: no template created, no plan file.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, type E2E, prepareCli, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

/** Requests the sandbox got, and those of them that were not reads. */
function traffic(e2e: E2E): { requests: number; writes: number } {
  const { byPath, total } = e2e.sandbox.stats();
  const writes = Object.entries(byPath)
    .filter(([path]) => !path.startsWith("GET "))
    .reduce((n, [, count]) => n + count, 0);
  return { requests: total, writes };
}

const BROKEN: Record<string, string> = {
  "does not parse": `version: 1\ntemplates:\n  - name: "unclosed\n`,
  "fails the schema": `version: 1\napps:\n  shop: { appId: 0d7c1f52-gate-4a57-9d2e-5c1b7e9a0001, appName: shopapp, source: "+918929874278" }\ntemplates:\n  - { name: hello, app: shop, language: en_US, category: MARKETING, vertical: v, body: "Hi", fotter: "x" }\n`,
};

describe.concurrent("the configuration gate", () => {
  for (const [what, text] of Object.entries(BROKEN)) {
    test(`a file that ${what}: plan and apply exit 1 without one request`, async ({ e2e }) => {
      e2e.write("templates.yaml", text);
      for (const args of [
        ["plan", "--out", "plan.json"],
        ["apply", "--auto-approve"],
      ]) {
        const r = await e2e.run(args);
        expect(r.code, transcript(r)).toBe(1);
        expect(r.stderr, transcript(r)).toMatch(/^templates\.yaml:\d+:\d+ error /m);
        expect(r.stderr, transcript(r)).toMatch(/nothing was sent to the remote/);
      }
      expect(traffic(e2e).requests).toBe(0);
      expect(existsSync(join(e2e.dir, "plan.json"))).toBe(false);
    });
  }

  test("a file that fails only a rule check: exit 1, nothing written (the remote may have been read)", async ({
    e2e,
  }) => {
    // BODY-002, a rule check: the body is over 1,024 characters
    e2e.write("templates.yaml", {
      templates: [textTemplate("fine_one"), textTemplate("too_long", `Hello {{1}}, ${"x".repeat(1100)}`)],
    });
    for (const args of [
      ["plan", "--out", "plan.json"],
      ["apply", "--auto-approve"],
    ]) {
      const r = await e2e.run(args);
      expect(r.code, transcript(r)).toBe(1);
      expect(r.stderr, transcript(r)).toMatch(/^templates\.yaml:\d+:\d+ error BODY-002 /m);
      expect(r.stderr, transcript(r)).toMatch(/nothing was written to the remote/);
    }
    expect(traffic(e2e).writes).toBe(0);
    expect(e2e.stored()).toEqual([]);
    expect(existsSync(join(e2e.dir, "plan.json"))).toBe(false);
  });
});
