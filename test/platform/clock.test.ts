// The one real clock: waits end on time, or at once when aborted, with the abort's reason.

import { describe, expect, it } from "vitest";
import { sleep, systemClock } from "../../src/platform/clock.js";

describe("systemClock", () => {
  it("reads the system time", () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("sleeps, then resolves", async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
  });

  it("ends a long sleep with the reason as soon as the signal aborts", async () => {
    const abort = new AbortController();
    const reason = new Error("interrupted");
    const waiting = sleep(3_600_000, abort.signal);
    abort.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it("does not start a sleep on an aborted signal", async () => {
    const reason = new Error("already");
    await expect(sleep(3_600_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
