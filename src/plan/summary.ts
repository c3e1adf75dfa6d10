// Counting a plan's changes. A blocked change is counted and shown, but it is not something apply
// can do now: hasChanges() is about work for apply. What lifts a block tells a plan that has to
// wait (time) from one that can never be applied as declared (a declaration change): see
// detailedExit(), the meaning of `--detailed-exitcode`.

import type { Change, Plan, PlanSummary, UnblockedBy } from "./types.js";

export function summarize(plan: Plan): PlanSummary {
  const s: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, blocked: 0, noop: 0 };
  for (const c of plan.changes) s[c.action]++;
  return s;
}

/** True when apply would create, update, replace or delete something (`--detailed-exitcode` 2). */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => c.action !== "noop" && c.action !== "blocked");
}

/** True when some difference cannot be applied now. */
export function hasBlocked(plan: Plan): boolean {
  return plan.changes.some((c) => c.action === "blocked");
}

/** The blocked changes that `by` lifts (a block that does not say is treated as needing the declaration). */
export function blockedBy(plan: Plan, by: UnblockedBy): Change[] {
  return plan.changes.filter((c) => c.action === "blocked" && (c.unblockedBy ?? "declaration") === by);
}

/**
 * What `plan --detailed-exitcode` reports: `unappliable` (exit 1) when some change can never be
 * applied as declared, so the pull request goes red; else `changes` (exit 2) when apply has work
 * or a change waits for time (it says when); else `none` (exit 0).
 */
export function detailedExit(plan: Plan): "unappliable" | "changes" | "none" {
  if (blockedBy(plan, "declaration").length > 0) return "unappliable";
  if (hasChanges(plan) || blockedBy(plan, "time").length > 0) return "changes";
  return "none";
}
