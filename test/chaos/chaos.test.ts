// Issue 7, item 1: never a duplicate, never a lost update, nothing undeclared deleted — through the
// real client and the real sandbox server, with faults on. See scenario.ts for what one seed does.
// `npm test` runs 50 seeds; `npm run chaos` 1,000 (CHAOS_SEEDS=N for any other count, and
// CHAOS_FIRST_SEED=S to start elsewhere, e.g. to replay one failing seed: CHAOS_FIRST_SEED=17 CHAOS_SEEDS=1).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChaosDeclaration, chaosDeclaration } from "./declaration.js";
import { MAX_RUNS, runChaosSeed, type SeedReport } from "./scenario.js";

const SEEDS = Number(process.env["CHAOS_SEEDS"] ?? 50);
const FIRST = Number(process.env["CHAOS_FIRST_SEED"] ?? 1);
/** Seeds per test case: keeps each case well inside the per-test timeout, and shows progress. */
const BATCH = 10;

let decl: ChaosDeclaration;
const reports: SeedReport[] = [];

beforeAll(async () => {
  decl = await chaosDeclaration();
});

afterAll(() => {
  if (reports.length === 0) return;
  const sum = (f: (r: SeedReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  process.stdout.write(
    `\nchaos (real client + sandbox): ${reports.length} seeds, ${sum((r) => r.requests)} requests, ` +
      `${sum((r) => r.faults)} faults injected + ${sum((r) => r.realRateLimited)} rate-limit 429s, ` +
      `${sum((r) => r.duplicates.length)} duplicates, ${reports.filter((r) => r.runs > 1).length} seeds needed more than one run\n`,
  );
});

describe("chaos: 200 templates over 4 apps through the real client and sandbox, faults on", () => {
  for (let from = FIRST; from < FIRST + SEEDS; from += BATCH) {
    const to = Math.min(FIRST + SEEDS, from + BATCH) - 1;
    it(`seeds ${from}–${to}: converge within ${MAX_RUNS} runs to exactly the declaration`, async () => {
      for (let seed = from; seed <= to; seed++) {
        const report = await runChaosSeed(seed, decl);
        reports.push(report);
        const replay = `replay: CHAOS_FIRST_SEED=${seed} CHAOS_SEEDS=1 npx vitest run test/chaos`;
        expect(
          report.converged,
          `seed ${seed} did not converge: ${report.failures.join("; ")}; ${replay}`,
        ).toBe(true);
        expect(report.duplicates, `seed ${seed}: duplicates; ${replay}`).toEqual([]);
        expect(report.missing, `seed ${seed}: missing; ${replay}`).toEqual([]);
        expect(report.pending, `seed ${seed}: a fresh plan is not all noop; ${replay}`).toEqual([]);
        expect(report.wronglyDeleted, `seed ${seed}: undeclared deleted without prune; ${replay}`).toEqual(
          [],
        );
        expect(report.notPruned, `seed ${seed}: undeclared kept despite prune; ${replay}`).toEqual([]);
        expect(report.faults, `seed ${seed}: too few faults to mean anything`).toBeGreaterThan(20);
      }
    }, 120_000);
  }
});
