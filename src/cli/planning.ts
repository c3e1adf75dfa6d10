// What plan, apply and drift share: load, scope, fetch and diff; render in the asked format. The
// provider spends every list page from the run's budget, which apply's writes then share.

import { hasErrors } from "../model/diagnostic.js";
import { UserError } from "../model/errors.js";
import type { TemplateKey } from "../model/template.js";
import type { PlanDifference } from "../plan/saved-plan.js";
import { checkTargets } from "../plan/scope.js";
import { detailedExit } from "../plan/summary.js";
import type { Plan } from "../plan/types.js";
import { resolveBaseUrl } from "../providers/gupshup/base-url.js";
import type { TemplateProvider } from "../providers/port.js";
import {
  appsInScope,
  type ConfigOptions,
  configPaths,
  loadChecked,
  parseFormat,
  type SandboxOptions,
  stopOnConfigErrors,
} from "./context.js";
import { EXIT } from "./errors.js";
import { colorEnabled, writeErr } from "./output.js";
import { readPlanFile } from "./plan-file.js";

export type PlanCommandOptions = ConfigOptions & SandboxOptions;

export const PLAN_FORMATS = ["text", "json", "markdown"] as const;

/**
 * Load, read the remote, diff. A file that does not parse or fails the schema stops everything
 * before the first request; once it passes, the remote is read while the rule checks run (they
 * pause between slices, so the answers are handled as they come), and an error from those checks
 * still stops the command before anything is written (apply, --out).
 */
export async function computePlan(
  provider: TemplateProvider,
  opts: PlanCommandOptions,
  now: number,
): Promise<Plan> {
  const { loadStructure } = await import("../config/load.js");
  const structure = await loadStructure(configPaths(opts), { now });
  // every finding is listed, the rule checks' too, as validate lists them
  if (hasErrors(structure.diagnostics))
    await stopOnConfigErrors((await structure.complete()).diagnostics, "nothing was sent to the remote");
  const apps = appsInScope(structure, opts.app, opts.shard);
  const { fetchRemote } = await import("../providers/fetch-remote.js");

  const stopReading = new AbortController();
  const reading = fetchRemote(provider, apps, { signal: stopReading.signal });
  // a read that fails while the checks run is reported after them (or dropped, when they fail)
  reading.catch(() => {});
  const { declaration, diagnostics } = await structure.complete({ pause: letIoRun });
  if (hasErrors(diagnostics)) {
    stopReading.abort(new UserError("the configuration has errors"));
    await stopOnConfigErrors(diagnostics, "nothing was written to the remote");
  }
  const { makePlan, prepareDeclaration } = await import("../plan/make-plan.js");
  const { makeShardPlan } = await import("../plan/shard-plan.js");
  // a shard names its apps exactly (perhaps none); otherwise --app, or every app when not given
  const options = {
    apps: declaration.apps,
    now,
    targets: opts.target,
    scopeApps: opts.shard === undefined ? opts.app : apps.map((a) => a.alias),
    endpoint: endpointOf(opts),
  };
  // the declaration's side of the plan (its digest above all) is made while the last pages arrive
  const prepared = prepareDeclaration(declaration.templates, options);
  const remote = await reading;

  checkTargetsFound(opts, declaration.templates, [...remote.templates, ...remote.unmanageable], apps);
  const plan =
    opts.shard === undefined
      ? makePlan(prepared, remote.templates, { ...options, unmanageable: remote.unmanageable })
      : makeShardPlan(prepared, remote.templates, {
          ...options,
          scopeApps: options.scopeApps ?? [],
          unmanageable: remote.unmanageable,
        });
  // warnings from the configuration and the remote (skipped rows) travel with the plan, so every
  // format shows them
  return { ...plan, diagnostics: [...diagnostics, ...remote.warnings, ...plan.diagnostics] };
}

/** A turn of the event loop: answers that arrived meanwhile are handled before the next slice. */
function letIoRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Where a run reads the remote, as a plan records it: `sandbox` for the embedded simulator (its
 * port changes every run, its state does not), else the Partner API's base URL as the provider
 * resolves it, normalised by URL (scheme and host in lower case, no default port) without the
 * trailing slash; resolveBaseUrl refuses credentials, a query or a fragment in it.
 */
export function endpointOf(opts: SandboxOptions, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.sandbox) return "sandbox";
  const url = resolveBaseUrl(env);
  // URL keeps a lone "/" as the path of https://host
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * `apply PLAN_FILE`'s load-plan step: the saved plan, if it is the plan that would be made now from
 * the declaration given (`-f`, default templates.yaml) and the current remote, against this run's
 * endpoint, for the plan's own scope; otherwise a UserError saying what differs, before any write.
 */
export async function loadSavedPlan(
  planFile: string,
  provider: TemplateProvider,
  opts: PlanCommandOptions,
  now: number,
): Promise<Plan> {
  const saved = await readPlanFile(planFile);
  const { declaration, diagnostics } = await loadChecked(opts, now);
  const known = new Set(declaration.apps.map((a) => a.alias));
  const { fetchRemote } = await import("../providers/fetch-remote.js");
  const { makeShardPlan } = await import("../plan/shard-plan.js");
  const apps = declaration.apps.filter((a) => saved.scope.apps.includes(a.alias));
  const remote = await fetchRemote(provider, apps);
  // exactly the saved plan's scope: its apps (those the declaration still has) and its targets
  const fresh = makeShardPlan(declaration.templates, remote.templates, {
    apps: declaration.apps,
    now,
    targets: saved.scope.targets,
    scopeApps: saved.scope.apps.filter((a) => known.has(a)),
    unmanageable: remote.unmanageable,
    endpoint: endpointOf(opts),
  });
  const { planDifferences } = await import("../plan/saved-plan.js");
  const differences = planDifferences(saved, {
    ...fresh,
    diagnostics: [...diagnostics, ...remote.warnings, ...fresh.diagnostics],
  });
  if (differences.length > 0) throw await refusal(planFile, saved, differences);
  return saved;
}

const SHOWN_DIFFERENCES = 5;

async function refusal(
  planFile: string,
  saved: Plan,
  differences: readonly PlanDifference[],
): Promise<UserError> {
  const { inertLine } = await import("../render/inert.js");
  const [first] = differences;
  const apps = saved.scope.apps.join(", ") || "its apps";
  const headline =
    first?.kind === "endpoint"
      ? `${planFile} was made against another endpoint`
      : first?.kind === "declaration"
        ? `${planFile} was made from another declaration`
        : first?.kind === "remote"
          ? `plan is stale: the remote templates of ${apps} changed since ${planFile} was made`
          : `${planFile} is not the plan of this declaration and remote (was it edited?)`;
  const shown = differences.slice(0, SHOWN_DIFFERENCES).map((d) => `\n  - ${inertLine(d.text)}`);
  const more =
    differences.length > SHOWN_DIFFERENCES ? `\n  (and ${differences.length - SHOWN_DIFFERENCES} more)` : "";
  return new UserError(
    `${inertLine(headline)}; nothing was applied:${shown.join("")}${more}`,
    "make the plan again from the declaration to apply (`waform plan --out FILE`), review it, and apply that file",
  );
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

/**
 * `--detailed-exitcode` (plan, plan merge): 1 when a change can never be applied as declared (the
 * pull request goes red), 2 when apply has work or a change waits for time, else 0; the blocked
 * changes and what lifts them are named on stderr.
 */
export async function setDetailedExitCode(plan: Plan): Promise<void> {
  const verdict = detailedExit(plan);
  if (verdict === "none") return;
  process.exitCode = verdict === "unappliable" ? EXIT.error : EXIT.changes;
  writeErr((await import("../render/plan-words.js")).blockedExplanation(plan));
}
