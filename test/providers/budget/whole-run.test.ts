// One budget for a whole run (issue 12 item 2), through the real client (undici) and the real
// sandbox server, in virtual time: plan's list, apply's creates and verify's polls of one app at
// the Partner API's documented 10 calls a minute. With the limit configured: no 429 at all and the
// run within 1.1 × the bound its calls imply ((⌈calls / 10⌉ − 1) minutes); with the limit unknown:
// one 429. The clock only jumps while no request is in flight, so the sandbox stamps each request
// when the client sent it, whatever the machine's speed.

import { describe, expect, it } from "vitest";
import { applyPlan } from "../../../src/apply/apply.js";
import type { CoreEvent } from "../../../src/model/events.js";
import { makePlan } from "../../../src/plan/make-plan.js";
import { createBudget, type RateBudget } from "../../../src/providers/budget/index.js";
import { fetchRemote } from "../../../src/providers/fetch-remote.js";
import { createGupshupProvider } from "../../../src/providers/gupshup/index.js";
import { startSandbox } from "../../../src/sandbox/index.js";
import { waitForApproval } from "../../../src/verify/wait.js";
import { app, declaration } from "../../apply/builders.js";
import { VirtualClock } from "../../helpers/virtual-clock.js";

const EPOCH = Date.UTC(2030, 0, 1);
const MIN = 60_000;
const CREATES = 12;

async function wholeRun(configured: boolean) {
  let inFlight = 0;
  const clock = new VirtualClock(EPOCH, { busy: () => inFlight > 0 });
  // the sandbox's documented limits (templates: 10 a minute per app), no Retry-After
  const sandbox = await startSandbox({ clock, approvalDelayMs: 2_000 });
  const events: CoreEvent[] = [];
  const budget = createBudget({ clock, emit: (e) => events.push(e) });
  const counting: RateBudget = {
    spend: (meter, send, opts) =>
      budget.spend(
        meter,
        async (at) => {
          inFlight++;
          try {
            return await send(at);
          } finally {
            inFlight--;
          }
        },
        opts,
      ),
    rateOf: (meter) => budget.rateOf(meter),
  };
  const provider = createGupshupProvider({
    env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "any" },
    clock,
    budget: counting,
  });
  const shop = app("shop", configured ? { rateLimitPerMinute: 10 } : {});
  const desired = declaration([shop], CREATES);
  try {
    const t0 = clock.now();
    const plan = makePlan(desired, (await fetchRemote(provider, [shop])).templates, {
      apps: [shop],
      now: clock.now(),
    });
    const applied = await applyPlan(plan, { provider, clock });
    const approvals = await waitForApproval(
      desired.map((d) => ({ app: shop, key: { app: d.app, name: d.name, language: d.language } })),
      { provider, clock },
      { timeoutMs: 10 * MIN },
    );
    const stats = sandbox.stats();
    const calls = stats.byBucket["templates"] ?? 0;
    return {
      wallMs: clock.now() - t0,
      calls,
      boundMs: (Math.ceil(calls / 10) - 1) * MIN,
      rateLimited: stats.rateLimited,
      created: applied.counts.created,
      approved: approvals.filter((a) => a.state === "approved").length,
      events,
    };
  } finally {
    await provider.close();
    await sandbox.close();
  }
}

describe("one rate budget for plan, apply and verify", () => {
  it("with `rateLimit: { perMinute: 10 }`: no 429, and the run within 1.1 × the bound its calls imply", async () => {
    const r = await wholeRun(true);
    expect([r.created, r.approved]).toEqual([CREATES, CREATES]);
    expect(r.rateLimited).toBe(0);
    expect(r.calls).toBeGreaterThan(10);
    expect(r.wallMs).toBeGreaterThanOrEqual(r.boundMs);
    expect(r.wallMs).toBeLessThanOrEqual(1.1 * r.boundMs);
    // the wait for the second minute was announced, once
    expect(r.events.filter((e) => e.type === "rate_wait")).toEqual([
      expect.objectContaining({
        app: "shop",
        group: "templates",
        cause: "pace",
        rate: { limit: 10, windowMs: MIN },
      }),
    ]);
  });

  it("with the limit unknown: one 429, learned from, and then no other", async () => {
    const r = await wholeRun(false);
    expect([r.created, r.approved]).toEqual([CREATES, CREATES]);
    expect(r.rateLimited).toBe(1);
    expect(r.events.filter((e) => e.type === "rate_learned")).toEqual([
      { type: "rate_learned", app: "shop", group: "templates", rate: { limit: 10, windowMs: MIN } },
    ]);
    // the 429 (no Retry-After) costs a whole window of silence, not more
    expect(r.wallMs).toBeLessThanOrEqual(r.boundMs + 1.1 * MIN);
  });
});
