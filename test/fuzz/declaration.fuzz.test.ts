// Issue 7, item 3: hostile templates.yaml, in process through loadDeclaration (what every command
// runs first). For every case: no exception, a bounded time, and either no error (exit 0: then
// plan and every renderer must cope with what was loaded) or errors that each point at
// file:line:col (exit 1). FUZZ_RUNS=N for more cases; FUZZ_SEED=N to explore other inputs (a
// failure prints the seed and path that replay it).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDeclaration } from "../../src/config/load.js";
import { hasErrors } from "../../src/model/diagnostic.js";
import { makePlan } from "../../src/plan/make-plan.js";
import { renderDiagnosticsText } from "../../src/render/diagnostics.js";
import { renderPlanJson } from "../../src/render/plan-json.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { renderPlanText } from "../../src/render/plan-text.js";
import { type HostileCase, hostileYaml } from "./hostile-yaml.js";

const RUNS = Number(process.env["FUZZ_RUNS"] ?? 1_000);
const SEED = Number(process.env["FUZZ_SEED"] ?? 20_300_101);
/** CPU time per case: far above any real file's, far below a hang (an alias bomb, a quadratic path). */
const CASE_LIMIT_MS = 5_000;
const NOW = Date.UTC(2030, 0, 1);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "waform-fuzz-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  exit: 0 | 1;
  ms: number;
}

/** What `waform plan -f case.yaml` would decide before any request: exit 0 or 1, and why. */
async function check(c: HostileCase): Promise<Outcome> {
  const file = join(dir, "case.yaml");
  writeFileSync(file, c.content);
  // CPU time, not wall time: a loaded machine stretches the wall clock, not the work done
  const started = process.cpuUsage();
  const result = await loadDeclaration([file], { now: NOW, cwd: dir });
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000;
  expect(ms, `${c.kind}: took ${ms} ms of CPU`).toBeLessThan(CASE_LIMIT_MS);

  for (const d of result.diagnostics) {
    expect(d.file, c.kind).toBe("case.yaml");
    expect(d.line, `${c.kind}: ${d.code} ${d.message} has no line`).toBeGreaterThanOrEqual(1);
    expect(d.col, `${c.kind}: ${d.code} ${d.message} has no column`).toBeGreaterThanOrEqual(1);
  }
  const text = renderDiagnosticsText(result.diagnostics);
  const findings = text.split("\n").filter((l) => /^\S/.test(l) && !/^\d+ errors?,/.test(l));
  for (const line of findings.filter((l) => / error /.test(l)))
    expect(line, c.kind).toMatch(/^case\.yaml:\d+:\d+ error [A-Z]+(-[A-Z0-9]+)* \S/);

  if (hasErrors(result.diagnostics)) return { exit: 1, ms };
  // exit 0: what was loaded must plan and render
  const plan = makePlan(result.declaration.templates, [], { apps: result.declaration.apps, now: NOW });
  renderPlanText(plan, { color: false });
  JSON.parse(renderPlanJson(plan));
  renderPlanMarkdown(plan);
  return { exit: 0, ms };
}

describe("fuzz: hostile templates.yaml through loadDeclaration", () => {
  it(`${RUNS} cases: exit 0, or exit 1 with file:line:col; never a throw, never slow`, async () => {
    const byKind = new Map<string, { n: number; exit1: number }>();
    let longest = { ms: 0, kind: "" };
    await fc.assert(
      fc.asyncProperty(hostileYaml, async (c) => {
        const { exit, ms } = await check(c);
        const k = byKind.get(c.kind.replace(/ \(.*\)$/, "")) ?? { n: 0, exit1: 0 };
        k.n++;
        k.exit1 += exit;
        byKind.set(c.kind.replace(/ \(.*\)$/, ""), k);
        if (ms > longest.ms) longest = { ms, kind: c.kind };
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const cases = [...byKind.values()].reduce((n, k) => n + k.n, 0);
    expect(cases).toBe(RUNS);
    // the generators must reach both outcomes, or the property says little
    const exit1 = [...byKind.values()].reduce((n, k) => n + k.exit1, 0);
    expect(exit1).toBeGreaterThan(RUNS / 2);
    expect(exit1).toBeLessThan(RUNS);
    process.stdout.write(
      `\nfuzz: ${cases} cases (${exit1} exit 1, ${cases - exit1} exit 0), longest ${longest.ms.toFixed(0)} ms of CPU (${longest.kind})\n` +
        [...byKind].map(([kind, k]) => `  ${kind}: ${k.n} (${k.exit1} exit 1)`).join("\n") +
        "\n",
    );
  }, 240_000);
});
