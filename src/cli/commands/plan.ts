import type { Command } from "commander";
import { addConfigOptions, addSandboxOption, addScopeOptions, collect } from "../context.js";
import { formatOption, outOption } from "./options.js";

export function registerPlan(program: Command): void {
  const cmd = program
    .command("plan")
    .description("show what apply would create, update, replace, delete or leave blocked, and why")
    .addOption(outOption("save the plan as JSON, for `waform apply <file>`"))
    .addOption(formatOption(["text", "json", "markdown"], "text"))
    .option(
      "--detailed-exitcode",
      "exit 2 when there are changes (or blocks that wait for time), 1 when a change can never be applied as declared (or on error), 0 when there is nothing to do",
    );
  addConfigOptions(cmd);
  addScopeOptions(cmd);
  addSandboxOption(cmd);
  cmd.action(async (opts) => (await import("../actions/plan.js")).runPlan(opts));
  registerPlanMerge(cmd);
}

function registerPlanMerge(plan: Command): void {
  // commander hands options written after `merge` to `plan` when they are plan's too (the program
  // does not use positional options), so the action reads both; these declarations give the help
  plan
    .command("merge")
    .description(
      "combine the JSON plans of `--shard K/N` jobs into one plan, report and PR comment (refuses overlapping shards)",
    )
    .argument("<plan-files...>", "plans saved by `waform plan --shard K/N --out FILE`, one per shard")
    .addOption(outOption("save the merged plan as JSON, for `waform apply <file>`"))
    // no default here: the value commander hands to `plan` must not be shadowed (see above)
    .addOption(formatOption(["text", "json", "markdown"], "text").default(undefined, "text"))
    .option(
      "--detailed-exitcode",
      "exit 2 when the merged plan has changes (or blocks that wait for time), 1 when a change can never be applied as declared (or on error), 0 otherwise",
    )
    .option(
      "-f, --file <path>",
      "also check that the shards cover every app this configuration declares (repeatable)",
      collect,
    )
    .action(async (files: string[], _opts, self: Command) =>
      (await import("../actions/plan-merge.js")).runPlanMerge(files, self),
    );
}
