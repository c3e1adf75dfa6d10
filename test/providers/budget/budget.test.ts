import { describe, expect, it } from "vitest";
import type { AppConfig } from "../../../src/model/app.js";
import { RemoteError } from "../../../src/model/errors.js";
import type { CoreEvent } from "../../../src/model/events.js";
import { createBudget, type RateBudget, type RequestMeter } from "../../../src/providers/budget/index.js";
import { VirtualClock } from "../../helpers/virtual-clock.js";

const START = Date.UTC(2025, 0, 1);
const MIN = 60_000;

function app(alias: string, over: Partial<AppConfig> = {}): AppConfig {
  return { alias, appId: `app-${alias}`, appName: alias, source: "+15550000000", prune: false, ...over };
}

const templates = (a: AppConfig): RequestMeter => ({ app: a, group: "templates" });

/** A fixed-window server for one budget: answers 429 (with Retry-After unless told not to) once `limit` calls are in the window. */
function fixedWindow(clock: VirtualClock, limit: number, opts: { retryAfter?: boolean } = {}) {
  const seen: number[] = [];
  let rejected = 0;
  return {
    get rejected() {
      return rejected;
    },
    async call(): Promise<void> {
      const now = clock.now();
      const start = Math.floor(now / MIN) * MIN;
      if (seen.filter((t) => t >= start).length >= limit) {
        rejected++;
        throw new RemoteError("rate_limited", "Too Many Requests", {
          status: 429,
          ...(opts.retryAfter !== false && { retryAfterMs: start + MIN - now }),
        });
      }
      seen.push(now);
      await clock.sleep(50);
    },
  };
}

async function callUntilDone(budget: RateBudget, a: AppConfig, fn: () => Promise<void>) {
  for (;;) {
    try {
      return await budget.spend(templates(a), fn);
    } catch (e) {
      if (!(e instanceof RemoteError)) throw e;
    }
  }
}

describe("createBudget", () => {
  it("sends a configured app's limit at once, the next ones a window later, while other apps run alongside", async () => {
    const clock = new VirtualClock(START);
    const budget = createBudget({ clock, safetyMargin: 0 });
    const slow = app("slow", { rateLimitPerMinute: 10 });
    const fast = app("fast", { rateLimitPerMinute: 60 });
    const sent: Record<string, number[]> = { slow: [], fast: [] };
    await Promise.all(
      [slow, fast].flatMap((a) =>
        Array.from({ length: 12 }, () =>
          budget.spend(templates(a), async (at) => void sent[a.alias]!.push(at - START)),
        ),
      ),
    );
    expect(sent["slow"]).toEqual([...Array(10).fill(0), MIN + 100, MIN + 100]);
    expect(sent["fast"]).toEqual(Array(12).fill(0));
  });

  it("keeps at most `parallelism` requests in flight over all apps", async () => {
    const clock = new VirtualClock(START);
    const budget = createBudget({ clock, parallelism: 3 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      ["a", "b", "c", "d", "e"].flatMap((alias) =>
        Array.from({ length: 4 }, () =>
          budget.spend(templates(app(alias, { rateLimitPerMinute: 6_000 })), async () => {
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
    const budget = createBudget({ clock });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        budget.spend(templates(app("shop")), async () => {
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
    const events: CoreEvent[] = [];
    const budget = createBudget({ clock, emit: (e) => events.push(e) });
    const server = fixedWindow(clock, 12);
    const shop = app("shop");
    await Promise.all(Array.from({ length: 50 }, () => callUntilDone(budget, shop, () => server.call())));
    expect(server.rejected).toBe(1);
    expect(budget.rateOf(templates(shop))).toEqual({ limit: 12, windowMs: MIN });
    expect(events.filter((e) => e.type === "rate_learned")).toEqual([
      { type: "rate_learned", app: "shop", group: "templates", rate: { limit: 12, windowMs: MIN } },
    ]);
  });

  it("after a 429 without Retry-After, sends nothing more for a whole window", async () => {
    const clock = new VirtualClock(START);
    const budget = createBudget({ clock });
    const server = fixedWindow(clock, 10, { retryAfter: false });
    const shop = app("shop");
    const sent: number[] = [];
    await Promise.all(
      Array.from({ length: 14 }, () =>
        callUntilDone(budget, shop, () => {
          sent.push(clock.now());
          return server.call();
        }),
      ),
    );
    expect(server.rejected).toBe(1);
    const rejectedAt = sent[10]!;
    expect(sent[11]! - rejectedAt).toBeGreaterThanOrEqual(MIN);
  });

  it("takes a 429 before the documented 10 a minute as a blip, and still settles below a lower real limit", async () => {
    const clock = new VirtualClock(START);
    const budget = createBudget({ clock });
    const server = fixedWindow(clock, 6);
    const shop = app("shop");
    let done = 0;
    await Promise.all(
      Array.from({ length: 40 }, () => callUntilDone(budget, shop, () => server.call()).then(() => done++)),
    );
    expect(done).toBe(40);
    expect(budget.rateOf(templates(shop))!.limit).toBeLessThanOrEqual(6);
    expect(server.rejected).toBeLessThanOrEqual(6);
  });

  it("lowers a pace that still meets a 429, then climbs back to the configured limit once calm", async () => {
    const clock = new VirtualClock(START);
    const budget = createBudget({ clock, safetyMargin: 0 });
    const shop = app("shop", { rateLimitPerMinute: 20 });
    let blip = true;
    const paces: number[] = [];
    for (let i = 0; i < 120; i++) {
      await callUntilDone(budget, shop, async () => {
        if (i === 10 && blip) {
          blip = false;
          throw new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs: 1_000 });
        }
      });
      paces.push(budget.rateOf(templates(shop))!.limit);
    }
    expect(paces[0]).toBe(20);
    expect(Math.min(...paces)).toBeLessThan(20);
    expect(paces.at(-1)).toBe(20);
    expect(Math.max(...paces)).toBe(20);
  });

  it("a wait aborted by the signal rejects with its reason and sends nothing", async () => {
    const clock = new VirtualClock(START);
    const budget = createBudget({ clock });
    const shop = templates(app("shop", { rateLimitPerMinute: 1 }));
    const stop = new AbortController();
    let calls = 0;
    await budget.spend(shop, async () => void calls++);
    const waiting = budget.spend(shop, async () => void calls++, { signal: stop.signal });
    stop.abort(new Error("interrupted"));
    await expect(waiting).rejects.toThrow("interrupted");
    expect(calls).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it("serves writes before polls waiting on the same budget, each in the order they asked", async () => {
    const clock = new VirtualClock(START);
    const budget = createBudget({ clock, safetyMargin: 0 });
    const shop = templates(app("shop", { rateLimitPerMinute: 2 }));
    const order: string[] = [];
    const spend = (name: string, priority: "normal" | "poll") =>
      budget.spend(shop, async () => void order.push(name), { priority });
    await Promise.all([
      spend("write 1", "normal"),
      spend("write 2", "normal"),
      spend("poll 1", "poll"),
      spend("write 3", "normal"),
      spend("poll 2", "poll"),
      spend("write 4", "normal"),
    ]);
    expect(order).toEqual(["write 1", "write 2", "write 3", "write 4", "poll 1", "poll 2"]);
  });

  it("announces each wait long enough to notice, once, with the app and the pace", async () => {
    const clock = new VirtualClock(START);
    const events: CoreEvent[] = [];
    const budget = createBudget({ clock, safetyMargin: 0, emit: (e) => events.push(e) });
    const shop = templates(app("shop", { rateLimitPerMinute: 10 }));
    await Promise.all(Array.from({ length: 25 }, () => budget.spend(shop, async () => {})));
    const waits = events.filter((e) => e.type === "rate_wait");
    expect(waits).toEqual([
      {
        type: "rate_wait",
        app: "shop",
        group: "templates",
        rate: { limit: 10, windowMs: MIN },
        cause: "pace",
        waitMs: MIN + 100,
      },
      {
        type: "rate_wait",
        app: "shop",
        group: "templates",
        rate: { limit: 10, windowMs: MIN },
        cause: "pace",
        waitMs: MIN + 100,
      },
    ]);
    // the documented budgets need no learning: one login per window of ten
    const login = createBudget({ clock, emit: (e) => events.push(e) });
    expect(login.rateOf({ group: "login" })).toEqual({ limit: 10, windowMs: MIN });
  });
});
