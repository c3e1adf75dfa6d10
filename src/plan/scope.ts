// Which templates a plan looks at: the apps of `--app` (all apps when none is given) and, when
// `--target` is given, only the templates a target names.

import { UserError } from "../model/errors.js";
import { type TemplateKey, templateKey } from "../model/template.js";
import type { Plan } from "./types.js";

export type PlanScope = Plan["scope"];

/**
 * Whether a `--target` names a template: `name` (any app and language), `app/name` (any
 * language) or `app/name/language`.
 */
export function matchesTarget(key: TemplateKey, target: string): boolean {
  const parts = target.split("/");
  if (parts.length === 1) return parts[0] === key.name;
  if (parts.length === 2) return parts[0] === key.app && parts[1] === key.name;
  if (parts.length === 3) return parts[0] === key.app && parts[1] === key.name && parts[2] === key.language;
  return false;
}

/** Whether a template is in scope. `scope.apps` lists the apps in scope; no targets means all templates. */
export function inScope(key: TemplateKey, scope: PlanScope): boolean {
  if (!scope.apps.includes(key.app)) return false;
  return scope.targets.length === 0 || scope.targets.some((t) => matchesTarget(key, t));
}

/** The `--target`s that name none of `keys`. */
export function unmatchedTargets(targets: readonly string[], keys: readonly TemplateKey[]): string[] {
  return targets.filter((t) => !keys.some((k) => matchesTarget(k, t)));
}

/** The key written in the same form as a target: `name`, `app/name` or `app/name/language`. */
export function keyInFormOf(target: string, key: TemplateKey): string {
  const parts = target.split("/").length;
  return parts === 1 ? key.name : parts === 2 ? `${key.app}/${key.name}` : templateKey(key);
}

/**
 * Refuses `--target`s that name no template among `keys` (declared or remote, in scope): a typo
 * must not read as "No changes" and exit 0 in CI. The hint names the closest templates.
 */
export function checkTargets(targets: readonly string[] | undefined, keys: readonly TemplateKey[]): void {
  const unmatched = unmatchedTargets(targets ?? [], keys);
  if (unmatched.length === 0) return;
  const [first] = unmatched;
  const close = closestNames(
    first!,
    keys.map((k) => keyInFormOf(first!, k)),
  );
  throw new UserError(
    `--target ${unmatched.map((t) => `'${t}'`).join(", ")} matches no template${keys.length ? "" : " (there are none in scope)"}`,
    close.length
      ? `did you mean ${close.map((c) => `'${c}'`).join(", ")}?`
      : "a target is name, app/name or app/name/language, as `waform plan` lists them",
  );
}

/**
 * Up to `max` of `candidates` closest to `name` (edit distance, a swap of two neighbours counting
 * as one edit), best first; only those close enough to be a typo of it (at most a third of its
 * length, and at least 2 edits allowed).
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name, c, limit);
    if (d <= limit) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, max)
    .map((s) => s.c);
}

/** Optimal string alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
