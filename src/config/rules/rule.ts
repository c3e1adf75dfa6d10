// What a lint rule is: a stable id, a default severity, a one-line summary for the docs, and a
// check that looks at one canonical template (or at all of them) and returns findings. Findings
// carry a path in YAML terms (`buttons/1/text`), which the loader turns into file:line:col.

import type { AppConfig } from "../../model/app.js";
import type { Severity } from "../../model/diagnostic.js";
import type { DesiredTemplate } from "../../model/template.js";
import type { RuleInfo } from "../codes.js";
import type { Path } from "../source.js";

export interface Finding {
  /** Where in the template's YAML node, e.g. `["buttons", 1, "text"]`; the template itself when absent. */
  path?: Path;
  message: string;
  hint?: string;
  /** Overrides the rule's severity (e.g. CTLG-001 is an error for AUTHENTICATION, a warning for UTILITY). */
  severity?: Severity;
}

export interface LintContext {
  now: number;
  apps: ReadonlyMap<string, AppConfig>;
}

export interface TemplateRule extends RuleInfo {
  check(t: DesiredTemplate, ctx: LintContext): Finding[];
}

/** A rule about the set of templates (duplicates). */
export interface SetRule extends RuleInfo {
  checkAll(
    templates: readonly DesiredTemplate[],
    ctx: LintContext,
  ): { template: DesiredTemplate; finding: Finding }[];
}

export function rule(info: RuleInfo, check: TemplateRule["check"]): TemplateRule {
  return { ...info, check };
}
