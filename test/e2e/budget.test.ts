// The run's budget and deadline, seen from the real CLI (issue 12 item 2): a wait long enough to
// notice prints one progress line on stderr without -v (a rate limit, the approval wait), and
// --timeout stops a command that talks to the API with a clear error, aborting what is in flight,
// while apply still reports what it did.

import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

const offers = (n: number) => ({
  templates: Array.from({ length: n }, (_, i) => textTemplate(`offer_${i}`, `Hi {{1}}, offer ${i} is here.`)),
});

describe.concurrent("waits and the deadline", () => {
  test("a 429 is announced on stderr without -v: the limit it taught, and the pause: one line per wait", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", offers(5));
    // three template calls per 2 s: the plan's list and two creates pass, the third create meets a
    // 429 (a window far shorter than the Partner API's minute, so that the test is quick)
    e2e.sandbox.configure({
      rateLimits: { templates: { limit: 3, windowMs: 2_000 } },
      retryAfterHeader: true,
    });
    const r = await e2e.run(["apply", "--auto-approve", "--no-verify", "--format", "json"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(JSON.parse(r.stdout).summary.created).toBe(5);
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("rate limit:"));
    expect(lines.slice(0, 2)).toEqual([
      "rate limit: app shop, 10/min learned from a 429; pacing to it",
      expect.stringMatching(/^rate limit: app shop, 10\/min, paused after a 429, next call in [12] s$/),
    ]);
    // one line per pause, however many requests wait behind it
    const pauses = lines.filter((l) => l.includes("paused after a 429")).length;
    expect(pauses).toBeLessThanOrEqual(e2e.sandbox.stats().rateLimited);
  });

  test("the approval wait says how many templates wait and when it looks again", async ({ e2e }) => {
    e2e.write("templates.yaml", offers(2));
    e2e.sandbox.configure({ approvalDelayMs: 1_500 });
    const r = await e2e.run(["apply", "--auto-approve"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stderr).toContain("waiting for approval: 2 templates in 1 app, next check in 3 s\n");
  });

  test("--timeout stops plan with a clear error, aborting the read in flight", async ({ e2e }) => {
    e2e.write("templates.yaml", offers(1));
    // the list would take 30 s: only an aborted request ends the run sooner
    e2e.sandbox.setFaults({ latencyMs: 30_000, match: "templates" });
    const r = await e2e.run(["plan", "--timeout", "1s"]);
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: stopped at the --timeout of 1s\n {2}hint: requests in flight were aborted/m,
    );
    expect(r.stdout).toBe("");
  });

  test("--timeout during apply aborts the write in flight and still reports each change", async ({ e2e }) => {
    e2e.write("templates.yaml", offers(3));
    // the first create would take a minute; the limit is unknown, so the others wait behind it
    e2e.sandbox.setFaults({ latencyMs: 60_000, match: "^POST .*/templates$" });
    const r = await e2e.run(["--timeout", "6s", "apply", "--auto-approve"], { timeoutMs: 40_000 });
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stdout).toContain(
      "x shop/offer_0/en_US: failed (timed out after a write that may have taken effect: run plan again)",
    );
    expect(r.stdout).toContain("shop/offer_1/en_US: skipped (not started: timed out)");
    expect(r.stdout).toContain("shop/offer_2/en_US: skipped (not started: timed out)");
    expect(r.stdout).toContain("Timed out (--timeout): the changes not started are marked skipped.");
    expect(r.stdout).toContain(
      "Apply complete: 0 created, 0 updated, 0 replaced, 0 deleted, 0 blocked, 1 failed.",
    );
    expect(r.stderr).toContain("Error: stopped at the --timeout of 6s");
  });
});
