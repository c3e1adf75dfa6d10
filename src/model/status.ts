// Provider statuses are an open set with more than one spelling (list rows say `APPROVED`,
// webhooks `approved`, Meta `IN_APPEAL`). One canonical spelling, read by the provider and
// looked up by plan/status.ts.

/** Trimmed, upper-case, words joined by `_`: `in appeal`, `in-appeal` and `IN_APPEAL` are one status. */
export function canonicalStatus(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}
