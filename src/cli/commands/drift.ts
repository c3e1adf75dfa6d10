import type { Command } from "commander";
import { addConfigOptions, addSandboxOption, addScopeOptions } from "../context.js";

export function registerDrift(program: Command): void {
  const cmd = program
    .command("drift")
    .description(
      "read-only audit: what changed outside waform, what is missing, what is undeclared (exit 2 on drift)",
    )
    .option("--format <format>", "text | json | markdown", "text");
  addConfigOptions(cmd);
  addScopeOptions(cmd);
  addSandboxOption(cmd);
  cmd.action(async (opts) => (await import("../actions/drift.js")).runDrift(opts));
}
