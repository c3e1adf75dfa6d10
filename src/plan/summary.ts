// Counting a plan's changes. A blocked change is counted and shown, but it is not something apply
// can do: the declaration has to change first. So hasChanges() is about work for apply.

import type { Plan, PlanSummary } from "./types.js";

export function summarize(plan: Plan): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, blocked: 0, noop: 0 };
  for (const c of plan.changes) s[c.action]++;
  return s;
}

/** True when apply would create, update, replace or delete something (`--detailed-exitcode` 2). */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => c.action !== "noop" && c.action !== "blocked");
}

/** True when some difference cannot be applied as declared. */
export function hasBlocked(plan: Plan): boolean {
  return plan.changes.some((c) => c.action === "blocked");
}
