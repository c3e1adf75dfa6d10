import type { Command } from "commander";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of templates.yaml (or of a saved plan), for editors and other tools")
    .argument("[which]", "templates | plan", "templates")
    .action(async (which: string) => (await import("../actions/schema.js")).runSchema(which));
}
