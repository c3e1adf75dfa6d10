import { hasChanges } from "../../plan/summary.js";
import { withProvider } from "../context.js";
import { EXIT } from "../errors.js";
import { writeOut } from "../output.js";
import { atomicWritePlan, computePlan, type PlanCommandOptions, renderPlanAs } from "../planning.js";

export async function runPlan(
  opts: PlanCommandOptions & { out?: string; format?: string; detailedExitcode?: boolean },
): Promise<void> {
  const plan = await withProvider(opts, (provider) => computePlan(provider, opts, Date.now()));
  if (opts.out) await atomicWritePlan(opts.out, plan);
  writeOut(await renderPlanAs(plan, opts.format));
  if (opts.detailedExitcode && hasChanges(plan)) process.exitCode = EXIT.changes;
}
