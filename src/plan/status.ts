// What a remote status allows (meta-template-rules.md EDIT-001, EDIT-003, DEL-004). Statuses are
// an open set: anything not known to be editable is treated as not editable.

import type { RemoteTemplate } from "../model/template.js";

/** EDIT-001: only these can be edited. */
const EDITABLE = new Set(["APPROVED", "REJECTED", "PAUSED"]);
/** Deleted, or on its way out: there is nothing left to delete. */
const BEING_DELETED = new Set(["DELETED", "PENDING_DELETION"]);
/** DEL-004. */
const UNDELETABLE = new Set(["DISABLED"]);

export const EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

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
