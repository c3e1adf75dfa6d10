import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../src/apply/token-bucket.js";
import { VirtualClock } from "../helpers/virtual-clock.js";

const clock = new VirtualClock(0, { autoAdvance: false });

describe("TokenBucket", () => {
  it("spaces calls by window / limit and allows no burst after idling", () => {
    const b = new TokenBucket(clock, { limit: 10, windowMs: 60_000 });
    expect(b.waitMs(0)).toBe(0);
    b.take(0);
    expect(b.waitMs(0)).toBe(6_000);
    expect(b.waitMs(6_000)).toBe(0);
    b.take(200_000);
    expect(b.waitMs(200_000)).toBe(6_000);
  });

  it("adds the safety margin to the spacing", () => {
    const b = new TokenBucket(clock, { limit: 10, windowMs: 60_000 }, { safetyMargin: 0.02 });
    b.take(0);
    expect(b.waitMs(0)).toBeCloseTo(6_120);
  });

  it("without a rate, only a pause holds calls back, and a pause is never shortened", () => {
    const b = new TokenBucket(clock, undefined);
    b.take(0);
    expect(b.waitMs(0)).toBe(0);
    b.pauseUntil(30_000);
    b.pauseUntil(10_000);
    expect(b.waitMs(5_000)).toBe(25_000);
  });

  it("never lets more than `limit` calls into any window, whatever the arrivals (fixed or rolling)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: 1, maxLength: 120 }),
        (limit, arrivals) => {
          const b = new TokenBucket(clock, { limit, windowMs: 60_000 });
          const sent: number[] = [];
          let now = 0;
          for (const at of arrivals.sort((x, y) => x - y)) {
            now = Math.max(now, at);
            now += b.waitMs(now);
            b.take(now);
            sent.push(now);
          }
          // every rolling window [t, t + 60 s) that starts at a send holds at most `limit` sends
          return sent.every((t) => sent.filter((s) => s >= t && s < t + 60_000).length <= limit);
        },
      ),
    );
  });

  it("serves exclusive sections in the order they were asked", async () => {
    const b = new TokenBucket(clock, undefined);
    const order: number[] = [];
    await Promise.all(
      [30, 10, 20].map((delay, i) =>
        b.exclusive(async () => {
          await new Promise((r) => setTimeout(r, delay));
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2]);
  });
});
