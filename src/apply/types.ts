// The public shapes of an apply run: what applyPlan() takes and what it returns. The result is a
// plain value: render/ formats it, cli/ picks the exit code from `counts.failed`.

import type { Clock } from "../model/clock.js";
import type { RemoteErrorKind } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import type { TemplateKey } from "../model/template.js";
import type { Action, Reason } from "../plan/types.js";
import type { TemplateProvider } from "../providers/port.js";

/**
 * `adopted`: a create found the template already there with the declared content (made outside
 * this run, e.g. by a colleague or an earlier run whose answer was lost before this plan was made);
 * nothing was written, and it is not counted as created.
 * `blocked`: the change was not made and cannot be yet: blocked in the plan (its reason), or
 * refused by the API for Meta's edit quota (reason `edit_quota`), with `blockedUntil`.
 */
export const OUTCOMES = [
  "created",
  "adopted",
  "updated",
  "replaced",
  "deleted",
  "failed",
  "blocked",
  "skipped",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What happened to one change of the plan. */
export interface ChangeOutcome {
  key: TemplateKey;
  /** The planned action. */
  action: Action;
  outcome: Outcome;
  /**
   * The plan's machine reason (`in_sync` for noops, `pending_review` for a block, …); `edit_quota`
   * when the API refused the edit for its quota.
   */
  reason: Reason;
  /** A block that time lifts: the instant (epoch ms) by which the change can be made, when known. */
  blockedUntil?: number;
  /** Why it failed or was skipped, or a note on how it succeeded (adopted, already absent, …). */
  message?: string;
  /** The error kind of the failure, when a remote error caused it. */
  errorKind?: RemoteErrorKind;
  /** The remote template after the change, when known (status is unknown after an edit). */
  remote?: { id: string; status?: string };
  /** Write calls made for this change (create, edit, delete), retries included; re-reads excluded. */
  attempts: number;
}

export type ApplyCounts = Record<Outcome, number>;

/** Why a run stopped before the end: Ctrl-C (`signal`), the run's `deadline`, or an authentication failure. */
export type StopReason = "interrupted" | "timed_out" | "auth_failed";

export interface ApplyResult {
  /** One outcome per change of the plan, in plan order (noops as `skipped`). */
  outcomes: ChangeOutcome[];
  counts: ApplyCounts;
  stopped?: StopReason;
  /** Clock time at the start and end of the run (epoch ms). */
  startedAt: number;
  finishedAt: number;
}

export interface ApplyOptions {
  /**
   * Changes of one app in progress at once (default 4); their requests are still paced by the
   * app's budgets, which the provider spends from.
   */
  perAppConcurrency?: number;
  /** Write attempts per change before it is reported failed (default 6). */
  maxAttempts?: number;
  /** First backoff step (default 1 s); doubles per attempt, up to `maxDelayMs` (default 60 s), full jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface ApplyDeps {
  /** Rate-limited by itself: every request spends from the run's budget. */
  provider: TemplateProvider;
  clock: Clock;
  emit?: EventSink;
  /** Uniform in [0, 1): the backoff jitter. Default Math.random. */
  random?: () => number;
  /** Abort to stop: no new change starts, requests in flight finish, the rest is reported skipped. */
  signal?: AbortSignal;
  /**
   * The run's deadline (`--timeout`): the same stop, reported as `timed_out`. The provider aborts
   * its requests in flight at the same moment, so a write cut off is reported as possibly done.
   */
  deadline?: AbortSignal;
}

/**
 * The changes the plan promised but the API refused for its quota: blocked at apply time, so the
 * run did not do what was reviewed (apply exits 1), although nothing failed.
 */
export function refusedByQuota(result: ApplyResult): ChangeOutcome[] {
  return result.outcomes.filter((o) => o.outcome === "blocked" && o.action !== "blocked");
}
