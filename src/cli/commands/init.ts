import type { Command } from "commander";
import { addSandboxOption } from "../context.js";
import { hiddenAlias, outOption } from "./options.js";

export function registerInit(program: Command): void {
  const cmd = program
    .command("init")
    .description(
      "scaffold templates.yaml (schema modeline, one app, a commented LTO example), or adopt an existing account with --import",
    )
    .addOption(outOption("the file to write").default("templates.yaml"))
    .addOption(hiddenAlias("-f, --file <path>", "-o, --out"))
    .option("--force", "overwrite the file if it exists")
    .option(
      "--import",
      "fill the file with the remote templates of its declared apps, or of the app given by --app-id",
    )
    .option("--app-id <id>", "with --import: the Gupshup app id of the one app to adopt")
    .option("--app-name <name>", "with --import: the Gupshup app name (the `src.name` of sends)")
    .option("--source <number>", "with --import: the app's sender number, e.g. +918929874278")
    .option("--alias <alias>", "with --import: the local alias of that app", "main");
  addSandboxOption(cmd);
  cmd.action(async (opts) => (await import("../actions/init.js")).runInit(opts));
}
