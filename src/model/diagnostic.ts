// Errors as data: everything that can be collected (schema errors, lint findings, plan warnings)
// is a Diagnostic. Renderers turn them into `FILE:LINE:COL severity RULE-ID message` lines, JSON or
// CI annotations.

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `LTO-004`, `SCHEMA`, `YAML-SYNTAX`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  hint?: string;
  /** `app/name/language` of the template concerned, when there is one. */
  template?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Sort by file, line, column, then rule id, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file ?? "").localeCompare(b.file ?? "") ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.col ?? 0) - (b.col ?? 0) ||
    a.code.localeCompare(b.code)
  );
}
