import type { Command } from "commander";
import { addConfigOptions } from "../context.js";
import { formatOption } from "./options.js";

export function registerValidate(program: Command): void {
  const cmd = program
    .command("validate")
    .description(
      "check templates.yaml offline: structure, Meta's template rules and the test blocks (no network)",
    )
    .addOption(formatOption(["text", "json"], "text"));
  addConfigOptions(cmd);
  cmd.action(async (opts) => (await import("../actions/validate.js")).runValidate(opts));
}
