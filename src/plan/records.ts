// The templates a plan carries, reduced to their declared fields. Inputs may hold more at run time
// (a provider's extra properties); a plan holds exactly what schemas/plan.schema.json describes,
// so a saved plan always reads back.

import type { AppConfig } from "../model/app.js";
import { CONTENT_FIELDS } from "../model/content.js";
import { plain } from "../model/plain.js";
import type { DesiredTemplate, RemoteTemplate, TemplateContent, TemplateKey } from "../model/template.js";

const REMOTE_FIELDS = [
  "id",
  "status",
  "reason",
  "externalId",
  "oldCategory",
  "correctCategory",
  "createdOn",
  "modifiedOn",
  "editedOn",
] as const;
const DESIRED_FIELDS = ["protect", "test", "source"] as const;

// A field added to RemoteTemplate or DesiredTemplate must be listed above (and in the schema).
type Known = keyof TemplateKey | keyof TemplateContent;
type UnlistedRemote = Exclude<keyof RemoteTemplate, Known | (typeof REMOTE_FIELDS)[number]>;
type UnlistedDesired = Exclude<keyof DesiredTemplate, Known | (typeof DESIRED_FIELDS)[number]>;
export const RECORD_FIELDS_COMPLETE: [UnlistedRemote | UnlistedDesired] extends [never] ? true : never = true;

// Each record is copied in one pass, key and content fields first as before (`{ app, name,
// language, ...contentOf(t) }` then the rest), rather than through contentOf's own copy and a
// spread: two records per template, on every plan.

/** A plain copy of the key and the content fields that are set, in that order. */
function keyAndContent(t: TemplateKey & TemplateContent): Record<string, unknown> {
  const out: Record<string, unknown> = { app: t.app, name: t.name, language: t.language };
  for (const f of CONTENT_FIELDS) {
    const v = t[f];
    if (v !== undefined) out[f] = plain(v);
  }
  return out;
}

export function remoteRecord(r: RemoteTemplate): RemoteTemplate {
  const out = keyAndContent(r);
  for (const f of REMOTE_FIELDS) if (r[f] !== undefined) out[f] = r[f];
  return out as unknown as RemoteTemplate;
}

export function desiredRecord(d: DesiredTemplate): DesiredTemplate {
  const out = keyAndContent(d);
  out["protect"] = d.protect;
  if (d.test !== undefined) out["test"] = plain(d.test);
  out["source"] = { file: d.source.file, line: d.source.line, col: d.source.col };
  return out as unknown as DesiredTemplate;
}

/** The app as a plan records it: ids and names only, so no future credential field can leak in. */
export function publicApp(a: AppConfig): AppConfig {
  return plain({
    alias: a.alias,
    appId: a.appId,
    appName: a.appName,
    source: a.source,
    prune: a.prune,
    rateLimitPerMinute: a.rateLimitPerMinute,
    channel: a.channel,
  });
}
