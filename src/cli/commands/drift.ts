import type { Command } from "commander";
import { addConfigOptions, addSandboxOption, addScopeOptions } from "../context.js";
import { formatOption, outOption } from "./options.js";

export function registerDrift(program: Command): void {
  const cmd = program
    .command("drift")
    .description(
      "read-only audit: what changed outside waform, what is missing, what is undeclared (exit 2 on drift)",
    )
    .addOption(formatOption(["text", "json", "markdown"], "text"))
    .addOption(outOption("also save the report as JSON (whatever --format is), e.g. for a CI artifact"))
    .option("--detailed-exitcode", "exit 2 when there is drift (0: none, 1: error); the default for drift")
    .option("--no-detailed-exitcode", "exit 0 when there is drift too (the report still lists it)");
  addConfigOptions(cmd);
  addScopeOptions(cmd);
  addSandboxOption(cmd);
  cmd.action(async (opts) => (await import("../actions/drift.js")).runDrift(opts));
}
