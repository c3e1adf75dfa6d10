// Meta's review, simulated on the sandbox clock. Review is settled lazily (before each request is
// handled) rather than by timers, so a virtual clock that jumps forward, or a state file reloaded a
// day later, gives the same answer as real waiting would.

import type { ReviewRule } from "./config.js";
import type { StoredTemplate } from "./state.js";

/** The rule that rejects this body, if any. */
export function rejectingRule(body: string, rules: readonly ReviewRule[]): ReviewRule | undefined {
  return rules.find((r) => new RegExp(r.pattern, r.flags).test(body));
}

/**
 * The reason a rule gives this body: its `reason`, where `$1`…`$9` stand for the pattern's groups,
 * so one rule can let each template choose how it is rejected (`REJECT_AS(…)` below). Any text may
 * come back, as from Meta: tests use it to send control characters, HTML and pipes to waform.
 */
function rejectionReason(body: string, rule: ReviewRule): string {
  const match = new RegExp(rule.pattern, rule.flags).exec(body);
  return rule.reason.replace(/\$([1-9])/g, (_, n: string) => match?.[Number(n)] ?? "");
}

/**
 * Decides a PENDING template whose review time has come: REJECTED with the first matching rule's
 * reason, else APPROVED with a Meta id. Returns whether anything changed.
 */
export function settleReview(
  t: StoredTemplate,
  now: number,
  approvalDelayMs: number,
  rules: readonly ReviewRule[],
  metaId: () => string,
): boolean {
  if (t.raw || t.status !== "PENDING" || now < t.submittedAt + approvalDelayMs) return false;
  const rule = rejectingRule(t.content, rules);
  if (rule) {
    t.status = "REJECTED";
    t.reason = rejectionReason(t.content, rule);
  } else {
    t.status = "APPROVED";
    delete t.reason;
  }
  t.externalId ??= metaId();
  t.modifiedOn = t.submittedAt + approvalDelayMs;
  return true;
}
