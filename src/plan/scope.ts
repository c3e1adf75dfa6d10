// Which templates a plan looks at: the apps of `--app` (all apps when none is given) and, when
// `--target` is given, only the templates a target names.

import type { TemplateKey } from "../model/template.js";
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
