// What plan, apply and drift share: load, scope, fetch and diff; render in the asked format. The
// provider spends every list page from the run's budget, which apply's writes then share.

import type { TemplateKey } from "../model/template.js";
import { checkTargets } from "../plan/scope.js";
import type { Plan } from "../plan/types.js";
import type { TemplateProvider } from "../providers/port.js";
import { appsInScope, type ConfigOptions, loadChecked, parseFormat, type SandboxOptions } from "./context.js";
import { colorEnabled } from "./output.js";

export type PlanCommandOptions = ConfigOptions & SandboxOptions;

export const PLAN_FORMATS = ["text", "json", "markdown"] as const;

export async function computePlan(
  provider: TemplateProvider,
  opts: PlanCommandOptions,
  now: number,
): Promise<Plan> {
  const { declaration, diagnostics } = await loadChecked(opts, now);
  const apps = appsInScope(declaration, opts.app, opts.shard);
  const { fetchRemote } = await import("../providers/fetch-remote.js");
  const { makePlan } = await import("../plan/make-plan.js");
  const { makeShardPlan } = await import("../plan/shard-plan.js");
  const remote = await fetchRemote(provider, apps);
  checkTargetsFound(opts, declaration.templates, [...remote.templates, ...remote.unmanageable], apps);
  const options = {
    apps: declaration.apps,
    now,
    targets: opts.target,
    unmanageable: remote.unmanageable,
  };
  // a shard names its apps exactly (perhaps none); otherwise --app, or every app when not given
  const plan =
    opts.shard === undefined
      ? makePlan(declaration.templates, remote.templates, { ...options, scopeApps: opts.app })
      : makeShardPlan(declaration.templates, remote.templates, {
          ...options,
          scopeApps: apps.map((a) => a.alias),
        });
  // warnings from the configuration and the remote (skipped rows) travel with the plan, so every
  // format shows them
  return { ...plan, diagnostics: [...diagnostics, ...remote.warnings, ...plan.diagnostics] };
}

/**
 * A `--target` must name a template, declared or remote, of the apps in scope. A shard job cannot
 * see the other shards' remote templates: there a target of another shard's app is not checked,
 * and a bare name is checked against every declared template and this shard's remote ones.
 */
function checkTargetsFound(
  opts: PlanCommandOptions,
  declared: readonly TemplateKey[],
  remote: readonly TemplateKey[],
  apps: readonly { alias: string }[],
): void {
  if (!opts.target?.length) return;
  const aliases = new Set(apps.map((a) => a.alias));
  const sharded = opts.shard !== undefined;
  const targets = sharded
    ? opts.target.filter((t) => !t.includes("/") || aliases.has(t.split("/")[0]!))
    : opts.target;
  const keys = [...declared.filter((k) => sharded || aliases.has(k.app)), ...remote];
  checkTargets(targets, keys);
}

/**
 * Saves a plan (`--out`): the same inert JSON `--format json` prints, written by the one output
 * function (a file atomically, `-` to stdout, a FIFO directly…; see output-file.ts).
 */
export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  const { renderPlanJson } = await import("../render/plan-json.js");
  const { writeOutputFile } = await import("./output-file.js");
  await writeOutputFile(path, renderPlanJson(plan));
}

export async function renderPlanAs(plan: Plan, format: string | undefined): Promise<string> {
  switch (parseFormat(format, PLAN_FORMATS, "text")) {
    case "json":
      return (await import("../render/plan-json.js")).renderPlanJson(plan);
    case "markdown":
      return (await import("../render/plan-markdown.js")).renderPlanMarkdown(plan);
    default:
      return (await import("../render/plan-text.js")).renderPlanText(plan, { color: colorEnabled() });
  }
}
