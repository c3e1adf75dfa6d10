// CI runs the benchmark harness at its smallest size, end to end (sandbox process, plan, floor,
// baseline, apply, validate, start-up): not for its figures, which need a quiet machine, but to
// keep `npm run bench` working and its counts right. Figures: BENCHMARKS.md.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../cli/validate-run.js";

const APPS = 10;
const TEMPLATES = 100;
const CREATES = 60;

interface Runs {
  wallMs: number;
  rssKb: number;
  requests: number;
  requestsAllRuns: number[];
}

interface Results {
  machine: { cpus: number; node: string };
  plan: {
    templates: number;
    apps: number;
    remoteTemplates: number;
    listPages: number;
    expectedRequests: number;
    planSummary: Record<string, number>;
    expectedSummary: { create: number; update: number; noop: number };
    planUnmanaged: number;
    expectedUnmanaged: number;
    plan: Runs;
    floor: Runs;
    floorRows: number;
    baseline: Runs;
    baselineFound: number;
  }[];
  apply: {
    mode: string;
    created: number;
    remoteTemplates: number;
    duplicates: number;
    rateLimited: number;
  }[];
  validate: { templates: number; wallMs: number };
  startup: { nodeMs: number; versionMs: number };
  targets: { name: string; measured: string; pass: boolean }[];
}

let out: string;
let results: Results;
let markdown: string;

beforeAll(async () => {
  ensureBuilt();
  out = mkdtempSync(join(tmpdir(), "waform-bench-smoke-"));
  const args = ["bench/run.mjs", "--sizes", String(TEMPLATES), "--apps", String(APPS), "--repeat", "1"];
  args.push("--apply-creates", String(CREATES), "--startup-runs", "3", "--out", out, "--quiet");
  // one app at the real 10 calls a minute takes minutes of real time: npm run bench only (the
  // same properties are asserted in virtual time by test/providers/budget/whole-run.test.ts)
  args.push("--skip", "ratelimited");
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT });
  markdown = stdout;
  results = JSON.parse(readFileSync(join(out, "latest.json"), "utf8")) as Results;
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run bench, at the smallest size", () => {
  it("plans with one token and the list pages per app, as the floor does; the baseline reads each template", () => {
    const [p] = results.plan;
    expect(p?.templates).toBe(TEMPLATES);
    // 100 templates over 10 apps: every app's list fits one (short) page
    expect(p?.listPages).toBe(APPS);
    expect(p?.expectedRequests).toBe(APPS * (1 + 1));
    expect(p?.plan.requestsAllRuns).toEqual([p?.expectedRequests]);
    expect(p?.floor.requests).toBe(p?.expectedRequests);
    expect(p?.floorRows).toBe(p?.remoteTemplates);
    expect(p?.baseline.requests).toBe(APPS + TEMPLATES);
  });

  it("measures a plan that finds the differences the remote was given", () => {
    const [p] = results.plan;
    expect(p?.planSummary).toMatchObject(p?.expectedSummary ?? {});
    expect(p?.planUnmanaged).toBe(p?.expectedUnmanaged);
    expect(p?.expectedUnmanaged).toBeGreaterThan(0);
    expect(p?.expectedSummary.create).toBeGreaterThan(0);
    expect(p?.expectedSummary.update).toBeGreaterThan(0);
    // the baseline finds every declared template the remote holds
    expect(p?.baselineFound).toBe(TEMPLATES - (p?.expectedSummary.create ?? 0));
  });

  it("applies every create exactly once, with and without the limit configured", () => {
    expect(results.apply.map((a) => a.mode)).toEqual(["configured", "unknown"]);
    for (const a of results.apply) {
      expect(a).toMatchObject({ created: CREATES, remoteTemplates: CREATES, duplicates: 0 });
    }
    expect(results.apply[0]?.rateLimited).toBe(0);
  });

  it("records the machine and every figure, and prints the tables with each target", () => {
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.machine.node).toBe(process.versions.node);
    for (const t of [results.plan[0]?.plan, results.plan[0]?.floor, results.plan[0]?.baseline]) {
      expect(t?.wallMs).toBeGreaterThan(0);
      expect(t?.rssKb).toBeGreaterThan(0);
    }
    expect(results.validate.wallMs).toBeGreaterThan(0);
    expect(results.startup.versionMs).toBeGreaterThan(0);
    expect(results.targets.length).toBe(10);
    expect(markdown).toContain("| templates | waform plan | floor | per-template baseline |");
    for (const t of results.targets) expect(markdown).toContain(`| ${t.name} | ${t.measured} |`);
  });
});
