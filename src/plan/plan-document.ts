// The plan as a public JSON document: the versioned contract of `waform plan --format json` and of
// saved plans (`--out`), described by schemas/plan.schema.json. Keys are snake_case, and so are the
// field names in `fields[].path`; times are epoch ms; apps carry ids and names only.
//
// Reading a saved plan back is part of the contract too: the version first (with a hint to plan
// again), then the schema, then the Plan value. The schema is checked by a JSON Schema validator
// the caller passes in (plan/ uses no third-party package; cli/plan-file.ts passes ajv), so the
// schema file stays the one description of the document.

import { UserError } from "../model/errors.js";
import { plain } from "../model/plain.js";
import { renameKeys, renamePath, toCamel, toSnake } from "./json-case.js";
import { publicApp } from "./records.js";
import { summarize } from "./summary.js";
import { type Change, PLAN_FORMAT_VERSION, type Plan } from "./types.js";

/** What a document breaks of schemas/plan.schema.json, one `/json/pointer message` per problem. */
export type PlanSchemaCheck = (document: unknown) => string[];

const PLAN_AGAIN = "make the plan again with `waform plan --out FILE`";
const SHOWN_PROBLEMS = 5;

function withPaths(changes: readonly Change[], rename: (k: string) => string): Change[] {
  return changes.map((c) => ({
    ...c,
    fields: c.fields.map((f) => ({ ...f, path: renamePath(f.path, rename) })),
  }));
}

/** The document for a plan, ready for JSON.stringify (summary derived from the changes). */
function planToDocument(plan: Plan): unknown {
  const doc = plain({
    formatVersion: plan.formatVersion,
    createdAt: plan.createdAt,
    remoteFingerprint: plan.remoteFingerprint,
    endpoint: plan.endpoint,
    declarationDigest: plan.declarationDigest,
    scope: plan.scope,
    apps: plan.apps.map(publicApp),
    summary: summarize(plan),
    changes: withPaths(plan.changes, toSnake),
    undeclared: plan.undeclared,
    unmanageable: plan.unmanageable,
    diagnostics: plan.diagnostics,
  });
  return renameKeys(doc, toSnake);
}

/** The document as saved plans and `--format json` write it: indented JSON, one trailing newline. */
export function planToJson(plan: Plan): string {
  return `${JSON.stringify(planToDocument(plan), null, 2)}\n`;
}

/** The `format_version` a document claims, if it is an object with one. */
export function formatVersionOf(document: unknown): unknown {
  return typeof document === "object" && document !== null
    ? (document as { format_version?: unknown }).format_version
    : undefined;
}

/** A saved plan's text back as the Plan it was written from; a UserError says what is wrong. */
export function planFromText(text: string, schemaCheck: PlanSchemaCheck): Plan {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new UserError(`the saved plan is not valid JSON: ${(e as Error).message}`);
  }
  const version = formatVersionOf(document);
  if (version !== PLAN_FORMAT_VERSION) {
    const older =
      typeof version === "number" && version < PLAN_FORMAT_VERSION
        ? " (an older waform made it: plans now record the endpoint and the declaration they were made from, which apply checks)"
        : "";
    throw new UserError(
      `the saved plan has format_version ${JSON.stringify(version) ?? "(none)"}; this waform reads format_version ${PLAN_FORMAT_VERSION}${older}`,
      PLAN_AGAIN,
    );
  }
  const problems = schemaCheck(document);
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).join("; ");
    const more = problems.length > SHOWN_PROBLEMS ? ` (and ${problems.length - SHOWN_PROBLEMS} more)` : "";
    throw new UserError(
      `the saved plan does not match schemas/plan.schema.json: ${shown}${more}`,
      PLAN_AGAIN,
    );
  }
  const { summary: _derived, ...rest } = renameKeys(document, toCamel) as Plan & { summary: unknown };
  return { ...rest, changes: withPaths(rest.changes, toCamel) };
}
