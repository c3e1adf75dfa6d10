// The lint rules over canonical templates, one file per area. `lintTemplates` is pure: the same
// templates, apps and `now` give the same diagnostics. It is also used on imported (remote)
// templates, so it needs no YAML: positions come from the optional `locate`.

import type { AppConfig } from "../../model/app.js";
import type { Diagnostic } from "../../model/diagnostic.js";
import { type DesiredTemplate, type SourceRef, templateKey } from "../../model/template.js";
import type { RuleInfo } from "../codes.js";
import type { Path } from "../source.js";
import { authRules } from "./auth.js";
import { bodyRules } from "./body.js";
import { buttonRules } from "./buttons.js";
import { headerRules } from "./header.js";
import { kindRules } from "./kind.js";
import { ltoRules } from "./lto.js";
import { nameRules, setRules } from "./names.js";
import { productRules } from "./product.js";
import type { Finding, LintContext, SetRule, TemplateRule } from "./rule.js";
import { testBlockRules } from "./test-block.js";
import { textRules } from "./text.js";
import { variableRules } from "./variables.js";

export const TEMPLATE_RULES: readonly TemplateRule[] = [
  ...nameRules,
  ...headerRules,
  ...bodyRules,
  ...variableRules,
  ...buttonRules,
  ...ltoRules,
  ...productRules,
  ...authRules,
  ...kindRules,
  ...testBlockRules,
  ...textRules,
];
export const SET_RULES: readonly SetRule[] = setRules;

/** Resolves a finding's YAML path inside a template to a position. */
export type Locate = (template: DesiredTemplate, path: Path) => SourceRef;

const atTemplate: Locate = (t) => t.source;

export function lintTemplates(
  templates: readonly DesiredTemplate[],
  apps: readonly AppConfig[],
  now: number,
  locate: Locate = atTemplate,
): Diagnostic[] {
  return [...lintEach(templates, apps, now, locate), ...lintSet(templates, apps, now, locate)];
}

/** The per-template rules only (the loader also runs them on templates left out of the declaration). */
export function lintEach(
  templates: readonly DesiredTemplate[],
  apps: readonly AppConfig[],
  now: number,
  locate: Locate = atTemplate,
): Diagnostic[] {
  const ctx = context(apps, now);
  const out: Diagnostic[] = [];
  for (const t of templates) {
    for (const r of TEMPLATE_RULES) for (const f of r.check(t, ctx)) out.push(toDiagnostic(r, t, f, locate));
  }
  return out;
}

/** The rules about the set of templates (duplicates). */
export function lintSet(
  templates: readonly DesiredTemplate[],
  apps: readonly AppConfig[],
  now: number,
  locate: Locate = atTemplate,
): Diagnostic[] {
  const ctx = context(apps, now);
  return SET_RULES.flatMap((r) =>
    r.checkAll(templates, ctx).map(({ template, finding }) => toDiagnostic(r, template, finding, locate)),
  );
}

function context(apps: readonly AppConfig[], now: number): LintContext {
  return { now, apps: new Map(apps.map((a) => [a.alias, a])) };
}

function toDiagnostic(info: RuleInfo, t: DesiredTemplate, f: Finding, locate: Locate): Diagnostic {
  const at = locate(t, f.path ?? []);
  const d: Diagnostic = {
    severity: f.severity ?? info.severity,
    code: info.id,
    message: f.message,
    file: at.file,
    line: at.line,
    col: at.col,
    template: templateKey(t),
  };
  if (f.hint) d.hint = f.hint;
  return d;
}

/** What is documented of every lint rule (one entry per id). */
export function lintRuleInfo(): RuleInfo[] {
  const seen = new Map<string, RuleInfo>();
  for (const r of [...TEMPLATE_RULES, ...SET_RULES]) {
    const { id, severity, summary, why, example } = r;
    if (!seen.has(id)) seen.set(id, { id, severity, summary, why, example });
  }
  return [...seen.values()];
}
