import { appendStepSummary } from "../ci.js";
import { parseFormat, withProvider } from "../context.js";
import { writeErr, writeOut } from "../output.js";
import { checkOutputFile, writesStdout } from "../output-file.js";
import {
  computePlan,
  PLAN_FORMATS,
  type PlanCommandOptions,
  renderPlanAs,
  setDetailedExitCode,
  writePlanFile,
} from "../planning.js";

export async function runPlan(
  opts: PlanCommandOptions & { out?: string; format?: string; detailedExitcode?: boolean },
): Promise<void> {
  // a bad flag fails before the remote is read or --out is written
  parseFormat(opts.format, PLAN_FORMATS, "text");
  if (opts.out) await checkOutputFile(opts.out);
  const plan = await withProvider(opts, (provider) => computePlan(provider, opts, Date.now()));
  if (opts.out) await writePlanFile(opts.out, plan);
  const rendered = await renderPlanAs(plan, opts.format);
  // `--out -` puts the saved plan on stdout: the report moves to stderr, so stdout stays one JSON
  (writesStdout(opts.out) ? writeErr : writeOut)(rendered);
  if (process.env["GITHUB_STEP_SUMMARY"])
    await appendStepSummary(opts.format === "markdown" ? rendered : await renderPlanAs(plan, "markdown"));
  if (opts.detailedExitcode) await setDetailedExitCode(plan);
}
