import type { Command } from "commander";
import { addConfigOptions, addSandboxOption, addScopeOptions } from "../context.js";
import { formatOption } from "./options.js";
import { addVerifyOptions } from "./verify.js";

export function registerApply(program: Command): void {
  const cmd = program
    .command("apply")
    .description("make the remote match the declaration (or a saved plan), then verify what changed")
    .argument("[plan-file]", "a plan saved by `waform plan --out`; refused if the remote changed since")
    .option("--auto-approve", "apply without asking (required when not on a terminal)")
    .option(
      "--parallelism <n>",
      "requests in flight at once over all apps (default 16); each app's rate limit still paces its own",
    )
    .addOption(formatOption(["text", "json"], "text"))
    .option("--no-verify", "skip waiting for approval and test sends");
  addConfigOptions(cmd);
  addScopeOptions(cmd);
  addSandboxOption(cmd);
  addVerifyOptions(cmd);
  cmd.action(async (planFile, opts) => (await import("../actions/apply.js")).runApply(planFile, opts));
}
