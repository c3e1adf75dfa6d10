import { driftReport, hasDrift } from "../../plan/drift.js";
import { renderDriftJson, renderDriftMarkdown, renderDriftText } from "../../render/drift.js";
import { appendStepSummary } from "../ci.js";
import { parseFormat, withProvider } from "../context.js";
import { EXIT } from "../errors.js";
import { writeErr, writeOut } from "../output.js";
import { checkOutputFile, writeOutputFile, writesStdout } from "../output-file.js";
import { computePlan, PLAN_FORMATS, type PlanCommandOptions } from "../planning.js";

export async function runDrift(
  opts: PlanCommandOptions & { format?: string; out?: string; detailedExitcode?: boolean },
): Promise<void> {
  const format = parseFormat(opts.format, PLAN_FORMATS, "text");
  // a directory or a missing parent directory fails before the remote is read
  if (opts.out) await checkOutputFile(opts.out);
  const plan = await withProvider(opts, (provider) => computePlan(provider, opts, Date.now()));
  const report = driftReport(plan);
  const render = { text: renderDriftText, json: renderDriftJson, markdown: renderDriftMarkdown }[format];
  if (opts.out) await writeOutputFile(opts.out, renderDriftJson(report));
  // `-o -` puts the JSON report on stdout: the chosen format moves to stderr, so stdout stays one JSON
  (writesStdout(opts.out) ? writeErr : writeOut)(render(report));
  await appendStepSummary(renderDriftMarkdown(report));
  // drift is a check: exit 2 on drift unless --no-detailed-exitcode asks for 0
  if (hasDrift(report) && opts.detailedExitcode !== false) process.exitCode = EXIT.changes;
}
