// Every command registers itself here. Registration defines options only; each command's action
// imports its implementation lazily.

import type { Command } from "commander";
import { registerApply } from "./apply.js";
import { registerDrift } from "./drift.js";
import { registerGithub } from "./github.js";
import { registerImport } from "./import.js";
import { registerInit } from "./init.js";
import { registerPlan } from "./plan.js";
import { registerPreview } from "./preview.js";
import { registerSandbox } from "./sandbox.js";
import { registerSchema } from "./schema.js";
import { registerSendPreview } from "./send-preview.js";
import { registerValidate } from "./validate.js";
import { registerVerify } from "./verify.js";

export function registerCommands(program: Command): void {
  registerInit(program);
  registerValidate(program);
  registerPlan(program);
  registerApply(program);
  registerVerify(program);
  registerDrift(program);
  registerImport(program);
  registerSendPreview(program);
  registerPreview(program);
  registerSchema(program);
  registerGithub(program);
  registerSandbox(program);
}
