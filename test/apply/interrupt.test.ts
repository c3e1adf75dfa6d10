// Ctrl-C (the caller's AbortSignal): nothing new starts, requests in flight finish, the rest is
// reported skipped, and planning + applying again converges with no duplicate.

import { describe, expect, it } from "vitest";
import { templateKey } from "../../src/model/template.js";
import { seededRandom } from "../../src/sandbox/random.js";
import { app, declaration, replan } from "./builders.js";
import { remoteKeys, setup } from "./harness.js";

const shop = app("shop", { rateLimitPerMinute: 60 });

describe("interruption", () => {
  it("stops starting changes, lets the one in flight finish, skips the rest; a re-run converges", async () => {
    const { provider, apply, clock } = setup({ latencyMs: 400 });
    const desired = declaration([shop], 20);
    const stop = new AbortController();
    let abortedAt = 0;
    const result = await apply(
      replan([shop], desired, provider),
      {},
      {
        signal: stop.signal,
        emit: (e) => {
          // Ctrl-C while the 6th create is on the wire
          if (e.type === "change_started" && e.key.name === "t005") {
            abortedAt = clock.now();
            stop.abort();
          }
        },
      },
    );

    expect(result.stopped).toBe("interrupted");
    expect(result.counts).toMatchObject({ created: 6, skipped: 14, failed: 0 });
    expect(result.outcomes.find((o) => o.outcome === "skipped")?.message).toBe("not started: interrupted");
    expect(provider.calls.every((c) => c.at <= abortedAt + 400)).toBe(true);
    expect(provider.all()).toHaveLength(6);

    const rerun = await apply(replan([shop], desired, provider));
    expect(rerun.counts).toMatchObject({ created: 14, failed: 0 });
    expect(remoteKeys(provider)).toEqual(desired.map(templateKey).sort());
  });

  it("an already aborted signal applies nothing", async () => {
    const { provider, apply } = setup();
    const result = await apply(
      replan([shop], declaration([shop], 3), provider),
      {},
      { signal: AbortSignal.abort() },
    );
    expect(result.counts).toMatchObject({ skipped: 3, created: 0 });
    expect(provider.calls).toEqual([]);
  });

  it("interrupted at random points under faults, re-runs converge with no duplicate (30 seeds)", async () => {
    // at 10 a minute the 25 creates of an app take three windows: every stop lands mid-run
    const apps = [app("shop", { rateLimitPerMinute: 10 }), app("mall", { rateLimitPerMinute: 10 })];
    for (let seed = 1; seed <= 30; seed++) {
      const { provider, apply, clock } = setup({
        seed,
        duplicates: "allow",
        faults: { lostResponse: 0.15, timeout: 0.05, unavailable: 0.05 },
      });
      const desired = declaration(apps, 25);
      const stopAfterMs = Math.floor(seededRandom(seed)() * 130_000);
      const stop = new AbortController();
      const timer = clock.sleep(stopAfterMs).then(() => stop.abort());
      const first = await apply(replan(apps, desired, provider), {}, { signal: stop.signal });
      await timer;
      expect(first.stopped, `seed ${seed}`).toBe("interrupted");
      for (let runs = 1; replan(apps, desired, provider).changes.some((c) => c.action !== "noop"); runs++) {
        expect(runs, `seed ${seed} did not converge`).toBeLessThanOrEqual(3);
        await apply(replan(apps, desired, provider));
      }
      expect(remoteKeys(provider), `seed ${seed}`).toEqual(desired.map(templateKey).sort());
    }
  });
});
