// Wording shared by the verify renderers, so text, JSON and JUnit describe an outcome alike.

import { formatDurationRounded } from "../model/duration.js";
import { plural } from "../model/plural.js";
import { templateKey } from "../model/template.js";
import type { SendError, SendOutcome, TemplateVerification, VerifySummary } from "../verify/report.js";

export function keyOf(t: TemplateVerification): string {
  return templateKey(t.key);
}

/** What happened to the template, in a few words: `approved in 1m12s`, `rejected: Invalid Format`, … */
export function describeApproval(t: TemplateVerification): string {
  switch (t.state) {
    case "approved": {
      const when = t.alreadyApproved
        ? "already approved"
        : `approved in ${formatDurationRounded(t.timeToApprovalMs ?? 0)}`;
      return t.hasTest ? when : `${when}, not sent (no test block)`;
    }
    case "rejected":
      return `rejected${t.reason ? `: ${t.reason}` : " (no reason given)"}`;
    case "not_sendable":
      return `cannot be sent: ${t.status ?? "unusable"}${t.reason ? `: ${t.reason}` : ""}`;
    case "not_found":
      return `not found: ${t.message ?? "not in the remote"}`;
    case "timeout":
      return `timed out: ${t.message ?? "still waiting"}`;
    case "error":
      return `error: ${t.message ?? "unknown"}`;
  }
}

export function describeSendError(e: SendError): string {
  const where =
    e.kind === "user" ? "bad test data" : e.kind === "internal" ? "internal error" : `remote ${e.kind}`;
  return `${where}${e.status !== undefined ? ` (HTTP ${e.status})` : ""}: ${e.message}`;
}

export function sendSucceeded(s: SendOutcome): boolean {
  return s.messageId !== undefined && !s.error;
}

/** The meaning of verifyExitCode's result, for the last line of the text report. */
export function describeExit(code: number): string {
  if (code === 0) return "all verified";
  if (code === 3)
    return "verification failed: a template was rejected or cannot be sent, or a test send failed";
  return "not everything could be verified (timeout, missing template or error): run verify again";
}

export function describeSummary(s: VerifySummary): string {
  const parts = [`${s.approved} of ${plural(s.templates, "template")} approved`];
  if (s.rejected) parts.push(`${s.rejected} rejected`);
  if (s.notSendable) parts.push(`${s.notSendable} not sendable`);
  if (s.timeout) parts.push(`${s.timeout} timed out`);
  if (s.notFound) parts.push(`${s.notFound} not found`);
  if (s.error) parts.push(`${s.error} failed to list`);
  const sends = s.sendsOk + s.sendsFailed;
  if (sends) parts.push(`${s.sendsOk} of ${plural(sends, "test send")} accepted by the API`);
  if (s.notTested) parts.push(`${s.notTested} without a test block`);
  return parts.join(", ");
}
