// Every command registers itself here. Registration defines options only; each command's action
// imports its implementation lazily.

import type { Command } from "commander";

export function registerCommands(_program: Command): void {
  // commands are added by their own modules, e.g. `registerValidate(program)`
}
