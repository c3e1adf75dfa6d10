// The final verify report as text: one line per template (key, status, what happened), then one
// indented line per test send, then a one-line verdict. Status changes as they happen are printed
// by the CLI from events; this is the summary at the end.

import { summarizeVerify, type VerifyReport, verifyExitCode } from "../verify/report.js";
import { inertLine } from "./inert.js";
import {
  describeApproval,
  describeExit,
  describeSendError,
  describeSummary,
  keyOf,
} from "./verify-common.js";

// Statuses, reasons, message ids and error messages come from the API: every piece is made inert
// before it is measured and padded, so the columns line up on what is shown.
export function renderVerifyText(report: VerifyReport): string {
  if (report.templates.length === 0) return "Nothing to verify.\n";
  const key = (t: (typeof report.templates)[number]) => inertLine(keyOf(t));
  const status = (s: string | undefined) => inertLine(statusOf(s));
  const keyWidth = Math.max(...report.templates.map((t) => key(t).length));
  const statusWidth = Math.max(...report.templates.map((t) => status(t.status).length));
  const sends = report.templates.flatMap((t) => t.sends);
  const destWidth = Math.max(0, ...sends.map((s) => inertLine(s.destination).length));
  const channelWidth = Math.max(0, ...sends.map((s) => s.channel.length));

  const lines: string[] = [];
  for (const t of report.templates) {
    lines.push(
      `${key(t).padEnd(keyWidth)}  ${status(t.status).padEnd(statusWidth)}  ${inertLine(describeApproval(t))}`,
    );
    for (const s of t.sends) {
      const result = s.error ? `FAILED ${describeSendError(s.error)}` : `sent, message id ${s.messageId}`;
      lines.push(
        `    ${inertLine(s.destination).padEnd(destWidth)}  ${s.channel.padEnd(channelWidth)}  ${inertLine(result)}`,
      );
    }
  }
  const code = verifyExitCode(report);
  lines.push(
    "",
    `${describeSummary(summarizeVerify(report))}.`,
    `Result: ${describeExit(code)} (exit ${code}).`,
  );
  return `${lines.join("\n")}\n`;
}

function statusOf(status: string | undefined): string {
  return status ?? "-";
}
