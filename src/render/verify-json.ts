// The verify report as JSON (`--format json`): snake_case keys, every key always present (null
// when it does not apply) so scripts can read it without guessing. `format_version` changes only
// when a key is renamed or removed.

import { summarizeVerify, type VerifyReport, verifyExitCode } from "../verify/report.js";
import { inertJson } from "./inert.js";

export function verifyReportJson(report: VerifyReport): unknown {
  const s = summarizeVerify(report);
  return {
    format_version: report.formatVersion,
    ok: report.ok,
    exit_code: verifyExitCode(report),
    started_at: new Date(report.startedAt).toISOString(),
    finished_at: new Date(report.finishedAt).toISOString(),
    summary: {
      templates: s.templates,
      approved: s.approved,
      rejected: s.rejected,
      not_sendable: s.notSendable,
      not_found: s.notFound,
      timeout: s.timeout,
      error: s.error,
      not_tested: s.notTested,
      sends_ok: s.sendsOk,
      sends_failed: s.sendsFailed,
    },
    templates: report.templates.map((t) => ({
      app: t.key.app,
      name: t.key.name,
      language: t.key.language,
      state: t.state,
      ok: t.ok,
      status: t.status ?? null,
      reason: t.reason ?? null,
      message: t.message ?? null,
      already_approved: t.alreadyApproved,
      time_to_approval_ms: t.timeToApprovalMs ?? null,
      waited_ms: t.waitedMs,
      has_test: t.hasTest,
      sends: t.sends.map((send) => ({
        destination: send.destination,
        channel: send.channel,
        ok: send.messageId !== undefined && !send.error,
        message_id: send.messageId ?? null,
        error: send.error
          ? { kind: send.error.kind, message: send.error.message, http_status: send.error.status ?? null }
          : null,
        sent_at: send.at !== undefined ? new Date(send.at).toISOString() : null,
        attempts: send.attempts,
      })),
    })),
  };
}

export function renderVerifyJson(report: VerifyReport): string {
  return `${inertJson(JSON.stringify(verifyReportJson(report), null, 2))}\n`;
}
