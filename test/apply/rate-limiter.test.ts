import { describe, expect, it } from "vitest";
import { createRateLimiter, type LearnedLimit } from "../../src/apply/rate-limiter.js";
import { RemoteError } from "../../src/model/errors.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { app, START } from "./builders.js";

/** A fixed-window server for one bucket: answers 429 with Retry-After once `limit` calls are in the window. */
function fixedWindow(clock: VirtualClock, limit: number) {
  const seen: number[] = [];
  let rejected = 0;
  return {
    get rejected() {
      return rejected;
    },
    async call(): Promise<void> {
      const now = clock.now();
      const start = Math.floor(now / 60_000) * 60_000;
      if (seen.filter((t) => t >= start).length >= limit) {
        rejected++;
        throw new RemoteError("rate_limited", "Too Many Requests", {
          status: 429,
          retryAfterMs: start + 60_000 - now,
        });
      }
      seen.push(now);
      await clock.sleep(50);
    },
  };
}

async function callUntilDone(
  limiter: ReturnType<typeof createRateLimiter>,
  a: ReturnType<typeof app>,
  fn: () => Promise<void>,
) {
  for (;;) {
    try {
      return await limiter.run(a, "templates", fn);
    } catch (e) {
      if (!(e instanceof RemoteError)) throw e;
    }
  }
}

describe("createRateLimiter", () => {
  it("paces a configured app at its limit while other apps run alongside", async () => {
    const clock = new VirtualClock(START);
    const limiter = createRateLimiter(clock, { limits: { safetyMargin: 0 } });
    const slow = app("slow", { rateLimitPerMinute: 10 });
    const fast = app("fast", { rateLimitPerMinute: 60 });
    const sent: Record<string, number[]> = { slow: [], fast: [] };
    await Promise.all(
      [slow, fast].flatMap((a) =>
        Array.from({ length: 6 }, () =>
          limiter.run(a, "templates", async (at) => void sent[a.alias]!.push(at - START)),
        ),
      ),
    );
    expect(sent["slow"]).toEqual([0, 6_000, 12_000, 18_000, 24_000, 30_000]);
    expect(sent["fast"]).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000]);
  });

  it("keeps at most `parallelism` requests in flight over all apps", async () => {
    const clock = new VirtualClock(START);
    const limiter = createRateLimiter(clock, { parallelism: 3, limits: { templatesPerMinute: 6_000 } });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      ["a", "b", "c", "d", "e"].flatMap((alias) =>
        Array.from({ length: 4 }, () =>
          limiter.run(app(alias), "templates", async () => {
            peak = Math.max(peak, ++inFlight);
            await clock.sleep(1_000);
            inFlight--;
          }),
        ),
      ),
    );
    expect(peak).toBe(3);
  });

  it("with the limit unknown, sends one request at a time per app until it learns the limit", async () => {
    const clock = new VirtualClock(START);
    const limiter = createRateLimiter(clock);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        limiter.run(app("shop"), "templates", async () => {
          peak = Math.max(peak, ++inFlight);
          await clock.sleep(100);
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(1);
  });

  it("learns an unknown limit from one 429 and Retry-After, then paces to it with no other 429", async () => {
    const clock = new VirtualClock(START + 20_000);
    const learned: LearnedLimit[] = [];
    const limiter = createRateLimiter(clock, { onLearn: (l) => learned.push(l) });
    const server = fixedWindow(clock, 12);
    const shop = app("shop");
    await Promise.all(Array.from({ length: 50 }, () => callUntilDone(limiter, shop, () => server.call())));
    expect(server.rejected).toBe(1);
    expect(limiter.rateOf(shop, "templates")).toEqual({ limit: 12, windowMs: 60_000 });
    expect(learned.map((l) => [l.app.alias, l.endpoint, l.rate.limit])).toEqual([["shop", "templates", 12]]);
  });

  it("takes a 429 before the documented 10 a minute as a blip, and still settles below a lower real limit", async () => {
    const clock = new VirtualClock(START);
    const limiter = createRateLimiter(clock);
    const server = fixedWindow(clock, 6);
    const shop = app("shop");
    let done = 0;
    await Promise.all(
      Array.from({ length: 40 }, () => callUntilDone(limiter, shop, () => server.call()).then(() => done++)),
    );
    expect(done).toBe(40);
    expect(limiter.rateOf(shop, "templates")!.limit).toBeLessThanOrEqual(6);
    expect(server.rejected).toBeLessThanOrEqual(6);
  });

  it("lowers a pace that still meets a 429, then climbs back to the configured limit once calm", async () => {
    const clock = new VirtualClock(START);
    const limiter = createRateLimiter(clock, { limits: { safetyMargin: 0 } });
    const shop = app("shop", { rateLimitPerMinute: 20 });
    let blip = true;
    const paces: number[] = [];
    for (let i = 0; i < 80; i++) {
      await callUntilDone(limiter, shop, async () => {
        if (i === 10 && blip) {
          blip = false;
          throw new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs: 1_000 });
        }
      });
      paces.push(limiter.rateOf(shop, "templates")!.limit);
    }
    expect(paces[0]).toBe(20);
    expect(Math.min(...paces)).toBeLessThan(20);
    expect(paces.at(-1)).toBe(20);
    expect(Math.max(...paces)).toBe(20);
  });

  it("a wait aborted by the signal rejects with its reason and sends nothing", async () => {
    const clock = new VirtualClock(START);
    const limiter = createRateLimiter(clock);
    const shop = app("shop", { rateLimitPerMinute: 1 });
    const stop = new AbortController();
    let calls = 0;
    await limiter.run(shop, "templates", async () => void calls++);
    const waiting = limiter.run(shop, "templates", async () => void calls++, stop.signal);
    stop.abort(new Error("interrupted"));
    await expect(waiting).rejects.toThrow("interrupted");
    expect(calls).toBe(1);
  });
});
