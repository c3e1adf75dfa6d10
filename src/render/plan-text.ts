// The plan for a terminal or a CI log: changes grouped by app with `+ ~ -/+ - !` markers, field
// diffs, reasons and warnings in words, undeclared and unmanageable templates, and one summary line. Noops are not
// shown, only counted. Colour is an option; the CLI decides it (TTY, NO_COLOR).

import type { Diagnostic } from "../model/diagnostic.js";
import { summarize } from "../plan/summary.js";
import type { Action, Change, Plan } from "../plan/types.js";
import { type Palette, palette } from "./color.js";
import { inertLine } from "./inert.js";
import { contentEntries, type FieldView, fieldViews } from "./plan-fields.js";
import {
  actionPhrase,
  formatValue,
  keyOf,
  locationOf,
  MARKERS,
  NO_CHANGES,
  policyNote,
  reasonText,
  summaryLine,
  undeclaredFate,
  unmanageableText,
} from "./plan-words.js";

export interface PlanTextOptions {
  color: boolean;
}

const FIELD = "      ";
const NESTED = "        ";

function actionColor(p: Palette, action: Action): (s: string) => string {
  switch (action) {
    case "create":
      return p.green;
    case "update":
      return p.yellow;
    case "replace":
      return p.magenta;
    case "delete":
    case "blocked":
      return p.red;
    case "noop":
      return p.dim;
  }
}

function diagnosticLines(d: Diagnostic, indent: string, p: Palette, withTemplate: boolean): string[] {
  const label =
    d.severity === "error" ? p.red("error") : d.severity === "warning" ? p.yellow("warning") : p.cyan("note");
  const where = [locationOf(d), withTemplate ? d.template : undefined].filter(Boolean).join(" ");
  const lines = [`${indent}${label} ${d.code}${where ? ` ${where}` : ""}: ${d.message}`];
  if (d.hint) lines.push(`${indent}  ${p.dim(`hint: ${d.hint}`)}`);
  return lines;
}

function fieldLines(v: FieldView, p: Palette): string[] {
  const note = policyNote(v.policy);
  const suffix = note ? ` ${p.bold(`(${note})`)}` : "";
  if (v.kind === "text") {
    return [
      `${FIELD}${v.path}:${suffix}`,
      ...v.lines.map((l) =>
        l.startsWith("@@")
          ? p.cyan(`${NESTED}${l}`)
          : l.startsWith("-")
            ? p.red(`${NESTED}${l}`)
            : l.startsWith("+")
              ? p.green(`${NESTED}${l}`)
              : `${NESTED}${l}`,
      ),
    ];
  }
  return [`${FIELD}${v.path}: ${p.red(formatValue(v.before))} -> ${p.green(formatValue(v.after))}${suffix}`];
}

function createLines(c: Change, p: Palette): string[] {
  if (!c.desired) return [];
  return contentEntries(c.desired).flatMap(({ path, value }) =>
    path === "body" && typeof value === "string"
      ? [`${FIELD}body:`, ...value.split("\n").map((l) => p.green(`${NESTED}${l}`))]
      : [`${FIELD}${path}: ${p.green(formatValue(value))}`],
  );
}

function changeLines(c: Change, p: Palette): string[] {
  const color = actionColor(p, c.action);
  const status = c.remote ? ` [${c.remote.status}]` : "";
  const lines = [`  ${color(`${MARKERS[c.action]} ${keyOf(c)}`)} ${actionPhrase(c.action)}${p.dim(status)}`];
  if (c.action === "create") lines.push(...createLines(c, p));
  else if (!c.desired) lines.push(`${FIELD}id: ${c.remote?.id ?? "?"}`);
  else lines.push(...fieldViews(c).flatMap((v) => fieldLines(v, p)));
  // a blocked change's error diagnostic says why in more detail, with a hint
  const explained = c.action === "blocked" && c.diagnostics.some((d) => d.severity === "error");
  if ((c.action === "replace" || c.action === "delete" || c.action === "blocked") && !explained) {
    lines.push(`${FIELD}${color(reasonText(c))}`);
  }
  for (const d of c.diagnostics) lines.push(...diagnosticLines(d, FIELD, p, false));
  return lines;
}

function appHeader(plan: Plan, alias: string, p: Palette): string {
  const app = plan.apps.find((a) => a.alias === alias);
  const about = app ? ` (${app.appName}, prune ${app.prune ? "on" : "off"})` : "";
  return p.bold(`app ${alias}${about}`);
}

export function renderPlanText(plan: Plan, options: PlanTextOptions = { color: false }): string {
  const p = palette(options.color);
  const out: string[] = [];
  const pending = plan.changes.filter((c) => c.action !== "noop");

  const apps = [...new Set(plan.changes.map((c) => c.key.app))];
  for (const alias of pending.length > 0 ? apps : []) {
    const all = plan.changes.filter((c) => c.key.app === alias);
    const shown = all.filter((c) => c.action !== "noop");
    out.push(appHeader(plan, alias, p), "");
    for (const c of shown) out.push(...changeLines(c, p), "");
    const unchanged = all.length - shown.length;
    if (unchanged > 0)
      out.push(p.dim(`  ${unchanged} unchanged template${unchanged === 1 ? "" : "s"} not shown`), "");
  }

  if (plan.undeclared.length > 0) {
    out.push(p.bold("Undeclared templates (in the remote, not declared):"));
    const width = Math.max(...plan.undeclared.map((u) => keyOf(u).length));
    const statusWidth = Math.max(...plan.undeclared.map((u) => u.status.length));
    for (const u of plan.undeclared) {
      out.push(`  ${keyOf(u).padEnd(width)}  ${u.status.padEnd(statusWidth)}  ${undeclaredFate(u, plan)}`);
    }
    out.push("");
  }

  if (plan.unmanageable.length > 0) {
    out.push(p.bold("Unmanageable templates (waform lists them and never changes them):"));
    const width = Math.max(...plan.unmanageable.map((u) => keyOf(u).length));
    const statusWidth = Math.max(...plan.unmanageable.map((u) => u.status.length));
    for (const u of plan.unmanageable) {
      out.push(
        `  ${keyOf(u).padEnd(width)}  ${inertLine(u.status).padEnd(statusWidth)}  ${unmanageableText(u)}`,
      );
    }
    out.push("");
  }

  // plan-level diagnostics, and the notes of unchanged templates (which are not shown above)
  const notes = [
    ...plan.diagnostics,
    ...plan.changes.filter((c) => c.action === "noop").flatMap((c) => c.diagnostics),
  ];
  if (notes.length > 0) {
    out.push(p.bold("Warnings and notes:"));
    for (const d of notes) out.push(...diagnosticLines(d, "  ", p, true));
    out.push("");
  }

  out.push(pending.length > 0 ? p.bold(summaryLine(summarize(plan))) : p.bold(NO_CHANGES));
  return `${out.join("\n")}\n`;
}
