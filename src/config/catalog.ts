// Every diagnostic code waform's config layer can raise, with its default severity: the loader's
// own codes and the lint rules. docs/configuration.md lists the same table (a test keeps them in step).

import { InternalError } from "../model/errors.js";
import { CONFIG_CODES, type RuleInfo } from "./codes.js";
import { lintRuleInfo } from "./rules/index.js";

let cached: Map<string, RuleInfo> | undefined;

export function ruleCatalog(): Map<string, RuleInfo> {
  if (cached) return cached;
  const all = new Map<string, RuleInfo>();
  for (const info of lintRuleInfo()) all.set(info.id, info);
  for (const [id, info] of Object.entries(CONFIG_CODES)) if (!all.has(id)) all.set(id, { id, ...info });
  cached = all;
  return all;
}

export function severityOf(id: string): RuleInfo["severity"] {
  const info = ruleCatalog().get(id);
  if (!info) throw new InternalError(`unknown diagnostic code ${id}`);
  return info.severity;
}
