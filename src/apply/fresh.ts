// A saved plan is only valid for the remote it was made from. The CLI re-reads the remote and
// calls checkFresh before applyPlan, so a stale plan is refused before anything is written.

import { UserError } from "../model/errors.js";
import type { RemoteListing } from "../model/listing.js";
import { remoteFingerprint } from "../plan/fingerprint.js";
import type { Plan } from "../plan/types.js";

/** Throws `UserError("plan is stale: …")` when the remote in the plan's scope changed since it was made. */
export function checkFresh(plan: Plan, current: RemoteListing): void {
  const now = remoteFingerprint(current.templates, plan.scope, current.unmanageable);
  if (now === plan.remoteFingerprint) return;
  throw new UserError(
    `plan is stale: the remote templates of ${plan.scope.apps.join(", ") || "its apps"} changed since the plan was made`,
    "run `waform plan` again and review the new plan",
  );
}
