// The plan of one shard: makePlan for exactly the apps named. Apart from shard.ts so that choosing
// a shard (done by every command) does not load the diff engine.

import type { DesiredTemplate, RemoteTemplate } from "../model/template.js";
import { makePlan, type PlanOptions, type PreparedDeclaration } from "./make-plan.js";
import type { Plan } from "./types.js";

/**
 * makePlan for exactly the apps named, where an empty list means none (makePlan reads no
 * `scopeApps` as every app). An empty shard gets an empty plan with its own fingerprint (of
 * nothing), so it can be applied and merged like any other.
 */
export function makeShardPlan(
  desired: DesiredTemplate[] | PreparedDeclaration,
  remote: RemoteTemplate[],
  options: PlanOptions & { scopeApps: string[] },
): Plan {
  if (options.scopeApps.length > 0) return makePlan(desired, remote, options);
  return makePlan([], [], {
    apps: [],
    now: options.now,
    unmanageable: [],
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
  });
}
