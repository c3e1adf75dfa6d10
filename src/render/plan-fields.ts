// A change's fields as the renderers show them: a value change (`footer: "a" -> "b"`), or for the
// body a unified diff; and a whole template as `path: value` entries for creates and deletes.

import { CONTENT_FIELDS } from "../model/content.js";
import type { TemplateContent } from "../model/template.js";
import type { Change, FieldPolicy } from "../plan/types.js";
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
