// Issue 7, item 1: never a duplicate, never a lost update, nothing undeclared deleted — through the
// real client and the real sandbox server, with faults on. See scenario.ts for what one seed does.
// Every seed runs in every mode (a server that refuses duplicates, as the Partner API does, and one
// that accepts them; 429s with and without Retry-After), so even one seed exercises them all.
// `npm test` runs 25 seeds (50 runs); `npm run chaos` 1,000 (CHAOS_SEEDS=N for any other count, and
// CHAOS_FIRST_SEED=S to start elsewhere, e.g. to replay one failing seed: CHAOS_FIRST_SEED=17 CHAOS_SEEDS=1).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChaosDeclaration, chaosDeclaration } from "./declaration.js";
import { MAX_RUNS, modesFor, runChaosSeed, type SeedReport } from "./scenario.js";

const SEEDS = Number(process.env["CHAOS_SEEDS"] ?? 25);
const FIRST = Number(process.env["CHAOS_FIRST_SEED"] ?? 1);
/** Seeds per test case: keeps each case well inside the per-test timeout, and shows progress. */
const BATCH = 5;

let decl: ChaosDeclaration;
const reports: SeedReport[] = [];

beforeAll(async () => {
  decl = await chaosDeclaration();
});

afterAll(() => {
  if (reports.length === 0) return;
  const sum = (f: (r: SeedReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  process.stdout.write(
    `\nchaos (real client + sandbox): ${new Set(reports.map((r) => r.seed)).size} seeds in ${reports.length} runs, ${sum((r) => r.requests)} requests, ` +
      `${sum((r) => r.faults)} faults injected + ${sum((r) => r.realRateLimited)} rate-limit 429s, ` +
      `${sum((r) => r.adopted)} creates adopted, ${sum((r) => r.duplicates.length)} duplicates, ` +
      `${reports.filter((r) => r.applies > 1).length} needed more than one apply\n`,
  );
});

describe("chaos: 200 templates over 4 apps through the real client and sandbox, faults on", () => {
  for (let from = FIRST; from < FIRST + SEEDS; from += BATCH) {
    const to = Math.min(FIRST + SEEDS, from + BATCH) - 1;
    it.concurrent(`seeds ${from}–${to}, every mode: converge to exactly the declaration`, async () => {
      for (let seed = from; seed <= to; seed++) {
        for (const mode of modesFor(seed)) {
          const report = await runChaosSeed(seed, mode, decl);
          reports.push(report);
          const at = `seed ${seed} (${mode.name})`;
          const replay = `replay: CHAOS_FIRST_SEED=${seed} CHAOS_SEEDS=1 npx vitest run test/chaos`;
          expect(
            report.converged,
            `${at} did not converge in ${MAX_RUNS} runs: ${report.failures.join("; ")}; ${replay}`,
          ).toBe(true);
          expect(report.duplicates, `${at}: duplicates; ${replay}`).toEqual([]);
          expect(report.missing, `${at}: missing; ${replay}`).toEqual([]);
          expect(report.pending, `${at}: a fresh plan is not all noop; ${replay}`).toEqual([]);
          expect(report.wronglyDeleted, `${at}: undeclared deleted without prune; ${replay}`).toEqual([]);
          expect(report.notPruned, `${at}: undeclared kept despite prune; ${replay}`).toEqual([]);
          expect(report.faults, `${at}: too few faults to mean anything`).toBeGreaterThan(20);
          // Reconciliation must be what makes creates converge, not the re-runs: against the server
          // that refuses duplicates a create sent again blind fails with "already exists", which a
          // second run would absorb. So: no change ever fails that way, and creates are adopted on
          // the way. (A run may still fail for other reasons a re-run rightly absorbs: a list page
          // reset four times in a row, a create refused with 429 six times.)
          if (mode.rejectDuplicates) {
            expect(
              report.conflicts,
              `${at}: creates failed with "already exists": ${report.failures.join("; ")}; ${replay}`,
            ).toBe(0);
            expect(
              report.adopted,
              `${at}: no create was adopted, so reconciliation went untested; ${replay}`,
            ).toBeGreaterThan(0);
          }
        }
      }
    }, 120_000);
  }
});
