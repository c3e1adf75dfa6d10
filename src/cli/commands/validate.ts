import { type Command, Option } from "commander";
import { addConfigOptions } from "../context.js";

export function registerValidate(program: Command): void {
  const cmd = program
    .command("validate")
    .description(
      "check templates.yaml offline: structure, Meta's template rules and the test blocks (no network)",
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"));
  addConfigOptions(cmd);
  cmd.action(async (opts) => (await import("../actions/validate.js")).runValidate(opts));
}
