// The plan for a terminal or a CI log: changes grouped by app with `+ ~ -/+ - !` markers, field
// diffs, reasons and warnings in words, undeclared and unmanageable templates, and one summary line. Noops are not
// shown, only counted. Colour is an option; the CLI decides it (TTY, NO_COLOR).

import type { Diagnostic } from "../model/diagnostic.js";
import { plural } from "../model/plural.js";
import type { TemplateContent } from "../model/template.js";
import { summarize } from "../plan/summary.js";
import type { Action, Change, Plan } from "../plan/types.js";
import { type Palette, palette } from "./color.js";
import { inertLine, inertText } from "./inert.js";
import {
  contentEntries,
  type FieldView,
  fieldViews,
  formatValue,
  isObject,
  objectChanges,
  objectPairs,
} from "./plan-fields.js";
import {
  actionPhrase,
  keyOf,
  locationOf,
  MARKERS,
  NO_CHANGES,
  policyNote,
  reasonText,
  summaryLine,
  unblockText,
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
  const where = [locationOf(d), withTemplate && d.template ? inertLine(d.template) : undefined]
    .filter(Boolean)
    .join(" ");
  const lines = [`${indent}${label} ${d.code}${where ? ` ${where}` : ""}: ${inertLine(d.message)}`];
  if (d.hint) lines.push(`${indent}  ${p.dim(`hint: ${inertLine(d.hint)}`)}`);
  return lines;
}

/** `key = value` lines for an object's keys, keys aligned, values in one colour. */
function pairLines(v: Record<string, unknown>, paint: (s: string) => string): string[] {
  const pairs = objectPairs(v);
  const width = Math.max(0, ...pairs.map((x) => x.key.length));
  return pairs.map(({ key, value }) => `${NESTED}${key.padEnd(width)} = ${paint(value)}`);
}

/** A changed field that is an object on both sides (a header or button of another type). */
function objectChangeLines(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  p: Palette,
): string[] {
  const rows = objectChanges(before, after);
  const width = Math.max(0, ...rows.map((r) => r.key.length));
  return rows.map((r) =>
    r.changed
      ? `${NESTED}${r.key.padEnd(width)} = ${p.red(r.before ?? "(none)")} -> ${p.green(r.after)}`
      : p.dim(`${NESTED}${r.key.padEnd(width)} = ${r.after}`),
  );
}

function fieldLines(v: FieldView, p: Palette): string[] {
  const note = policyNote(v.policy);
  const suffix = note ? ` ${p.bold(`(${note})`)}` : "";
  if (v.kind === "value" && isObject(v.before) && isObject(v.after)) {
    return [`${FIELD}${v.path}:${suffix}`, ...objectChangeLines(v.before, v.after, p)];
  }
  if (v.kind === "value" && isObject(v.after) && v.before === undefined) {
    return [`${FIELD}${v.path}: ${p.green("added")}${suffix}`, ...pairLines(v.after, p.green)];
  }
  if (v.kind === "value" && isObject(v.before) && v.after === undefined) {
    return [`${FIELD}${v.path}: ${p.red("removed")}${suffix}`, ...pairLines(v.before, p.red)];
  }
  if (v.kind === "text") {
    return [
      `${FIELD}${v.path}:${suffix}`,
      ...v.lines
        .map(inertText)
        .map((l) =>
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
  return [`${FIELD}${v.path} = ${p.red(formatValue(v.before))} -> ${p.green(formatValue(v.after))}${suffix}`];
}

/**
 * A whole template, for a create (what will exist) or a delete (what will be gone): `key = value`
 * lines, keys aligned; the body as its lines; a header, button or offer as its own keys.
 */
function contentLines(t: TemplateContent, paint: (s: string) => string, id?: string): string[] {
  const entries = [...(id === undefined ? [] : [{ path: "id", value: id as unknown }]), ...contentEntries(t)];
  const width = Math.max(0, ...entries.filter((e) => !isObject(e.value)).map((e) => e.path.length));
  return entries.flatMap(({ path, value }) => {
    if (path === "body" && typeof value === "string")
      return [`${FIELD}body:`, ...value.split("\n").map((l) => paint(`${NESTED}${inertText(l)}`))];
    if (isObject(value)) return [`${FIELD}${path}:`, ...pairLines(value, paint)];
    return [`${FIELD}${path.padEnd(width)} = ${paint(formatValue(value))}`];
  });
}

/** What a change without a declaration shows: the remote template, or at least its id. */
function remoteLines(c: Change, p: Palette): string[] {
  const content = c.remote?.content;
  const paint = c.action === "delete" ? p.red : (s: string) => s;
  if (content) return contentLines(content, paint, c.remote?.id);
  return [`${FIELD}id = ${formatValue(c.remote?.id ?? "?")}`];
}

/** `(looks like a rename of shop/old/en)` on a create that has a PLAN-006 note. */
function renameNote(c: Change, plan: Plan, p: Palette): string {
  if (c.action !== "create") return "";
  const key = keyOf(c);
  const rename = plan.diagnostics.find((d) => d.code === "PLAN-006" && d.template === key);
  const of = rename ? /^looks like a rename of (.+?): /.exec(rename.message)?.[1] : undefined;
  return of ? ` ${p.cyan(`(looks like a rename of ${inertLine(of)})`)}` : "";
}

function changeLines(c: Change, plan: Plan, p: Palette): string[] {
  const color = actionColor(p, c.action);
  const status = c.remote ? ` [${inertLine(c.remote.status)}]` : "";
  const lines = [
    `  ${color(`${MARKERS[c.action]} ${keyOf(c)}`)} ${actionPhrase(c.action)}${p.dim(status)}${renameNote(c, plan, p)}`,
  ];
  if (c.action === "create" && c.desired) lines.push(...contentLines(c.desired, p.green));
  else if (!c.desired) lines.push(...remoteLines(c, p));
  else lines.push(...fieldViews(c).flatMap((v) => fieldLines(v, p)));
  // a blocked change's error diagnostic says why in more detail, with a hint
  const explained = c.action === "blocked" && c.diagnostics.some((d) => d.severity === "error");
  if ((c.action === "replace" || c.action === "delete" || c.action === "blocked") && !explained) {
    lines.push(`${FIELD}${color(reasonText(c))}`);
  }
  for (const d of c.diagnostics) lines.push(...diagnosticLines(d, FIELD, p, false));
  const unblock = unblockText(c);
  if (unblock) lines.push(`${FIELD}${color(unblock)}`);
  return lines;
}

function appHeader(plan: Plan, alias: string, p: Palette): string {
  const app = plan.apps.find((a) => a.alias === alias);
  const about = app ? ` (${inertLine(app.appName)}, prune ${app.prune ? "on" : "off"})` : "";
  return p.bold(`app ${inertLine(alias)}${about}`);
}

/** Remote templates the plan does not change, one aligned `key  status  words` row each. */
function remoteTable<T extends { key: Change["key"]; status: string }>(
  title: string,
  rows: readonly T[],
  words: (row: T) => string,
): string[] {
  if (rows.length === 0) return [];
  const keys = rows.map(keyOf);
  const statuses = rows.map((r) => inertLine(r.status));
  const width = Math.max(...keys.map((k) => k.length));
  const statusWidth = Math.max(...statuses.map((s) => s.length));
  return [
    title,
    ...rows.map((r, i) => `  ${keys[i]!.padEnd(width)}  ${statuses[i]!.padEnd(statusWidth)}  ${words(r)}`),
    "",
  ];
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
    for (const c of shown) out.push(...changeLines(c, plan, p), "");
    const unchanged = all.length - shown.length;
    if (unchanged > 0) out.push(p.dim(`  ${plural(unchanged, "unchanged template")} not shown`), "");
  }

  out.push(
    ...remoteTable(p.bold("Undeclared templates (in the remote, not declared):"), plan.undeclared, (u) =>
      undeclaredFate(u, plan),
    ),
    ...remoteTable(
      p.bold("Unmanageable templates (waform lists them and never changes them):"),
      plan.unmanageable,
      unmanageableText,
    ),
  );

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
