// The part of a template that is compared and submitted (TemplateContent), cut out of a desired or
// remote template that also carries identity and provider metadata. Plan, apply, import and the
// providers' tests all need this one cut.

import { plain } from "./plain.js";
import type { TemplateContent } from "./template.js";

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

/** The content fields of a template (desired or remote), without identity or provider metadata. */
export function contentOf(t: TemplateContent): TemplateContent {
  const out: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) out[f] = t[f];
  return plain(out) as unknown as TemplateContent;
}
