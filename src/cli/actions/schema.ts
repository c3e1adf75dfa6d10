// `waform schema`: the JSON Schema this waform validates with, as a document on stdout, for an
// editor setting or a tool that cannot follow the modeline's relative path.

import { readFile } from "node:fs/promises";
import { SCHEMA_URL } from "../../config/schema.js";
import { UserError } from "../../model/errors.js";
import { writeOut } from "../output.js";

const SCHEMAS = {
  templates: SCHEMA_URL,
  plan: new URL("../../../schemas/plan.schema.json", import.meta.url),
} as const;

export async function runSchema(which: string): Promise<void> {
  if (!Object.hasOwn(SCHEMAS, which))
    throw new UserError(`unknown schema '${which}'`, `use one of: ${Object.keys(SCHEMAS).join(", ")}`);
  writeOut(await readFile(SCHEMAS[which as keyof typeof SCHEMAS], "utf8"));
}
