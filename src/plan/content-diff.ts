// Field-by-field comparison of two canonical templates. Differences are reported at the deepest
// path where both sides still have the same shape: `header.text` when both headers are text,
// `header` when a text header became an image; `buttons[1].url`, or `buttons[1]` when the button
// type changed; `lto.hasExpiration`, or `lto` when one side has no offer.

import type { TemplateContent } from "../model/template.js";
import { deepEqual, plain } from "./plain.js";

/** Every field of TemplateContent, in the order plans show them. */
export const CONTENT_FIELDS = [
  "category",
  "kind",
  "vertical",
  "allowCategoryChange",
  "header",
  "body",
  "bodyExamples",
  "footer",
  "buttons",
  "lto",
] as const satisfies readonly (keyof TemplateContent)[];

// A field added to TemplateContent must be listed above, or it would silently never be compared.
type Unlisted = Exclude<keyof TemplateContent, (typeof CONTENT_FIELDS)[number]>;
export const CONTENT_FIELDS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

export interface Difference {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The content fields of a template (desired or remote), without identity or provider metadata. */
export function contentOf(t: TemplateContent): TemplateContent {
  const out: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) out[f] = t[f];
  return plain(out) as unknown as TemplateContent;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function diffValue(path: string, before: unknown, after: unknown, out: Difference[]): void {
  if (deepEqual(before, after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      diffValue(`${path}[${i}]`, before[i], after[i], out);
    }
    return;
  }
  // objects of one variant (same `type`, or no `type` at all, like `lto`) are compared key by key
  if (isRecord(before) && isRecord(after) && before["type"] === after["type"]) {
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    for (const k of keys) diffValue(`${path}.${k}`, before[k], after[k], out);
    return;
  }
  const d: Difference = { path };
  if (before !== undefined) d.before = plain(before);
  if (after !== undefined) d.after = plain(after);
  out.push(d);
}

/**
 * Write-only parts of a media header's sample: what the remote cannot give back is not a
 * difference (it is still sent on create and on edit).
 * - `header.example`, the sample's URL: Gupshup keeps only the upload handle, never the URL;
 * - `header.handle` when the declaration names none: the remote's handle is simply the sample
 *   uploaded from that URL, whatever it was.
 */
function writeOnly(path: string, desired: TemplateContent): boolean {
  const h = desired.header;
  if (h === undefined || (h.type !== "image" && h.type !== "video" && h.type !== "document")) return false;
  return path === "header.example" || (path === "header.handle" && h.handle === undefined);
}

/** How `desired` differs from `remote`, field by field, in CONTENT_FIELDS order. */
export function diffContent(remote: TemplateContent, desired: TemplateContent): Difference[] {
  const out: Difference[] = [];
  for (const f of CONTENT_FIELDS) diffValue(f, remote[f], desired[f], out);
  return out.filter((d) => !writeOnly(d.path, desired));
}
