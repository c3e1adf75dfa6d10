import { describe, expect, it } from "vitest";
import { withRateLimits } from "../../src/apply/rate-limited-provider.js";
import { createRateLimiter } from "../../src/apply/rate-limiter.js";
import { app, declaration, replan } from "./builders.js";
import { setup } from "./harness.js";

const shop = app("shop", { rateLimitPerMinute: 10 });

describe("withRateLimits", () => {
  it("lets the plan's list call and the apply share one budget: no 429 on a rolling window", async () => {
    const { provider, apply, clock } = setup({
      templatesLimit: { limit: 10, windowMs: 60_000, kind: "rolling" },
    });
    const limiter = createRateLimiter(clock);
    const listed = await withRateLimits(provider, limiter).listTemplates(shop);
    const plan = replan([shop], declaration([shop], 10), provider);
    expect(listed).toEqual({ templates: [], unmanageable: [], warnings: [] });

    const result = await apply(plan, {}, { limiter });

    expect(result.counts.created).toBe(10);
    expect(provider.limited).toBe(0);
    expect(provider.calls.map((c) => c.method)).toEqual(["list", ...Array(10).fill("create")]);
  });

  it("without sharing, the same run meets a 429 (why the CLI should pass its limiter)", async () => {
    const { provider, apply } = setup({ templatesLimit: { limit: 10, windowMs: 60_000, kind: "rolling" } });
    await provider.listTemplates(shop);
    const result = await apply(replan([shop], declaration([shop], 10), provider));
    expect(result.counts.created).toBe(10);
    expect(provider.limited).toBe(1);
  });
});
