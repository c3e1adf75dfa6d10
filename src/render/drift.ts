// Drift report renderers: text for terminals and logs, JSON for tools, Markdown for an issue body.
// Keys, statuses, ids and reasons come from the remote: every line is made inert (inert.ts).

import type { DriftedTemplate, DriftReport } from "../plan/drift.js";
import { inertJson, inertLine, mdCell, mdCode, mdText } from "./inert.js";
import { applyWouldPhrase } from "./plan-words.js";

function unmanageableLine(u: DriftReport["unmanageable"][number]): string {
  return `${u.reason.replaceAll("_", " ")}: ${u.detail}${u.declared ? " (declared: its change is blocked)" : ""}`;
}

/** Drift that counts: an undeclared unmanageable template is listed, but no declaration could change it. */
function driftCount(r: DriftReport): number {
  return (
    r.changed.length +
    r.missing.length +
    r.undeclared.length +
    r.unhealthy.length +
    r.unmanageable.filter((u) => u.declared).length
  );
}

function show(v: unknown): string {
  if (v === undefined) return "(none)";
  return JSON.stringify(v);
}

/** What apply would do about a drifted template; for a block, what lifts it. */
function applyWould(c: DriftedTemplate): string {
  if (!c.blocked) return `${applyWouldPhrase(c.action)}: ${c.reason}`;
  if (c.blocked.by === "declaration") {
    return `apply cannot undo it (${c.reason}): change the declaration to keep the remote's version`;
  }
  const when = c.blocked.until === undefined ? "later" : `after ${new Date(c.blocked.until).toISOString()}`;
  return `apply cannot undo it yet (${c.reason}): apply ${when}, or change the declaration`;
}

export function renderDriftText(r: DriftReport): string {
  const lines: string[] = [];
  if (r.changed.length) {
    lines.push("Changed outside waform:");
    for (const c of r.changed) {
      lines.push(`  ~ ${c.key} [${c.status}] (${applyWould(c)})`);
      for (const f of c.fields) lines.push(`      ${f.path}: ${show(f.before)} -> ${show(f.after)}`);
    }
  }
  if (r.missing.length) {
    lines.push("Declared but missing remotely:");
    for (const k of r.missing) lines.push(`  + ${k}`);
  }
  if (r.undeclared.length) {
    lines.push("Exists remotely but not declared:");
    for (const u of r.undeclared) lines.push(`  ? ${u.key} [${u.status}] id ${u.id}`);
  }
  if (r.unhealthy.length) {
    lines.push("Not sendable:");
    for (const u of r.unhealthy) lines.push(`  ! ${u.key} [${u.status}]${u.reason ? `: ${u.reason}` : ""}`);
  }
  if (r.unmanageable.length) {
    lines.push("Unmanageable (waform lists them and never changes them):");
    for (const u of r.unmanageable)
      lines.push(`  # ${u.key} [${u.status}] id ${u.id}: ${unmanageableLine(u)}`);
  }
  const n = driftCount(r);
  const odd = r.unmanageable.length;
  lines.push(
    n === 0
      ? `No drift. The remote matches the declaration${odd ? ` (${odd} unmanageable template${odd === 1 ? "" : "s"} listed above)` : ""}.`
      : `Drift: ${r.changed.length} changed, ${r.missing.length} missing, ${r.undeclared.length} undeclared, ${r.unhealthy.length} not sendable${odd ? `, ${odd} unmanageable` : ""}.`,
  );
  // no colour here, so each whole line can be made inert at once
  return `${lines.map(inertLine).join("\n")}\n`;
}

export function renderDriftJson(r: DriftReport): string {
  return `${inertJson(
    JSON.stringify(
      {
        format_version: r.formatVersion,
        created_at: new Date(r.createdAt).toISOString(),
        changed: r.changed,
        missing: r.missing,
        undeclared: r.undeclared,
        unmanageable: r.unmanageable,
        unhealthy: r.unhealthy,
      },
      null,
      2,
    ),
  )}\n`;
}

export function renderDriftMarkdown(r: DriftReport): string {
  const out: string[] = ["## waform drift report", ""];
  const n = driftCount(r);
  if (n === 0 && r.unmanageable.length === 0)
    return `${out.join("\n")}No drift. The remote matches the declaration.\n`;
  out.push(
    `**${r.changed.length} changed, ${r.missing.length} missing, ${r.undeclared.length} undeclared, ${r.unhealthy.length} not sendable, ${r.unmanageable.length} unmanageable.**`,
    "",
    "| Template | Drift | Status | Detail |",
    "|---|---|---|---|",
  );
  const key = (k: string) => mdCode(k, true);
  const status = (s: string) => mdCell(mdText(s));
  for (const c of r.changed) {
    const fields = c.fields.map((f) => f.path).join(", ");
    out.push(
      `| ${key(c.key)} | changed | ${status(c.status)} | ${mdCell(mdText(`${fields}; ${applyWould(c)}`))} |`,
    );
  }
  for (const k of r.missing) out.push(`| ${key(k)} | missing | — | declared, not in the remote |`);
  for (const u of r.undeclared)
    out.push(`| ${key(u.key)} | undeclared | ${status(u.status)} | id ${mdCode(u.id, true)} |`);
  // a reason is the API's free text: as code, so nothing in it renders, links or mentions anyone
  for (const u of r.unhealthy)
    out.push(
      `| ${key(u.key)} | not sendable | ${status(u.status)} | ${u.reason ? mdCode(u.reason, true) : ""} |`,
    );
  // the detail quotes the remote's values: as code, like a reason
  for (const u of r.unmanageable)
    out.push(`| ${key(u.key)} | unmanageable | ${status(u.status)} | ${mdCode(unmanageableLine(u), true)} |`);
  return `${out.join("\n")}\n`;
}
