import type { Command } from "commander";
import { addConfigOptions, collect } from "../context.js";
import { outOption } from "./options.js";

export function registerPreview(program: Command): void {
  const cmd = program
    .command("preview")
    .description(
      "draw every template as WhatsApp shows it, in one self-contained HTML page (offline; with --plan, the changes of a saved plan, before and after)",
    )
    .addOption(outOption("the HTML file to write, `-` for stdout").default("waform-preview.html"))
    .option("--plan <file>", "a plan saved by `waform plan --out`: only its changed templates, side by side")
    .option("--app <alias>", "only this app (repeatable)", collect)
    .option(
      "--target <name>",
      "only this template: name, app/name or app/name/language (repeatable)",
      collect,
    );
  addConfigOptions(cmd);
  cmd.action(async (opts) => (await import("../actions/preview.js")).runPreview(opts));
}
