// `waform plan merge`: the shard plans of a CI matrix in, one plan out, rendered like `waform plan`.

import type { Command } from "commander";
import { UserError } from "../../model/errors.js";
import { mergePlans, type ShardPlan } from "../../plan/merge.js";
import { formatVersionOf } from "../../plan/plan-document.js";
import { appendStepSummary } from "../ci.js";
import { loadChecked, parseFormat } from "../context.js";
import { writeErr, writeOut } from "../output.js";
import { checkOutputFile, writesStdout } from "../output-file.js";
import { parsePlanText, readPlanText } from "../plan-file.js";
import { PLAN_FORMATS, renderPlanAs, setDetailedExitCode, writePlanFile } from "../planning.js";

export interface PlanMergeOptions {
  format?: string;
  out?: string;
  file?: string[];
  detailedExitcode?: boolean;
}

/** plan's options that make no sense for a merge (they shape how a plan is made). */
const PLAN_ONLY = ["sandbox", "app", "target", "shard"] as const;

/** The options of `merge` itself, else those commander gave to `plan` (see commands/plan.ts). */
export function mergeOptions(cmd: Command): PlanMergeOptions {
  const own = cmd.opts<PlanMergeOptions>();
  const parent = cmd.parent?.opts<PlanMergeOptions & Record<string, unknown>>() ?? {};
  const stray = PLAN_ONLY.filter((k) => parent[k] !== undefined);
  if (stray.length > 0) {
    throw new UserError(
      `plan merge does not take ${stray.map((k) => `--${k}`).join(", ")}`,
      "give those to each `waform plan --shard K/N` job",
    );
  }
  const pick = <K extends keyof PlanMergeOptions>(k: K) => own[k] ?? parent[k];
  const out: PlanMergeOptions = {};
  for (const k of ["format", "out", "file", "detailedExitcode"] as const) {
    const v = pick(k);
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

async function readShard(name: string): Promise<{ name: string; text: string; version: unknown }> {
  const text = await readPlanText(name);
  let version: unknown;
  try {
    version = formatVersionOf(JSON.parse(text));
  } catch {
    // parsePlanText says what is wrong with it
  }
  return { name, text, version };
}

async function parseShard(raw: { name: string; text: string }): Promise<ShardPlan> {
  try {
    return { name: raw.name, plan: await parsePlanText(raw.text) };
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`${raw.name}: ${err.message}`, err.hint);
    throw err;
  }
}

export async function runPlanMerge(files: string[], cmd: Command): Promise<void> {
  const opts = mergeOptions(cmd);
  const format = parseFormat(opts.format, PLAN_FORMATS, "text");
  if (opts.out) await checkOutputFile(opts.out);
  const raws = await Promise.all(files.map(readShard));
  // a file that is no plan at all is reported by parsePlanText, below
  const versioned = raws.filter((r) => r.version !== undefined);
  if (new Set(versioned.map((r) => JSON.stringify(r.version))).size > 1) {
    throw new UserError(
      `the plans have different format versions: ${versioned.map((r) => `${r.name} ${JSON.stringify(r.version)}`).join(", ")}`,
      "make every shard plan with the same waform version",
    );
  }
  const shards = await Promise.all(raws.map(parseShard));
  const declaredApps = opts.file?.length
    ? (await loadChecked({ file: opts.file }, Date.now())).declaration.apps.map((a) => a.alias)
    : undefined;
  const plan = mergePlans(shards, declaredApps ? { declaredApps } : {});
  if (opts.out) await writePlanFile(opts.out, plan);
  const rendered = await renderPlanAs(plan, format);
  (writesStdout(opts.out) ? writeErr : writeOut)(rendered);
  if (process.env["GITHUB_STEP_SUMMARY"])
    await appendStepSummary(format === "markdown" ? rendered : await renderPlanAs(plan, "markdown"));
  if (opts.detailedExitcode) await setDetailedExitCode(plan);
}
