// Saved plan files: `apply FILE` and `plan merge` read them (`plan --out FILE` writes one with
// planning.ts's writePlanFile, through the one output function). Reading
// checks the document against schemas/plan.schema.json with ajv (the plan contract's own rules,
// version first, live in plan/plan-document.ts); ajv is loaded and the schema compiled on first use.

import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { fileErrorWords } from "../config/files.js";
import { UserError } from "../model/errors.js";
import { type PlanSchemaCheck, planFromText } from "../plan/plan-document.js";
import type { Plan } from "../plan/types.js";

export const PLAN_SCHEMA_URL = new URL("../../schemas/plan.schema.json", import.meta.url);

let schemaCheck: Promise<PlanSchemaCheck> | undefined;

/** ajv and the compiled schema, loaded when a plan is first read (`plan` itself never needs them). */
export function loadPlanSchemaCheck(): Promise<PlanSchemaCheck> {
  schemaCheck ??= import("ajv/dist/2020.js").then(({ Ajv2020 }) => {
    const schema = JSON.parse(readFileSync(PLAN_SCHEMA_URL, "utf8")) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
    return (document: unknown) =>
      validate(document)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  });
  return schemaCheck;
}

/** The text of a saved plan as the Plan it was written from; a UserError says what is wrong. */
export async function parsePlanText(text: string): Promise<Plan> {
  return planFromText(text, await loadPlanSchemaCheck());
}

/**
 * The text of a saved plan file; an unreadable file is a one-line UserError naming it. The input
 * limits of declarations apply (config/limits.ts): a plan file larger than 64 MiB is refused before
 * it is read, one nested deeper than 64 levels before it is parsed (so no recursive step of the
 * schema check or the key renaming can overflow the stack).
 */
export async function readPlanText(path: string): Promise<string> {
  const { MAX_INPUT_BYTES, MAX_NESTING, jsonTooDeep } = await import("../config/limits.js");
  let text: string;
  try {
    const info = await stat(path);
    if (info.isFile() && info.size > MAX_INPUT_BYTES) {
      throw new UserError(
        `plan file ${path} is ${Math.round(info.size / 1024 / 1024)} MiB; waform reads plan files of at most ${MAX_INPUT_BYTES / 1024 / 1024} MiB`,
      );
    }
    text = await readFile(path, "utf8");
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UserError(`plan file ${path} not found`, "save one with `waform plan --out FILE`");
    }
    throw new UserError(`cannot read plan file ${path}: ${fileErrorWords(err)}`);
  }
  const deep = jsonTooDeep(text);
  if (deep) {
    throw new UserError(
      `plan file ${path}:${deep.line}:${deep.col} nests deeper than ${MAX_NESTING} levels: not a waform plan`,
      "make the plan again with `waform plan --out FILE`",
    );
  }
  return text;
}

/** A saved plan file, read and checked. */
export async function readPlanFile(path: string): Promise<Plan> {
  return parsePlanText(await readPlanText(path));
}
