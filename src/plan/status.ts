// Remote statuses: one table says what plan, apply and verify do with each (docs/statuses.md is
// generated from it and tested against it). Statuses are an open set with several spellings
// (list rows `APPROVED`, webhooks `approved`, Meta `IN_APPEAL`): they are canonicalised first
// (model/status.ts), and a status the table does not know is treated with the most caution.

import { EDIT_QUOTA_DAY_MS, EDIT_QUOTA_MONTH_MS } from "../model/edit-quota.js";
import { canonicalStatus } from "../model/status.js";
import type { RemoteTemplate } from "../model/template.js";

/**
 * What plan does with a declared template in this status whose declaration differs:
 * - `edit`: update or replace it as the field policy says (APPROVED adds its own limits);
 * - `wait`: blocked until the review ends (`pending_review`);
 * - `blocked`: blocked, the status allows no edit (`status_not_editable`).
 */
export type EditRule = "edit" | "wait" | "blocked";
/**
 * What plan does with an undeclared template in this status when its app prunes:
 * `delete` it, `skip` it (it is going already), or `blocked` (it cannot, or must not, be deleted).
 */
export type PruneRule = "delete" | "skip" | "blocked";
/** How verify's approval wait reads the status. */
export type VerifyRule = "approved" | "rejected" | "not_sendable" | "waiting";

export interface StatusRow {
  status: string;
  meaning: string;
  edit: EditRule;
  prune: PruneRule;
  verify: VerifyRule;
  /** Drift reports a declared template in this status as not sendable. */
  unhealthy: boolean;
  /** Where the status and its rules come from. */
  source: string;
}

export const STATUS_TABLE: readonly StatusRow[] = [
  {
    status: "APPROVED",
    meaning: "approved by Meta; sendable",
    edit: "edit",
    prune: "delete",
    verify: "approved",
    unhealthy: false,
    source: "reference §2.5; edit quota and 30-day name lock: EDIT-003, DEL-002",
  },
  {
    status: "PENDING",
    meaning: "submitted, under Meta's review",
    edit: "wait",
    prune: "delete",
    verify: "waiting",
    unhealthy: false,
    source: "reference §2.5",
  },
  {
    status: "REJECTED",
    meaning: "refused by Meta; `reason` says why",
    edit: "edit",
    prune: "delete",
    verify: "rejected",
    unhealthy: true,
    source: "reference §2.5; unlimited edits: EDIT-001",
  },
  {
    status: "FAILED",
    meaning: "the submission failed on Gupshup's side (terminal); `reason` says why",
    edit: "blocked",
    prune: "delete",
    verify: "rejected",
    unhealthy: true,
    source: "field-evidence.md §1 (glific)",
  },
  {
    status: "PAUSED",
    meaning: "approved, paused by Meta for low quality (hours, then maybe disabled)",
    edit: "edit",
    prune: "delete",
    verify: "not_sendable",
    unhealthy: true,
    source: "reference §2.5; EDIT-001",
  },
  {
    status: "DISABLED",
    meaning: "disabled by Meta; cannot be sent or deleted",
    edit: "blocked",
    prune: "blocked",
    verify: "not_sendable",
    unhealthy: true,
    source: "reference §2.5, §5.3; DEL-004",
  },
  {
    status: "SANDBOX_REQUESTED",
    meaning: "a Gupshup sandbox-app template; glific treats it as approved",
    edit: "blocked",
    prune: "delete",
    verify: "approved",
    unhealthy: false,
    source: "field-evidence.md §1 (glific)",
  },
  {
    status: "IN_APPEAL",
    meaning: "rejected, with an appeal under way",
    edit: "blocked",
    prune: "blocked",
    verify: "not_sendable",
    unhealthy: true,
    source: "Meta statuses; webhook `in_appeal` (reference §8.2)",
  },
  {
    status: "PENDING_DELETION",
    meaning: "deleted while messages were in flight; Meta keeps delivering for 30 days",
    edit: "blocked",
    prune: "skip",
    verify: "not_sendable",
    unhealthy: true,
    source: "reference §5.3",
  },
  {
    status: "DELETED",
    meaning: "deleted, still listed",
    edit: "blocked",
    prune: "skip",
    verify: "not_sendable",
    unhealthy: true,
    source: "Meta statuses; webhook `deleted` (reference §8.2)",
  },
  {
    status: "LIMIT_EXCEEDED",
    meaning: "over the WABA's template limit",
    edit: "blocked",
    prune: "delete",
    verify: "not_sendable",
    unhealthy: true,
    source: "Meta statuses (reference §2.5)",
  },
  {
    status: "ARCHIVED",
    meaning: "archived by Meta after 12 months unused; deleted 28 days later unless unarchived",
    edit: "blocked",
    prune: "delete",
    verify: "not_sendable",
    unhealthy: true,
    source: "reference §2.5",
  },
];

/** Any status the table does not name: no edit, no delete, and verify keeps waiting (to its timeout). */
export const UNKNOWN_STATUS: StatusRow = {
  status: "(any other)",
  meaning: "a status waform does not know",
  edit: "blocked",
  prune: "blocked",
  verify: "waiting",
  unhealthy: false,
  source: "statuses are an open set (reference §2.5)",
};

const BY_STATUS = new Map(STATUS_TABLE.map((r) => [r.status, r]));

export const EDIT_WINDOW_MS = EDIT_QUOTA_DAY_MS;

/** The canonical spelling: `approved`, ` Approved ` and `APPROVED` are one status; so are `in appeal` and `IN_APPEAL`. */
export function normalStatus(status: string): string {
  return canonicalStatus(status);
}

export function statusRow(status: string): StatusRow {
  return BY_STATUS.get(normalStatus(status)) ?? UNKNOWN_STATUS;
}

/** EDIT-001: only these can be edited. */
export function isEditable(status: string): boolean {
  return statusRow(status).edit === "edit";
}

export function isUnderReview(status: string): boolean {
  return statusRow(status).edit === "wait";
}

/** Deleted, or on its way out: there is nothing left to delete. */
export function isBeingDeleted(status: string): boolean {
  return statusRow(status).prune === "skip";
}

export function isDeletable(status: string): boolean {
  return statusRow(status).prune === "delete";
}

/** Drift: declared, but not sendable in this status. */
export function isUnhealthy(status: string): boolean {
  return statusRow(status).unhealthy;
}

/**
 * EDIT-003: when the APPROVED template's one edit per 24 h is known to be used, the instant it
 * frees up. Known means: the provider says the template was edited (`editedOn`), less than 24 h
 * before `now`. `modifiedOn` alone proves nothing: it also moves when Meta approves a template.
 * The remote does not expose the edit count, so the 10-per-30-days quota cannot be checked here.
 */
export function editWindowUsedUntil(remote: RemoteTemplate, now: number): number | undefined {
  if (remote.editedOn === undefined) return undefined;
  const until = remote.editedOn + EDIT_WINDOW_MS;
  return now < until ? until : undefined;
}

/**
 * EDIT-003, after the API refused an edit for its quota: the instant by which the template can be
 * edited again, and which quota that assumes. `windowMs` is the quota the refusal names, if it
 * names one. When the last change the remote shows (`editedOn`, else `modifiedOn`: the latest the
 * last edit can be) is under 24 h old, the one edit per 24 h explains the refusal: 24 h after it.
 * Otherwise it is the 10 edits per 30 days, whose dates the remote does not show: 30 days from
 * now at the latest (or 24 h from now, when the answer names the daily quota against our data).
 */
export function editRefusedUntil(
  remote: Pick<RemoteTemplate, "editedOn" | "modifiedOn">,
  now: number,
  windowMs?: number,
): { until: number; quota: "daily" | "monthly" } {
  const last = remote.editedOn ?? remote.modifiedOn;
  if (windowMs !== EDIT_QUOTA_MONTH_MS && last !== undefined && last + EDIT_QUOTA_DAY_MS > now) {
    return { until: last + EDIT_QUOTA_DAY_MS, quota: "daily" };
  }
  if (windowMs === EDIT_QUOTA_DAY_MS) return { until: now + EDIT_QUOTA_DAY_MS, quota: "daily" };
  return { until: now + EDIT_QUOTA_MONTH_MS, quota: "monthly" };
}
