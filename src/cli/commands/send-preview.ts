import type { Command } from "commander";
import { addConfigOptions, addSandboxOption } from "../context.js";
import { channelOption } from "./options.js";

export function registerSendPreview(program: Command): void {
  const cmd = program
    .command("send-preview")
    .description("print the exact test-send request of a template for each channel, as curl, secrets masked")
    .argument("<template>", "name, app/name or app/name/language")
    .addOption(channelOption("only this channel"))
    .option("--remote", "look up the template's Gupshup id (needs credentials or --sandbox)");
  addConfigOptions(cmd);
  addSandboxOption(cmd);
  cmd.action(async (template, opts) =>
    (await import("../actions/send-preview.js")).runSendPreview(template, opts),
  );
}
