import { readFileSync } from "node:fs";
import { Command, type CommanderError } from "commander";
import { UserError } from "../model/errors.js";
import { registerCommands } from "./commands/index.js";
import { setRunTimeout } from "./session.js";
import { setVerbose } from "./verbose.js";

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command("waform")
    .description("Declarative infrastructure for WhatsApp message templates (Gupshup Partner API)")
    .version(readVersion(), "-V, --version")
    .option(
      "-v, --verbose",
      "log each Partner API request to stderr (method, path, status, time; never a token)",
    )
    .option(
      "--timeout <duration>",
      "stop any command that talks to the Partner API after this long, e.g. 10m (requests in flight are aborted; apply still reports what it did)",
    )
    .hook("preAction", (root) => {
      setVerbose(Boolean(root.opts()["verbose"]));
      setRunTimeout(root.opts()["timeout"] as string | undefined);
    })
    // every subcommand's help lists -v, --timeout and -V too: they work after the command name as well
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      // usage errors are re-thrown as UserError below and printed once by the top-level handler
      outputError: () => {},
    })
    .exitOverride((err: CommanderError) => {
      if (
        err.code === "commander.helpDisplayed" ||
        err.code === "commander.version" ||
        err.code === "commander.help"
      ) {
        throw err;
      }
      throw new UserError(err.message.replace(/^error: /, ""), "run `waform --help` for usage");
    });
  registerCommands(program);
  return program;
}
