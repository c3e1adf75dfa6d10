// Checks that look across templates rather than at one: duplicate wording (DUP-001) and the
// hourly creation quota (QTA-001). Both are warnings: Meta decides, the plan only forewarns.

import type { AppConfig } from "../model/app.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type { DesiredTemplate, RemoteTemplate } from "../model/template.js";
import { templateKey } from "../model/template.js";
import { diffContent } from "./content-diff.js";
import type { Change } from "./types.js";

/** QTA-001: template creations Meta accepts per WABA per hour. */
export const CREATES_PER_HOUR = 100;

const SUBMITTING = new Set<Change["action"]>(["create", "update", "replace"]);

/**
 * DUP-001: a template submitted for review (create, update, replace) whose body and footer equal
 * another template of the same app, declared or remote, is likely rejected as a duplicate.
 * AUTHENTICATION templates are exempt (their wording is fixed by Meta).
 */
export function duplicateWording(
  changes: readonly Change[],
  desired: readonly DesiredTemplate[],
  remote: readonly RemoteTemplate[],
): Diagnostic[] {
  const checked = changes.filter(
    (c) => c.desired && SUBMITTING.has(c.action) && c.desired.category !== "AUTHENTICATION",
  );
  if (checked.length === 0) return [];
  // app -> body -> footer -> template key -> where, for the wordings of the changes checked only:
  // keyed by the templates' own strings, each hashed once, rather than by a joined text built and
  // hashed per template
  const byWording = new Map<string, Map<string, Map<string, Map<string, string>>>>();
  for (const c of checked) {
    const d = c.desired as DesiredTemplate;
    let bodies = byWording.get(d.app);
    if (!bodies) {
      bodies = new Map();
      byWording.set(d.app, bodies);
    }
    let footers = bodies.get(d.body);
    if (!footers) {
      footers = new Map();
      bodies.set(d.body, footers);
    }
    if (!footers.has(d.footer ?? "")) footers.set(d.footer ?? "", new Map());
  }
  const holders = (t: { app: string; body: string; footer?: string }) =>
    byWording
      .get(t.app)
      ?.get(t.body)
      ?.get(t.footer ?? "");
  const add = (t: DesiredTemplate | RemoteTemplate, where: string) => {
    const keys = holders(t);
    if (!keys) return;
    const key = templateKey(t);
    if (!keys.has(key)) keys.set(key, where);
  };
  for (const t of desired) add(t, "declared");
  for (const t of remote) add(t, `remote, ${t.status}`);

  const out: Diagnostic[] = [];
  for (const c of checked) {
    const keys = holders(c.desired as DesiredTemplate);
    // the template itself holds its wording: one holder is no duplicate
    if (!keys || keys.size < 2) continue;
    const self = templateKey(c.key);
    const others = [...keys].filter(([k]) => k !== self).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (others.length === 0) continue;
    out.push({
      severity: "warning",
      code: "DUP-001",
      message: `same body and footer as ${others.map(([k, where]) => `${k} (${where})`).join(", ")}; Meta rejects duplicates`,
      hint: "reword the body or footer",
      template: self,
    });
  }
  return out;
}

/**
 * PLAN-006: a create whose content equals an undeclared remote template of the same app looks like
 * a rename. A name cannot be edited, so a rename is a create of the new name (reviewed by Meta
 * again) and, only where the app prunes, a delete of the old one: worth saying in the plan.
 */
export function likelyRenames(
  changes: readonly Change[],
  remote: readonly RemoteTemplate[],
  apps: ReadonlyMap<string, AppConfig>,
): Diagnostic[] {
  const creates = changes.filter((c) => c.action === "create" && c.desired);
  if (creates.length === 0) return [];
  const declared = new Set(changes.filter((c) => c.desired).map((c) => templateKey(c.key)));
  // undeclared remote templates by app and body: a twin has the same content, so the same body
  const undeclared = new Map<string, RemoteTemplate[]>();
  for (const r of remote) {
    if (declared.has(templateKey(r))) continue;
    const at = `${r.app}\u0000${r.body}`;
    const list = undeclared.get(at);
    if (list) list.push(r);
    else undeclared.set(at, [r]);
  }
  const out: Diagnostic[] = [];
  for (const c of creates) {
    const d = c.desired as DesiredTemplate;
    const twins = (undeclared.get(`${d.app}\u0000${d.body}`) ?? [])
      .filter((r) => diffContent(r, d).length === 0)
      .sort((a, b) => (templateKey(a) < templateKey(b) ? -1 : 1));
    if (twins.length === 0) continue;
    const those =
      twins.length === 1 ? "that undeclared remote template" : "those undeclared remote templates";
    const prunes = apps.get(d.app)?.prune ?? false;
    out.push({
      severity: "info",
      code: "PLAN-006",
      message: `looks like a rename of ${twins.map(templateKey).join(", ")}: the same content as ${those} (${twins.map((t) => t.status).join(", ")})`,
      hint: prunes
        ? "a name cannot be edited: the new template is created (and reviewed again), the old one is deleted"
        : `a name cannot be edited: the new template is created, the old one stays (app ${d.app} does not prune)`,
      template: templateKey(c.key),
    });
  }
  return out;
}

/** QTA-001: more creations (creates and replaces) for one app than Meta accepts in an hour. */
export function creationQuota(changes: readonly Change[]): Diagnostic[] {
  const perApp = new Map<string, number>();
  for (const c of changes) {
    if (c.action === "create" || c.action === "replace")
      perApp.set(c.key.app, (perApp.get(c.key.app) ?? 0) + 1);
  }
  return [...perApp]
    .filter(([, n]) => n > CREATES_PER_HOUR)
    .map(([app, n]) => ({
      severity: "warning" as const,
      code: "QTA-001",
      message: `app ${app}: ${n} templates to create; Meta accepts ${CREATES_PER_HOUR} creations per WABA per hour`,
      hint: "apply in batches with --target, an hour apart",
    }));
}
