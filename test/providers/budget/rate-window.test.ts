import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RateWindow } from "../../../src/providers/budget/rate-window.js";
import { VirtualClock } from "../../helpers/virtual-clock.js";

const clock = new VirtualClock(0, { autoAdvance: false });
const MIN = 60_000;

describe("RateWindow", () => {
  it("lets `limit` requests go at once, then the next when the oldest leaves the window", () => {
    const w = new RateWindow(clock, { limit: 3, windowMs: MIN }, { safetyMargin: 0 });
    for (const at of [0, 10, 20]) {
      expect(w.waitMs(at)).toBe(0);
      w.take(at);
    }
    // span = window + 100 ms (the least margin)
    expect(w.waitMs(30)).toBe(MIN + 100 - 30);
    w.take(MIN + 100);
    expect(w.waitMs(MIN + 100)).toBe(10 + MIN + 100 - (MIN + 100));
  });

  it("counts a margin of 2 % of the window on top (at least 100 ms)", () => {
    const w = new RateWindow(clock, { limit: 1, windowMs: MIN });
    w.take(0);
    expect(w.waitMs(0)).toBe(MIN * 1.02);
    const short = new RateWindow(clock, { limit: 1, windowMs: 1_000 });
    short.take(0);
    expect(short.waitMs(0)).toBe(1_100);
  });

  it("without a rate, only a pause holds requests back, and a pause is never shortened", () => {
    const w = new RateWindow(clock, undefined);
    w.take(0);
    expect(w.waitMs(0)).toBe(0);
    w.pauseUntil(30_000);
    w.pauseUntil(10_000);
    expect(w.waitMs(5_000)).toBe(25_000);
  });

  it("remembers requests sent while the limit was unknown, so a limit learned later counts them", () => {
    const w = new RateWindow(clock, undefined, { safetyMargin: 0, historyMs: MIN });
    for (const at of [0, 1_000, 2_000]) w.take(at);
    w.setRate({ limit: 3, windowMs: MIN });
    expect(w.waitMs(2_000)).toBe(MIN + 100 - 2_000);
  });

  it("never lets more than `limit` requests into any window, and is never slower than the bound", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: 1, maxLength: 120 }),
        (limit, arrivals) => {
          const w = new RateWindow(clock, { limit, windowMs: MIN }, { safetyMargin: 0 });
          const sent: number[] = [];
          let now = 0;
          for (const at of arrivals.sort((x, y) => x - y)) {
            now = Math.max(now, at);
            now += w.waitMs(now);
            w.take(now);
            sent.push(now);
          }
          // every rolling window [t, t + 60 s) that starts at a send holds at most `limit` sends
          const safe = sent.every((t) => sent.filter((s) => s >= t && s < t + MIN).length <= limit);
          // requests all there at 0 finish within (⌈n / limit⌉ − 1) windows (plus margins)
          const allAtOnce = arrivals.every((a) => a === arrivals[0]);
          const bound = (Math.ceil(sent.length / limit) - 1) * (MIN + 100);
          return safe && (!allAtOnce || sent.at(-1)! - sent[0]! <= bound);
        },
      ),
    );
  });
});
