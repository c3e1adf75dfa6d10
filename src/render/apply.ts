// Apply results: one line per change outcome and the summary line, or the JSON contract.

import { type ApplyResult, type ChangeOutcome, refusedByQuota } from "../apply/types.js";
import { templateKey } from "../model/template.js";
import { palette } from "./color.js";
import { inertJson, inertLine } from "./inert.js";

export const APPLY_FORMAT_VERSION = 1;

const MARK: Record<ChangeOutcome["outcome"], string> = {
  created: "+",
  adopted: "=",
  updated: "~",
  replaced: "-/+",
  deleted: "-",
  failed: "x",
  blocked: "!",
  skipped: " ",
};

export function applySummaryLine(result: ApplyResult): string {
  const c = result.counts;
  // "adopted" only when there were some: the usual line stays the one scripts already read
  const adopted = c.adopted > 0 ? ` ${c.adopted} adopted,` : "";
  return `Apply complete: ${c.created} created,${adopted} ${c.updated} updated, ${c.replaced} replaced, ${c.deleted} deleted, ${c.blocked} blocked, ${c.failed} failed.`;
}

export function renderApplyText(result: ApplyResult, opts: { color: boolean }): string {
  const p = palette(opts.color);
  const lines: string[] = [""];
  for (const o of result.outcomes) {
    if (o.outcome === "skipped" && (o.action === "noop" || o.reason === "in_sync")) continue;
    const detail = o.message ? ` (${o.message})` : "";
    // the message quotes the API: the line is made inert before it is coloured
    const text = inertLine(`${MARK[o.outcome].padStart(3)} ${templateKey(o.key)}: ${o.outcome}${detail}`);
    lines.push(o.outcome === "failed" || o.outcome === "blocked" ? p.red(text) : text);
  }
  const refused = refusedByQuota(result);
  if (refused.length > 0) {
    const last = Math.max(...refused.map((o) => o.blockedUntil ?? 0));
    const n = refused.length;
    lines.push(
      p.red(
        `The API refused ${n} edit${n === 1 ? "" : "s"} for Meta's edit quota, so apply did not do all the plan showed: plan and apply again${last > 0 ? ` after ${new Date(last).toISOString()}` : " later"}.`,
      ),
    );
  }
  if (result.stopped === "interrupted")
    lines.push("Interrupted: the changes not started are marked skipped.");
  if (result.stopped === "timed_out")
    lines.push("Timed out (--timeout): the changes not started are marked skipped.");
  if (result.stopped === "auth_failed") lines.push("Stopped: authentication failed; check the credentials.");
  const summary = applySummaryLine(result);
  lines.push(result.counts.failed > 0 || refused.length > 0 ? p.red(summary) : p.green(summary));
  return `${lines.join("\n")}\n`;
}

/**
 * `verify`: the verify report as `verifyReportJson` renders it, when apply verified (taken ready
 * made, so an apply that did not verify loads no verify module).
 */
export function renderApplyJson(result: ApplyResult, verify?: unknown): string {
  const body = {
    format_version: APPLY_FORMAT_VERSION,
    started_at: new Date(result.startedAt).toISOString(),
    finished_at: new Date(result.finishedAt).toISOString(),
    stopped: result.stopped ?? null,
    summary: result.counts,
    outcomes: result.outcomes.map((o) => ({
      app: o.key.app,
      name: o.key.name,
      language: o.key.language,
      action: o.action,
      outcome: o.outcome,
      reason: o.reason,
      message: o.message ?? null,
      error_kind: o.errorKind ?? null,
      blocked_until: o.blockedUntil === undefined ? null : new Date(o.blockedUntil).toISOString(),
      remote_id: o.remote?.id ?? null,
      remote_status: o.remote?.status ?? null,
      attempts: o.attempts,
    })),
    verify: verify ?? null,
  };
  return `${inertJson(JSON.stringify(body, null, 2))}\n`;
}
