// How the wait reads a remote status. Statuses are an open, upper-cased set (see the Partner API
// reference §2.5): only a few end the wait; anything unknown keeps it waiting until the timeout.

/** What a status means for the wait. */
export type StatusClass = "approved" | "rejected" | "not_sendable" | "waiting";

/**
 * Approved-but-unusable or gone: the template exists but a test send cannot succeed. PAUSED lifts
 * after hours, which no verify run should wait for, so it is reported rather than waited on.
 */
const NOT_SENDABLE = new Set([
  "PAUSED",
  "DISABLED",
  "DELETED",
  "PENDING_DELETION",
  "ARCHIVED",
  "LIMIT_EXCEEDED",
]);

export function classifyStatus(status: string): StatusClass {
  const s = status.toUpperCase();
  if (s === "APPROVED") return "approved";
  if (s === "REJECTED" || s === "FAILED") return "rejected";
  if (NOT_SENDABLE.has(s)) return "not_sendable";
  return "waiting";
}
