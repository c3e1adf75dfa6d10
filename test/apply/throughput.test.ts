// Apply at the limits the API allows (issue 6 item 2, issue 12 item 2): with the limit configured,
// waform paces to it exactly (no 429, wall time within 1.1 × the rate-limit bound: n calls at N a
// window need (⌈n / N⌉ − 1) windows); with the limit unknown, it learns it from the first 429 of
// each app (one 429 per app) and every template is created once. All in virtual time, through the
// run's budget as the CLI builds it. `WAFORM_REPORT=1 npx vitest run test/apply/throughput.test.ts`
// prints the figures.

import { describe, expect, it } from "vitest";
import type { AppConfig } from "../../src/model/app.js";
import { app, declaration, replan, START } from "./builders.js";
import { remoteKeys, setup } from "./harness.js";
import type { WindowLimit } from "./memory-provider.js";

interface Scenario {
  name: string;
  apps: number;
  perApp: number;
  limit: number;
  window: WindowLimit["kind"];
  /** Tell waform the limit (AppConfig.rateLimitPerMinute), or leave it to learn. */
  configured: boolean;
}

const rows: string[] = [];

async function measure(s: Scenario) {
  const apps: AppConfig[] = Array.from({ length: s.apps }, (_, i) =>
    app(`app${i}`, s.configured ? { rateLimitPerMinute: s.limit } : {}),
  );
  const desired = declaration(apps, s.perApp);
  // start in the middle of a server window, as a real run would
  const { provider, apply } = setup({
    start: START + 17_300,
    latencyMs: 20,
    templatesLimit: { limit: s.limit, windowMs: 60_000, kind: s.window },
  });
  await Promise.all(apps.map((a) => provider.listTemplates(a)));
  const result = await apply(replan(apps, desired, provider));
  const wallMs = result.finishedAt - result.startedAt;
  // the plan's list call and the creates share each app's budget
  const boundMs = (Math.ceil((s.perApp + 1) / s.limit) - 1) * 60_000;
  const ratio429 = provider.limited / provider.calls.length;
  rows.push(
    `| ${s.name} | ${s.apps}×${s.perApp} | ${s.limit}/min ${s.window} | ${(wallMs / 1000).toFixed(1)} s | ${(boundMs / 1000).toFixed(1)} s | ${boundMs ? (wallMs / boundMs).toFixed(3) : "-"} | ${provider.limited}/${provider.calls.length} (${(ratio429 * 100).toFixed(2)} %) |`,
  );
  return { result, provider, desired, wallMs, boundMs, ratio429 };
}

const configured: Scenario[] = [
  { name: "configured", apps: 4, perApp: 50, limit: 10, window: "fixed", configured: true },
  { name: "configured", apps: 4, perApp: 50, limit: 10, window: "rolling", configured: true },
  { name: "configured (issue 6)", apps: 10, perApp: 60, limit: 600, window: "fixed", configured: true },
  { name: "configured", apps: 2, perApp: 200, limit: 30, window: "rolling", configured: true },
];

const unknown: Scenario[] = configured.map((s) => ({
  ...s,
  name: s.name.replace("configured", "unknown"),
  configured: false,
}));

describe("apply throughput against per-app rate limits", () => {
  it.each(configured)(
    "$name: $apps apps × $perApp creates at $limit/min ($window window): no 429, wall within 1.1 × bound",
    async (s) => {
      const m = await measure(s);
      expect(m.provider.limited).toBe(0);
      expect(m.result.counts.created).toBe(s.apps * s.perApp);
      // plus the round trips themselves (20 ms each, 4 changes of an app at a time)
      expect(m.wallMs).toBeLessThanOrEqual(1.1 * m.boundMs + 2_000);
    },
  );

  it.each(unknown)(
    "$name: $apps apps × $perApp creates at $limit/min ($window window): ≤ one 429 per app, each once",
    async (s) => {
      const m = await measure(s);
      expect(m.provider.limited).toBeLessThanOrEqual(s.apps);
      expect(m.result.counts).toMatchObject({ created: s.apps * s.perApp, failed: 0 });
      expect(remoteKeys(m.provider)).toEqual(m.desired.map((d) => `${d.app}/${d.name}/${d.language}`).sort());
      // learning costs at most one extra window over the bound
      expect(m.wallMs).toBeLessThanOrEqual(m.boundMs + 60_000);
    },
  );

  it("prints the figures on demand", () => {
    if (process.env["WAFORM_REPORT"]) {
      process.stdout.write(
        [
          "",
          "| mode | creates | server limit | wall (virtual) | bound | wall/bound | 429s |",
          "|---|---|---|---|---|---|---|",
          ...rows,
          "",
        ].join("\n"),
      );
    }
    expect(rows).toHaveLength(configured.length + unknown.length);
  });
});
