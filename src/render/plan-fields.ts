// A change's fields as the renderers show them: a value change (`footer: "a" -> "b"`), or for the
// body a unified diff; and a whole template as `path: value` entries for creates and deletes.
// Objects (a header, a button, the offer) are shown key by key, never as a JSON blob.

import { CONTENT_FIELDS } from "../model/content.js";
import type { TemplateContent } from "../model/template.js";
import type { Change, FieldPolicy } from "../plan/types.js";
import { inertJson } from "./inert.js";
import { unifiedDiffLines } from "./text-diff.js";

export type FieldView =
  | { kind: "value"; path: string; before?: unknown; after?: unknown; policy: FieldPolicy }
  | { kind: "text"; path: string; lines: string[]; policy: FieldPolicy };

/** Fields whose text is shown as a unified diff rather than before -> after. */
const TEXT_FIELDS = new Set(["body"]);

export function fieldViews(c: Change): FieldView[] {
  return c.fields.map((f) =>
    TEXT_FIELDS.has(f.path) && typeof f.before === "string" && typeof f.after === "string"
      ? { kind: "text", path: f.path, lines: unifiedDiffLines(f.before, f.after), policy: f.policy }
      : { kind: "value", path: f.path, before: f.before, after: f.after, policy: f.policy },
  );
}

/**
 * A JSON value as it reads in a plan: `"text"`, `25`, `["Ana","Ravi"]`; `(none)` when absent. One
 * line, inert (JSON escapes C0 controls; inertJson the rest).
 */
export function formatValue(v: unknown): string {
  return v === undefined ? "(none)" : inertJson(JSON.stringify(v));
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An object's keys as `key = value` pairs, `type` first (it says what the rest means). */
export function objectPairs(v: Record<string, unknown>): { key: string; value: string }[] {
  const keys = Object.keys(v).sort((a, b) => (a === "type" ? -1 : b === "type" ? 1 : 0));
  return keys.filter((k) => v[k] !== undefined).map((key) => ({ key, value: formatValue(v[key]) }));
}

/**
 * Two versions of an object key by key, `type` first: unchanged keys with their value, changed
 * ones with both (`before` undefined where the key is new).
 */
export function objectChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { key: string; before?: string; after: string; changed: boolean }[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) =>
    a === "type" ? -1 : b === "type" ? 1 : 0,
  );
  return keys
    .filter((k) => before[k] !== undefined || after[k] !== undefined)
    .map((key) => {
      const b = formatValue(before[key]);
      const a = formatValue(after[key]);
      return b === a ? { key, after: a, changed: false } : { key, before: b, after: a, changed: true };
    });
}

/** The content of a template as `path: value` entries, in CONTENT_FIELDS order; buttons one by one. */
export function contentEntries(t: TemplateContent): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  for (const f of CONTENT_FIELDS) {
    const v = t[f];
    if (v === undefined) continue;
    if (f === "buttons" && Array.isArray(v))
      out.push(...v.map((b, i) => ({ path: `buttons[${i}]`, value: b })));
    else out.push({ path: f, value: v });
  }
  return out;
}
