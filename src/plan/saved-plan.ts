// When a saved plan may be applied: only when it is the plan that would be made now, from the
// declaration apply is given and the remote as it is, against the same endpoint. A plan file is
// written by a pull-request job, i.e. by code the pull request controls, and read back by the job
// that has the credentials; so apply never trusts what the file says it will do: it plans again
// and compares (the one equality of plans is here).
//
// Ignored, because they change without changing what apply does:
// - `createdAt`;
// - diagnostics (the plan's and each change's): their wording and the file:line:col they point at
//   follow the waform version and how the files were named (`-f ./templates.yaml`), and every
//   decision they explain is compared through the action, reason and block of its change;
// - where a template was declared (`desired.source`), for the same reason.
// Everything else is compared: the endpoint, the declaration digest, the remote fingerprint, the
// scope, the apps (ids and names, prune, channel), and every change with its remote and declared
// templates, fields, action, reason and block. Apps are compared by alias, whatever their order.

import { stableJson } from "../model/plain.js";
import { templateKey } from "../model/template.js";
import type { Change, Plan } from "./types.js";

/**
 * One way a saved plan differs from the plan made now, in words for an error message. The words
 * quote template keys and field names from the plan file: the caller escapes them for a terminal.
 */
export interface PlanDifference {
  /** What part differs: the endpoint, the declaration, the remote, or the plan's own content. */
  kind: "endpoint" | "declaration" | "remote" | "scope" | "app" | "change";
  text: string;
}

const show = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(v));

/** A change as compared: everything but its diagnostics and where its template was declared. */
function comparable(c: Change): Record<string, unknown> {
  const { diagnostics: _notes, desired, ...rest } = c;
  if (!desired) return rest;
  const { source: _where, ...declared } = desired;
  return { ...rest, desired: declared };
}

function byKey(plan: Plan): Map<string, Record<string, unknown>> {
  return new Map(plan.changes.map((c) => [templateKey(c.key), comparable(c)]));
}

/** The top-level keys of two records whose values differ, in a stable order. */
function differingKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => stableJson(a[k] ?? null) !== stableJson(b[k] ?? null));
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
}

function changeDifferences(
  key: string,
  saved: Record<string, unknown>,
  now: Record<string, unknown>,
): string[] {
  const out: string[] = [];
  if (saved["action"] !== now["action"] || saved["reason"] !== now["reason"]) {
    out.push(
      `${key}: the saved plan says ${show(saved["action"])} (${show(saved["reason"])}), a plan made now says ${show(now["action"])} (${show(now["reason"])})`,
    );
  }
  for (const part of ["desired", "remote"] as const) {
    const fields = differingKeys(asRecord(saved[part]), asRecord(now[part]));
    if (fields.length === 0) continue;
    const what = part === "desired" ? "the declared template" : "the remote template";
    out.push(`${key}: ${what} differs in ${fields.join(", ")}`);
  }
  const rest = differingKeys(saved, now).filter(
    (f) => !["action", "reason", "desired", "remote", "key"].includes(f),
  );
  if (rest.length > 0) out.push(`${key}: ${rest.join(", ")} differ`);
  return out;
}

function appDifferences(saved: Plan, now: Plan): PlanDifference[] {
  const out: PlanDifference[] = [];
  const mine = new Map(now.apps.map((a) => [a.alias, a]));
  const theirs = new Map(saved.apps.map((a) => [a.alias, a]));
  for (const [alias, app] of theirs) {
    const current = mine.get(alias);
    if (!current) {
      out.push({ kind: "app", text: `app ${alias} is in the saved plan, not in the declaration` });
      continue;
    }
    for (const f of differingKeys(asRecord(app), asRecord(current))) {
      const field = f as keyof typeof app;
      out.push({
        kind: "app",
        text: `app ${alias}: ${f} is ${show(app[field])} in the saved plan, ${show(current[field])} in the declaration`,
      });
    }
  }
  for (const alias of mine.keys()) {
    if (!theirs.has(alias))
      out.push({ kind: "app", text: `app ${alias} is in scope now, not in the saved plan` });
  }
  return out;
}

/**
 * How the saved plan differs from the plan made now, most telling first (endpoint, declaration,
 * remote, scope, apps, then each change in key order); empty when they are the same plan.
 */
export function planDifferences(saved: Plan, now: Plan): PlanDifference[] {
  const out: PlanDifference[] = [];
  if (saved.endpoint !== now.endpoint) {
    out.push({
      kind: "endpoint",
      text: `the plan was made against ${show(saved.endpoint)}; this run uses ${show(now.endpoint)}`,
    });
  }
  if (saved.declarationDigest !== now.declarationDigest) {
    out.push({ kind: "declaration", text: "the declaration differs from the one the plan was made from" });
  }
  if (saved.remoteFingerprint !== now.remoteFingerprint) {
    out.push({ kind: "remote", text: "the remote templates changed since the plan was made" });
  }
  if (stableJson([...saved.scope.apps].sort()) !== stableJson([...now.scope.apps].sort())) {
    out.push({
      kind: "scope",
      text: `the plan covers apps ${show(saved.scope.apps)}, a plan made now ${show(now.scope.apps)}`,
    });
  }
  if (stableJson([...saved.scope.targets].sort()) !== stableJson([...now.scope.targets].sort())) {
    out.push({
      kind: "scope",
      text: `the plan's --target ${show(saved.scope.targets)} differs from ${show(now.scope.targets)}`,
    });
  }
  out.push(...appDifferences(saved, now));
  const mine = byKey(now);
  const theirs = byKey(saved);
  const keys = [...new Set([...theirs.keys(), ...mine.keys()])].sort();
  for (const key of keys) {
    const s = theirs.get(key);
    const n = mine.get(key);
    if (s && n) {
      for (const text of changeDifferences(key, s, n)) out.push({ kind: "change", text });
    } else if (s) {
      out.push({
        kind: "change",
        text: `${key}: the saved plan has ${show(s["action"])}, a plan made now has no change for it`,
      });
    } else if (n) {
      out.push({
        kind: "change",
        text: `${key}: a plan made now has ${show(n["action"])}, the saved plan has no change for it`,
      });
    }
  }
  if (stableJson(saved.undeclared) !== stableJson(now.undeclared)) {
    out.push({ kind: "change", text: "the undeclared templates differ" });
  }
  if (stableJson(saved.unmanageable) !== stableJson(now.unmanageable)) {
    out.push({ kind: "change", text: "the templates waform cannot manage differ" });
  }
  return out;
}

/** The one equality of plans: the same plan, made at any time (see the top of this file). */
export function samePlan(a: Plan, b: Plan): boolean {
  return planDifferences(a, b).length === 0;
}
