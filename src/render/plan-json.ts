// The plan as JSON: the public, versioned contract of `waform plan --format json` and of saved
// plans (`--out`), described by schemas/plan.schema.json. Keys are snake_case, paths in
// `fields[].path` too; times are epoch ms. Apps carry ids and names only, never credentials.

import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { UserError } from "../model/errors.js";
import { publicApp } from "../plan/make-plan.js";
import { plain } from "../plan/plain.js";
import { summarize } from "../plan/summary.js";
import { type Change, PLAN_FORMAT_VERSION, type Plan } from "../plan/types.js";
import { renameKeys, renamePath, toCamel, toSnake } from "./json-case.js";

export const PLAN_SCHEMA_URL = new URL("../../schemas/plan.schema.json", import.meta.url);

function withPaths(changes: readonly Change[], rename: (k: string) => string): Change[] {
  return changes.map((c) => ({
    ...c,
    fields: c.fields.map((f) => ({ ...f, path: renamePath(f.path, rename) })),
  }));
}

export function renderPlanJson(plan: Plan): string {
  const doc = plain({
    formatVersion: plan.formatVersion,
    createdAt: plan.createdAt,
    remoteFingerprint: plan.remoteFingerprint,
    scope: plan.scope,
    apps: plan.apps.map(publicApp),
    summary: summarize(plan),
    changes: withPaths(plan.changes, toSnake),
    undeclared: plan.undeclared,
    unmanageable: plan.unmanageable,
    diagnostics: plan.diagnostics,
  });
  return `${JSON.stringify(renameKeys(doc, toSnake), null, 2)}\n`;
}

let validator: ValidateFunction | undefined;

function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(PLAN_SCHEMA_URL, "utf8")) as object;
    validator = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

function describeErrors(errors: ErrorObject[]): string {
  const shown = errors.slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  return (
    shown.join("; ") + (errors.length > shown.length ? ` (and ${errors.length - shown.length} more)` : "")
  );
}

/** Reads a saved plan: checks its version and shape against the schema, and restores the Plan. */
export function parsePlanJson(text: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`the saved plan is not valid JSON: ${(e as Error).message}`);
  }
  const version = (data as { format_version?: unknown } | null)?.format_version;
  if (version !== PLAN_FORMAT_VERSION) {
    throw new UserError(
      `the saved plan has format_version ${JSON.stringify(version) ?? "(none)"}; this waform reads format_version ${PLAN_FORMAT_VERSION}`,
      "make the plan again with `waform plan --out FILE`",
    );
  }
  const errors = validate(data);
  if (errors.length > 0) {
    throw new UserError(
      `the saved plan does not match schemas/plan.schema.json: ${describeErrors(errors)}`,
      "make the plan again with `waform plan --out FILE`",
    );
  }
  const { summary: _derived, ...rest } = renameKeys(data, toCamel) as Plan & { summary: unknown };
  return { ...rest, changes: withPaths(rest.changes, toCamel) };
}
