import type { Command } from "commander";
import { addConfigOptions, addSandboxOption, addScopeOptions } from "../context.js";

export function registerPlan(program: Command): void {
  const cmd = program
    .command("plan")
    .description("show what apply would create, update, replace, delete or leave blocked, and why")
    .option("-o, --out <file>", "save the plan as JSON, for `waform apply <file>`")
    .option("--format <format>", "text | json | markdown", "text")
    .option("--detailed-exitcode", "exit 2 when there are changes (0: none, 1: error)");
  addConfigOptions(cmd);
  addScopeOptions(cmd);
  addSandboxOption(cmd);
  cmd.action(async (opts) => (await import("../actions/plan.js")).runPlan(opts));
}
