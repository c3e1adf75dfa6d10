// The digest of the declaration a plan was made from, so a saved plan is bound to what was
// reviewed: apply re-plans from the declaration it is given and refuses a plan whose digest (or
// anything else) differs.
//
// Canonical, not the bytes of the files: what is hashed is what the plan is made from — each app in
// scope as a plan records it (ids and names, prune, channel, rate limit) and its declared templates
// in scope as plan records them (canonical content, `protect`, the `test` block), without where they
// were declared. So comments, formatting, key order, the split into files, YAML anchors and line
// endings (a CI checkout with autocrlf) do not change it, while every change to what apply or verify
// would do does; and templates outside `--app`/`--target` do not count, so a plan of one app stays
// valid while another app's templates change.
//
// Like the remote fingerprint it composes across apps (one SHA-256 per app, XORed: fingerprint.ts),
// so the plans of `--shard K/N` jobs merge into the digest of the whole declaration.

import type { AppConfig } from "../model/app.js";
import { CONTENT_FIELDS } from "../model/content.js";
import { stableJson, stableJsonOfFields } from "../model/plain.js";
import type { DesiredTemplate } from "../model/template.js";
import { templateKey } from "../model/template.js";
import { combineFingerprints, LineHasher } from "./fingerprint.js";
import { publicApp } from "./records.js";
import { inScope, type PlanScope } from "./scope.js";

/**
 * A declared template as the digest sees it: what the plan records of it (records.ts
 * desiredRecord: key, content, `protect`, `test`) minus where it was written, as stable JSON.
 * Written field by field rather than copied (stableJson drops what is undefined, as the copy
 * would): on ten thousand templates the copies were most of the digest's time.
 */
const canonicalText: (d: DesiredTemplate) => string = stableJsonOfFields([
  "app",
  "name",
  "language",
  ...CONTENT_FIELDS,
  "protect",
  "test",
]);

function appDigest(app: AppConfig, templates: readonly DesiredTemplate[]): string {
  const hash = new LineHasher();
  hash.line(stableJson(publicApp(app)));
  const keyed = templates.map((t) => ({ key: templateKey(t), t }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { t } of keyed) hash.line(canonicalText(t));
  return `sha256:${hash.digestHex()}`;
}

/**
 * The digest of the apps in `scope` and of their declared templates in scope. `declared` holds one
 * template per key (makePlan's index: the first of duplicates); templates of unknown apps are out.
 */
export function declarationDigest(
  apps: readonly AppConfig[],
  declared: Iterable<DesiredTemplate>,
  scope: PlanScope,
): string {
  const byApp = new Map<string, DesiredTemplate[]>();
  for (const a of apps) if (scope.apps.includes(a.alias)) byApp.set(a.alias, []);
  for (const d of declared) if (inScope(d, scope)) byApp.get(d.app)?.push(d);
  const appsByAlias = new Map(apps.map((a) => [a.alias, a]));
  return combineFingerprints(
    [...byApp].map(([alias, templates]) => appDigest(appsByAlias.get(alias) as AppConfig, templates)),
  );
}
