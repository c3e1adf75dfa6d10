// The fingerprint of the remote templates a plan was made from. Apply re-reads the remote,
// recomputes it with the plan's scope and refuses a stale plan when the two differ. Only what a
// change depends on is hashed (id, status, modifiedOn, canonical content), in a fixed order, so
// the order in which the provider lists templates does not matter.

import { createHash } from "node:crypto";
import type { RemoteTemplate } from "../model/template.js";
import { templateKey } from "../model/template.js";
import { contentOf } from "./content-diff.js";
import { stableJson } from "./plain.js";
import { inScope, type PlanScope } from "./scope.js";

export function remoteFingerprint(remote: readonly RemoteTemplate[], scope: PlanScope): string {
  const rows = remote
    .filter((r) => inScope(r, scope))
    .map((r) => ({
      key: templateKey(r),
      id: r.id,
      status: r.status,
      modifiedOn: r.modifiedOn ?? null,
      content: contentOf(r),
    }))
    .map((row) => ({ sortKey: `${row.key}\u0000${row.id}`, text: stableJson(row) }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.text < b.text ? -1 : 1));
  const hash = createHash("sha256");
  for (const row of rows) hash.update(`${row.text}\n`);
  return `sha256:${hash.digest("hex")}`;
}
