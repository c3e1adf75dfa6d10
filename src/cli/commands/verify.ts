import type { Command } from "commander";
import { addConfigOptions, addSandboxOption, addScopeOptions } from "../context.js";
import { channelOption, formatOption } from "./options.js";

/** Options shared by `verify` and `apply` (which verifies what it changed). */
export function addVerifyOptions(cmd: Command): Command {
  return cmd
    .addOption(
      channelOption(
        "test-send channel (default: the template's or app's; gupshup-v3 for an LTO, else gupshup-partner)",
      ),
    )
    .option("--wait-timeout <duration>", "how long to wait for Meta's approval (e.g. 90s, 10m, 24h)", "10m")
    .option("--junit <file>", "also write a JUnit XML report for CI dashboards");
}

export function registerVerify(program: Command): void {
  const cmd = program
    .command("verify")
    .description(
      "wait for Meta's approval of the declared templates, then test-send them (exit 3 on rejection)",
    )
    .addOption(formatOption(["text", "json"], "text"));
  addConfigOptions(cmd);
  addScopeOptions(cmd);
  addSandboxOption(cmd);
  addVerifyOptions(cmd);
  cmd.action(async (opts) => (await import("../actions/verify.js")).runVerify(opts));
}
