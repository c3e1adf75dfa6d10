// The JSON Schema of templates.yaml, compiled once per process. The schema file is the same one
// editors read through the `# yaml-language-server: $schema=` modeline, so there is one source of
// truth for the structure.

import { readFileSync } from "node:fs";
import ajvModule, { type ValidateFunction } from "ajv";

/** schemas/ sits next to src/ and dist/, so this resolves from both the sources and the build. */
export const SCHEMA_URL = new URL("../../schemas/templates.schema.json", import.meta.url);

let validator: ValidateFunction | undefined;

export function readSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as Record<string, unknown>;
}

export function schemaValidator(): ValidateFunction {
  if (validator) return validator;
  const Ajv = ajvModule.default;
  const ajv = new Ajv({
    // every problem of a file at once, not just the first
    allErrors: true,
    // header and button errors come from the branch their `type` selects, not from all branches
    discriminator: true,
    allowUnionTypes: true,
    // parentSchema on errors: lists the allowed keys for "unknown key" hints
    verbose: true,
    // the schema is checked against the meta-schema by the test suite; skipping it here saves start-up time
    validateSchema: false,
  });
  validator = ajv.compile(readSchema());
  return validator;
}
