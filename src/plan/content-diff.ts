// Field-by-field comparison of two canonical templates. Differences are reported at the deepest
// path where both sides still have the same shape: `header.text` when both headers are text,
// `header` when a text header became an image; `buttons[1].url`, or `buttons[1]` when the button
// type changed; `lto.hasExpiration`, or `lto` when one side has no offer.

import { CONTENT_FIELDS } from "../model/content.js";
import { deepEqual, plain } from "../model/plain.js";
import type { TemplateContent } from "../model/template.js";

export interface Difference {
  path: string;
  before?: unknown;
  after?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function diffValue(
  path: string,
  before: unknown,
  after: unknown,
  desired: TemplateContent,
  out: Difference[],
): void {
  if (deepEqual(before, after)) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      diffValue(`${path}[${i}]`, before[i], after[i], desired, out);
    }
    return;
  }
  // objects of one variant (same `type`, or no `type` at all, like `lto`) are compared key by key:
  // the declared keys in their order, then the remote's others
  if (isRecord(before) && isRecord(after) && before["type"] === after["type"]) {
    for (const k of Object.keys(after)) diffValue(`${path}.${k}`, before[k], after[k], desired, out);
    for (const k of Object.keys(before))
      if (!Object.hasOwn(after, k)) diffValue(`${path}.${k}`, before[k], after[k], desired, out);
    return;
  }
  if (writeOnly(path, desired)) return;
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
  for (const f of CONTENT_FIELDS) {
    const before = remote[f];
    const after = desired[f];
    // most fields are equal strings, flags or absent on both sides
    if (before !== after) diffValue(f, before, after, desired, out);
  }
  return out;
}
