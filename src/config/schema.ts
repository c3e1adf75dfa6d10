// The JSON Schema of templates.yaml and its validator. The schema file is the same one editors
// read through the `# yaml-language-server: $schema=` modeline, so there is one source of truth for
// the structure; the validator is ajv's code for it, generated ahead of time
// (templates-validator.generated.ts, see schema-compile.ts), so no run loads ajv or compiles the
// schema.

import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import validate from "./templates-validator.generated.js";

/** schemas/ sits next to src/ and dist/, so this resolves from both the sources and the build. */
export const SCHEMA_URL = new URL("../../schemas/templates.schema.json", import.meta.url);

export function readSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as Record<string, unknown>;
}

export function schemaValidator(): ValidateFunction {
  return validate as unknown as ValidateFunction;
}
