import type { Command } from "commander";
import { addConfigOptions, addSandboxOption, collect } from "../context.js";
import { hiddenAlias, outOption } from "./options.js";

export function registerImport(program: Command): void {
  const cmd = program
    .command("import")
    .description(
      "write the remote templates of the declared apps as templates.yaml, to adopt an existing account",
    )
    .option("--app <alias>", "only this app (repeatable)", collect)
    .addOption(outOption("write here instead of stdout (refuses to overwrite without --force)"))
    .addOption(hiddenAlias("--output <file>", "-o, --out"))
    .option("--force", "overwrite the output file");
  addConfigOptions(cmd);
  addSandboxOption(cmd);
  cmd.action(async (opts) => (await import("../actions/import.js")).runImport(opts));
}
