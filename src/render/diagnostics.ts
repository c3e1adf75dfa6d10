// Diagnostics -> text, JSON and GitHub Actions annotations. Pure functions returning strings; the
// CLI decides where they go.
//
// Text: one line per diagnostic, `FILE:LINE:COL severity CODE message`, so editors and CI problem
// matchers can parse it, then an indented `hint:` line when there is a hint.

import type { Diagnostic, Severity } from "../model/diagnostic.js";
import { plural } from "../model/plural.js";
import { type Palette, palette } from "./color.js";
import { inertJson, inertLine } from "./inert.js";

export interface DiagnosticSummary {
  errors: number;
  warnings: number;
  /** Files read. */
  files: number;
  /** Templates in the declaration (those with structural errors are not counted). */
  templates: number;
  apps: number;
}

export interface TextOptions {
  color?: boolean;
}

function location(d: Diagnostic): string {
  // a file name is other people's text too (directory mode reads whatever is there)
  const file = inertLine(d.file ?? "waform");
  return d.line === undefined ? file : `${file}:${d.line}:${d.col ?? 1}`;
}

function severityWord(severity: Severity, p: Palette): string {
  if (severity === "error") return p.red(severity);
  if (severity === "warning") return p.yellow(severity);
  return p.cyan(severity);
}

/** One diagnostic: its line, plus a hint line when it has a hint. Ends with a newline. */
export function formatDiagnostic(d: Diagnostic, opts: TextOptions = {}): string {
  const p = palette(opts.color ?? false);
  const line = `${location(d)} ${severityWord(d.severity, p)} ${p.bold(d.code)} ${oneLine(d.message)}\n`;
  return d.hint ? `${line}    ${p.dim(`hint: ${oneLine(d.hint)}`)}\n` : line;
}

export function renderDiagnosticsText(diagnostics: readonly Diagnostic[], opts: TextOptions = {}): string {
  return diagnostics.map((d) => formatDiagnostic(d, opts)).join("");
}

export function summarize(
  diagnostics: readonly Diagnostic[],
  counts: { files: number; templates: number; apps: number },
): DiagnosticSummary {
  return {
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warning").length,
    ...counts,
  };
}

/** e.g. `1 error, 2 warnings: 11 templates, 3 apps in 1 file`. */
export function renderSummaryLine(s: DiagnosticSummary, opts: TextOptions = {}): string {
  const p = palette(opts.color ?? false);
  const errors = plural(s.errors, "error");
  const problems = `${s.errors ? p.red(errors) : errors}, ${s.warnings ? p.yellow(plural(s.warnings, "warning")) : plural(s.warnings, "warning")}`;
  return `${problems}: ${plural(s.templates, "template")}, ${plural(s.apps, "app")} in ${plural(s.files, "file")}\n`;
}

/** `{ "diagnostics": [...], "summary": {...} }`, pretty-printed, with a final newline. */
export function renderDiagnosticsJson(
  diagnostics: readonly Diagnostic[],
  summary: DiagnosticSummary,
): string {
  const list = diagnostics.map((d) => {
    const out: Record<string, unknown> = { severity: d.severity, code: d.code, message: d.message };
    if (d.file !== undefined) out["file"] = d.file;
    if (d.line !== undefined) out["line"] = d.line;
    if (d.col !== undefined) out["col"] = d.col;
    if (d.hint !== undefined) out["hint"] = d.hint;
    if (d.template !== undefined) out["template"] = d.template;
    return out;
  });
  return `${inertJson(JSON.stringify({ diagnostics: list, summary }, null, 2))}\n`;
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=CODE::message`), which show
 * the diagnostics as annotations on the pull request's diff.
 */
export function renderGithubAnnotations(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const command = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
      const props: string[] = [];
      if (d.file !== undefined) props.push(`file=${escapeProperty(inertLine(d.file))}`);
      if (d.line !== undefined) props.push(`line=${d.line}`);
      if (d.col !== undefined) props.push(`col=${d.col}`);
      props.push(`title=${escapeProperty(d.code)}`);
      const text = d.hint ? `${inertLine(d.message)}\nhint: ${inertLine(d.hint)}` : inertLine(d.message);
      return `::${command} ${props.join(",")}::${escapeData(text)}\n`;
    })
    .join("");
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * A diagnostic is one line: a newline inside a message would break line-based parsers. Messages
 * quote the user's text, so the line is also made inert.
 */
function oneLine(s: string): string {
  return inertLine(s.replace(/\r?\n/g, " "));
}
