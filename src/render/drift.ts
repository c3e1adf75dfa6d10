// Drift report renderers: text for terminals and logs, JSON for tools, Markdown for an issue body.

import type { DriftReport } from "../plan/drift.js";
import { inertLine } from "./inert.js";
import { applyWouldPhrase } from "./plan-words.js";

function unmanageableLine(u: DriftReport["unmanageable"][number]): string {
  return `${u.reason.replaceAll("_", " ")}: ${inertLine(u.detail)}${u.declared ? " (declared: its change is blocked)" : ""}`;
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
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
}

export function renderDriftText(r: DriftReport): string {
  const lines: string[] = [];
  if (r.changed.length) {
    lines.push("Changed outside waform:");
    for (const c of r.changed) {
      lines.push(`  ~ ${c.key} [${c.status}] (${applyWouldPhrase(c.action)}: ${c.reason})`);
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
      lines.push(`  # ${inertLine(u.key)} [${inertLine(u.status)}] id ${u.id}: ${unmanageableLine(u)}`);
  }
  const n = driftCount(r);
  const odd = r.unmanageable.length ? `, ${r.unmanageable.length} unmanageable` : "";
  lines.push(
    n === 0
      ? `No drift. The remote matches the declaration${odd ? ` (${r.unmanageable.length} unmanageable template${r.unmanageable.length === 1 ? "" : "s"} listed above)` : ""}.`
      : `Drift: ${r.changed.length} changed, ${r.missing.length} missing, ${r.undeclared.length} undeclared, ${r.unhealthy.length} not sendable${odd}.`,
  );
  return `${lines.join("\n")}\n`;
}

export function renderDriftJson(r: DriftReport): string {
  return `${JSON.stringify(
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
  )}\n`;
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
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
  for (const c of r.changed) {
    out.push(`| \`${c.key}\` | changed | ${c.status} | ${cell(c.fields.map((f) => f.path).join(", "))} |`);
  }
  for (const k of r.missing) out.push(`| \`${k}\` | missing | — | declared, not in the remote |`);
  for (const u of r.undeclared) out.push(`| \`${u.key}\` | undeclared | ${u.status} | id ${u.id} |`);
  for (const u of r.unhealthy)
    out.push(`| \`${u.key}\` | not sendable | ${u.status} | ${cell(u.reason ?? "")} |`);
  for (const u of r.unmanageable)
    out.push(`| \`${u.key}\` | unmanageable | ${cell(inertLine(u.status))} | ${cell(unmanageableLine(u))} |`);
  return `${out.join("\n")}\n`;
}
