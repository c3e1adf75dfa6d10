// makePlan: the declaration and the remote in, one decision per template key out. Pure: `now` is
// passed in, nothing is read or printed, and the result is plain data (see types.ts).

import type { AppConfig } from "../model/app.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { InternalError } from "../model/errors.js";
import { compact } from "../model/plain.js";
import type {
  DesiredTemplate,
  RemoteTemplate,
  TemplateKey,
  UnmanageableTemplate,
} from "../model/template.js";
import { templateKey } from "../model/template.js";
import { decideDeclared, decideUndeclared } from "./decide.js";
import { declarationDigest } from "./declaration-digest.js";
import { remoteFingerprint } from "./fingerprint.js";
import { creationQuota, duplicateWording, likelyRenames } from "./plan-checks.js";
import { publicApp } from "./records.js";
import { inScope, matchesTarget, type PlanScope } from "./scope.js";
import {
  type Change,
  PLAN_FORMAT_VERSION,
  type Plan,
  type UndeclaredTemplate,
  type UnmanageableEntry,
} from "./types.js";
import { decideUnmanageable, reclassificationNote, unmanageableEntry } from "./unmanageable.js";

export interface PlanOptions {
  /** Every configured app; templates of other apps are reported and left out. */
  apps: AppConfig[];
  /** Epoch ms: the plan's timestamp and the reference for the 24 h edit window. */
  now: number;
  /** `--app` aliases; none means every app. */
  scopeApps?: string[];
  /** `--target`: `name`, `app/name` or `app/name/language`; none means every template. */
  targets?: string[];
  /**
   * Remote rows waform cannot manage (the provider listing's `unmanageable`): listed, never
   * changed; a declaration naming one is blocked.
   */
  unmanageable?: readonly UnmanageableTemplate[];
  /**
   * Where `remote` was read: `sandbox`, or the Partner API's base URL (normalised, without
   * credentials). The plan records it, so a saved plan is applied only where it was made.
   */
  endpoint?: string;
}

/** The endpoint a plan records when the caller does not say (library use and tests). */
export const UNSPECIFIED_ENDPOINT = "unspecified";

export { publicApp } from "./records.js";

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareKeys(a: TemplateKey, b: TemplateKey): number {
  return byString(a.app, b.app) || byString(a.name, b.name) || byString(a.language, b.language);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function resolveScope(
  options: DeclarationOptions,
  known: ReadonlyMap<string, AppConfig>,
  out: Diagnostic[],
): PlanScope {
  const requested = unique(options.scopeApps ?? []);
  for (const alias of requested.filter((a) => !known.has(a))) {
    out.push({
      severity: "error",
      code: "PLAN-004",
      message: `--app ${alias}: no such app`,
      hint: `configured apps: ${[...known.keys()].join(", ") || "(none)"}`,
    });
  }
  const apps = requested.length > 0 ? requested.filter((a) => known.has(a)) : [...known.keys()];
  return { apps: apps.sort(byString), targets: unique(options.targets ?? []) };
}

function indexDeclared(
  desired: readonly DesiredTemplate[],
  known: ReadonlyMap<string, AppConfig>,
  out: Diagnostic[],
): Map<string, DesiredTemplate> {
  const index = new Map<string, DesiredTemplate>();
  for (const d of desired) {
    const k = templateKey(d);
    const at = { file: d.source.file, line: d.source.line, col: d.source.col, template: k };
    if (!known.has(d.app)) {
      out.push({
        severity: "error",
        code: "PLAN-001",
        message: `app ${d.app} is not configured; the template is left out of the plan`,
        ...at,
      });
    } else if (index.has(k)) {
      out.push({
        severity: "error",
        code: "NAME-004",
        message: `${k} is declared twice; the first declaration is used`,
        ...at,
      });
    } else {
      index.set(k, d);
    }
  }
  return index;
}

function indexRemote(
  remote: readonly RemoteTemplate[],
  known: ReadonlyMap<string, AppConfig>,
  out: Diagnostic[],
): Map<string, RemoteTemplate> {
  const index = new Map<string, RemoteTemplate>();
  const twice = new Map<string, RemoteTemplate[]>();
  for (const r of remote) {
    if (!known.has(r.app)) continue;
    const k = templateKey(r);
    const first = index.get(k);
    if (!first) index.set(k, r);
    else if (twice.has(k)) twice.get(k)?.push(r);
    else twice.set(k, [first, r]);
  }
  // the provider lists one row per key; if it ever lists two, keep the same one whatever the
  // order: the least id
  for (const [k, rows] of twice) {
    rows.sort((a, b) => byString(a.id, b.id));
    const [kept, ...others] = rows as [RemoteTemplate, ...RemoteTemplate[]];
    index.set(k, kept);
    for (const r of others) {
      out.push({
        severity: "warning",
        code: "PLAN-003",
        message: `the remote lists ${k} twice (ids ${kept.id} and ${r.id}); the plan uses ${kept.id}`,
        template: k,
      });
    }
  }
  return index;
}

export function unmatchedTargets(scope: PlanScope, keys: readonly TemplateKey[]): Diagnostic[] {
  if (scope.targets.length === 0) return [];
  const candidates = keys.filter((k) => scope.apps.includes(k.app));
  return scope.targets
    .filter((t) => !candidates.some((k) => matchesTarget(k, t)))
    .map((t) => ({
      severity: "warning" as const,
      code: "PLAN-005",
      message: `--target ${t} matches no declared or remote template${scope.apps.length ? ` in ${scope.apps.join(", ")}` : ""}`,
      hint: "a target is name, app/name or app/name/language",
    }));
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    byString(a.template ?? "", b.template ?? "") || byString(a.code, b.code) || byString(a.message, b.message)
  );
}

/** What the declaration's side of a plan depends on. */
export type DeclarationOptions = Pick<PlanOptions, "apps" | "scopeApps" | "targets">;

/**
 * The declaration's side of a plan: what does not depend on the remote (the scope, the declared
 * templates by key, the declaration digest). makePlan prepares it itself when given templates; a
 * caller that has the declaration before the remote (the CLI reads the remote while it checks the
 * files) prepares it meanwhile and hands it to makePlan with the same options.
 */
export interface PreparedDeclaration {
  readonly options: DeclarationOptions;
  readonly known: ReadonlyMap<string, AppConfig>;
  readonly scope: PlanScope;
  readonly declared: ReadonlyMap<string, DesiredTemplate>;
  readonly digest: string;
  readonly diagnostics: readonly Diagnostic[];
}

export function prepareDeclaration(
  desired: DesiredTemplate[],
  options: DeclarationOptions,
): PreparedDeclaration {
  const diagnostics: Diagnostic[] = [];
  const known = new Map(options.apps.map((a) => [a.alias, a]));
  const scope = resolveScope(options, known, diagnostics);
  const declared = indexDeclared(desired, known, diagnostics);
  const digest = declarationDigest(options.apps, declared.values(), scope);
  return { options, known, scope, declared, digest, diagnostics };
}

/** A prepared side is used only with the options it was prepared with. */
function preparedFor(prepared: PreparedDeclaration, options: DeclarationOptions): PreparedDeclaration {
  const same = (a: readonly string[] = [], b: readonly string[] = []) =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  const p = prepared.options;
  if (p.apps !== options.apps || !same(p.scopeApps, options.scopeApps) || !same(p.targets, options.targets))
    throw new InternalError("a declaration prepared with other options was given to makePlan");
  return prepared;
}

export function makePlan(
  desired: DesiredTemplate[] | PreparedDeclaration,
  remote: RemoteTemplate[],
  options: PlanOptions,
): Plan {
  const prepared = Array.isArray(desired)
    ? prepareDeclaration(desired, options)
    : preparedFor(desired, options);
  const { known, scope, declared } = prepared;
  const diagnostics: Diagnostic[] = [...prepared.diagnostics];
  const remotes = indexRemote(remote, known, diagnostics);
  const odd = new Map<string, UnmanageableTemplate>();
  for (const u of options.unmanageable ?? [])
    if (known.has(u.app) && !odd.has(templateKey(u))) odd.set(templateKey(u), u);

  const allKeys = new Map<string, TemplateKey>();
  for (const [k, t] of [...declared, ...remotes, ...odd])
    allKeys.set(k, { app: t.app, name: t.name, language: t.language });
  const keys = [...allKeys]
    .filter(([, key]) => inScope(key, scope))
    .sort(([, a], [, b]) => compareKeys(a, b));

  const changes: Change[] = [];
  const undeclared: UndeclaredTemplate[] = [];
  const unmanageable: UnmanageableEntry[] = [];
  for (const [k, key] of keys) {
    const d = declared.get(k);
    const r = remotes.get(k);
    const u = odd.get(k);
    // first rule: nothing of a row waform cannot read is compared, changed or pruned
    if (u) unmanageable.push(unmanageableEntry(u, d !== undefined));
    if (d && u) {
      changes.push(decideUnmanageable(d, u));
    } else if (d) {
      const c = decideDeclared(d, r, options.now);
      const pending = r && reclassificationNote(r);
      if (pending) c.diagnostics.push(pending);
      changes.push(c);
    } else if (r) {
      const c = decideUndeclared(r, known.get(r.app) as AppConfig);
      if (c) changes.push(c);
      undeclared.push({ key, id: r.id, status: r.status, willDelete: c?.action === "delete" });
    }
  }

  diagnostics.push(
    ...unmatchedTargets(scope, [...allKeys.values()]),
    ...duplicateWording(changes, [...declared.values()], [...remotes.values()]),
    ...creationQuota(changes),
    ...likelyRenames(changes, [...remotes.values()], known),
  );

  // every part is fresh plain data already (decide.ts copies the templates it keeps)
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: options.now,
    remoteFingerprint: remoteFingerprint(remote, scope, options.unmanageable),
    endpoint: options.endpoint ?? UNSPECIFIED_ENDPOINT,
    declarationDigest: prepared.digest,
    scope,
    apps: options.apps.filter((a) => scope.apps.includes(a.alias)).map(publicApp),
    changes,
    undeclared,
    unmanageable,
    diagnostics: diagnostics.map((d) => compact(d)).sort(compareDiagnostics),
  };
}
