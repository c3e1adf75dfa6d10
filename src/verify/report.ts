// The verify result: a plain, serialisable value that render/ turns into text, JSON or JUnit XML,
// and from which the CLI takes its exit code.

import type { RemoteErrorKind } from "../model/errors.js";
import type { ChannelName, TemplateKey } from "../model/template.js";
import type { ApprovalState } from "./wait.js";

export const VERIFY_FORMAT_VERSION = 1;

/** `user`: bad test data or missing channel credentials; `internal`: a bug in waform. */
export type SendErrorKind = RemoteErrorKind | "user" | "internal";

export interface SendError {
  kind: SendErrorKind;
  message: string;
  /** HTTP status, when the send API answered. */
  status?: number;
}

/** One test send to one destination: a message id, or the error. */
export interface SendOutcome {
  destination: string;
  channel: ChannelName;
  messageId?: string;
  error?: SendError;
  /** When the (last) attempt started, epoch ms. Absent when nothing was sent. */
  at?: number;
  /** Sends made, counting retries after a rate limit (0 when none could be made). */
  attempts: number;
}

export interface TemplateVerification {
  key: TemplateKey;
  state: ApprovalState;
  /** Last remote status seen (upper-case). */
  status?: string;
  /** Meta's reason (REJECTED, PAUSED). */
  reason?: string;
  /** Why, for not_found, timeout and error. */
  message?: string;
  /** True when the template was already APPROVED at the first poll. */
  alreadyApproved: boolean;
  timeToApprovalMs?: number;
  waitedMs: number;
  /** Whether the template declares a `test:` block. */
  hasTest: boolean;
  /** One per declared destination once the template is approved; empty otherwise. */
  sends: SendOutcome[];
  /** Approved, and every test send (if any) has a message id. */
  ok: boolean;
}

export interface VerifyReport {
  formatVersion: typeof VERIFY_FORMAT_VERSION;
  startedAt: number;
  finishedAt: number;
  /** In the order of the targets given to verify(). */
  templates: TemplateVerification[];
  /** Every template verified: `verifyExitCode(report) === 0`. */
  ok: boolean;
}

export interface VerifySummary {
  templates: number;
  approved: number;
  rejected: number;
  notSendable: number;
  notFound: number;
  timeout: number;
  error: number;
  sendsOk: number;
  sendsFailed: number;
  /** Approved templates with no `test:` block. */
  notTested: number;
}

export function summarizeVerify(report: Pick<VerifyReport, "templates">): VerifySummary {
  const s: VerifySummary = {
    templates: report.templates.length,
    approved: 0,
    rejected: 0,
    notSendable: 0,
    notFound: 0,
    timeout: 0,
    error: 0,
    sendsOk: 0,
    sendsFailed: 0,
    notTested: 0,
  };
  for (const t of report.templates) {
    if (t.state === "approved") s.approved++;
    else if (t.state === "rejected") s.rejected++;
    else if (t.state === "not_sendable") s.notSendable++;
    else if (t.state === "not_found") s.notFound++;
    else if (t.state === "timeout") s.timeout++;
    else s.error++;
    if (t.state === "approved" && !t.hasTest) s.notTested++;
    for (const send of t.sends) {
      if (send.messageId !== undefined && !send.error) s.sendsOk++;
      else s.sendsFailed++;
    }
  }
  return s;
}

/** Exit codes of `waform verify` and of `apply` when it verifies (the values of cli/errors.ts EXIT). */
export const VERIFY_EXIT = { ok: 0, error: 1, verifyFailed: 3 } as const;

/**
 * The CLI's exit code for a report:
 * - 0: every template approved, and every declared test send has a message id;
 * - 3: verification failed: a template was rejected, paused, disabled or otherwise cannot be sent,
 *   or a test send failed (including bad test data or missing channel credentials);
 * - 1: nothing failed verification, but something could not be verified: a timeout (still in
 *   review: run verify again later), a template missing from the remote, a list error, or a bug.
 * 3 wins over 1: a definite failure is the more useful signal.
 */
export function verifyExitCode(report: Pick<VerifyReport, "templates">): number {
  let code: number = VERIFY_EXIT.ok;
  for (const t of report.templates) {
    if (t.state === "rejected" || t.state === "not_sendable") return VERIFY_EXIT.verifyFailed;
    if (t.sends.some((s) => s.error && s.error.kind !== "internal")) return VERIFY_EXIT.verifyFailed;
    if (!t.ok) code = VERIFY_EXIT.error;
  }
  return code;
}
