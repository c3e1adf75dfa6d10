// What a remote status allows (meta-template-rules.md EDIT-001, EDIT-003, DEL-004). Statuses are
// an open set: anything not known to be editable is treated as not editable.

import { EDIT_QUOTA_DAY_MS, EDIT_QUOTA_MONTH_MS } from "../model/edit-quota.js";
import type { RemoteTemplate } from "../model/template.js";

/** EDIT-001: only these can be edited. */
const EDITABLE = new Set(["APPROVED", "REJECTED", "PAUSED"]);
/** Deleted, or on its way out: there is nothing left to delete. */
const BEING_DELETED = new Set(["DELETED", "PENDING_DELETION"]);
/** DEL-004. */
const UNDELETABLE = new Set(["DISABLED"]);

export const EDIT_WINDOW_MS = EDIT_QUOTA_DAY_MS;

export function normalStatus(status: string): string {
  return status.toUpperCase();
}

export function isEditable(status: string): boolean {
  return EDITABLE.has(normalStatus(status));
}

export function isUnderReview(status: string): boolean {
  return normalStatus(status) === "PENDING";
}

export function isBeingDeleted(status: string): boolean {
  return BEING_DELETED.has(normalStatus(status));
}

export function isDeletable(status: string): boolean {
  return !UNDELETABLE.has(normalStatus(status)) && !isBeingDeleted(status);
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
