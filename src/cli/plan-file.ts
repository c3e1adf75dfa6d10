// Saved plan files: `plan --out FILE` writes one, `apply FILE` and `plan merge` read them. Reading
// checks the document against schemas/plan.schema.json with ajv (the plan contract's own rules,
// version first, live in plan/plan-document.ts); ajv is loaded and the schema compiled on first use.

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { UserError } from "../model/errors.js";
import { type PlanSchemaCheck, planFromText, planToJson } from "../plan/plan-document.js";
import type { Plan } from "../plan/types.js";
import { writeFileAtomic } from "./atomic-write.js";

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

/** The text of a saved plan file; an unreadable file is a one-line UserError naming it. */
export async function readPlanText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new UserError(
      `cannot read plan file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}

/** A saved plan file, read and checked. */
export async function readPlanFile(path: string): Promise<Plan> {
  return parsePlanText(await readPlanText(path));
}

export async function atomicWritePlan(path: string, plan: Plan): Promise<void> {
  await writeFileAtomic(path, planToJson(plan));
}
