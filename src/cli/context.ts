// Shared wiring for the commands that talk to a provider: load and check the declaration, scope
// it, start the embedded sandbox when asked, and hand out the provider. Heavy modules are imported
// lazily so commands that don't need them stay fast.

import type { Command } from "commander";
import type { AppConfig, Declaration } from "../model/app.js";
import { type Diagnostic, hasErrors } from "../model/diagnostic.js";
import { UserError } from "../model/errors.js";
import { plural } from "../model/plural.js";
import { closestNames } from "../plan/scope.js";
import { formatShard, parseShard, selectShard } from "../plan/shard.js";
import type { ProviderPort } from "../providers/port.js";
import { writeErr } from "./output.js";

export interface ConfigOptions {
  file?: string[];
  app?: string[];
  target?: string[];
  /** `--shard K/N`: only the apps of shard K of N (see plan/shard.ts). */
  shard?: string;
}

export interface SandboxOptions {
  sandbox?: boolean;
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addConfigOptions(cmd: Command): Command {
  return cmd.option(
    "-f, --file <path>",
    "templates file or directory of *.yaml (repeatable; default templates.yaml)",
    collect,
  );
}

export function addScopeOptions(cmd: Command): Command {
  return cmd
    .option("--app <alias>", "only this app (repeatable)", collect)
    .option(
      "--target <name>",
      "only this template: name, app/name or app/name/language (repeatable)",
      collect,
    )
    .option("--shard <k/n>", "only the apps of shard K of N, for parallel CI jobs (split by app id)");
}

export function addSandboxOption(cmd: Command): Command {
  return cmd.option("--sandbox", "run against the built-in sandbox (state in .waform/sandbox.json)");
}

/** The templates files a command reads: `-f` as given, or templates.yaml. */
export function configPaths(opts: ConfigOptions): string[] {
  return opts.file?.length ? opts.file : ["templates.yaml"];
}

/** Loads the declaration; prints its diagnostics to stderr and stops on errors. */
export async function loadChecked(
  opts: ConfigOptions,
  now: number,
): Promise<{ declaration: Declaration; diagnostics: Diagnostic[] }> {
  const { loadDeclaration } = await import("../config/load.js");
  const result = await loadDeclaration(configPaths(opts), { now });
  await stopOnConfigErrors(result.diagnostics, "nothing was sent to the remote");
  return result;
}

/** When the diagnostics hold an error: prints them all to stderr (and as CI annotations) and throws. */
export async function stopOnConfigErrors(diagnostics: Diagnostic[], consequence: string): Promise<void> {
  if (!hasErrors(diagnostics)) return;
  const { renderDiagnosticsText } = await import("../render/diagnostics.js");
  writeErr(renderDiagnosticsText(diagnostics));
  await (await import("./ci.js")).annotateDiagnostics(diagnostics);
  const n = diagnostics.filter((d) => d.severity === "error").length;
  throw new UserError(`the configuration has ${plural(n, "error")} (listed above); ${consequence}`);
}

/**
 * The apps in scope: all declared apps, or those named by --app (each must exist); with --shard,
 * only those of them in the shard.
 */
export function appsInScope(
  declaration: Pick<Declaration, "apps">,
  scopeApps: string[] | undefined,
  shard?: string,
): AppConfig[] {
  const apps = namedApps(declaration, scopeApps);
  if (shard === undefined) return apps;
  const parsed = parseShard(shard);
  const selected = selectShard(apps, parsed);
  writeErr(`shard ${formatShard(parsed)}: ${selected.length} of ${plural(apps.length, "app")}\n`);
  return selected;
}

function namedApps(declaration: Pick<Declaration, "apps">, scopeApps: string[] | undefined): AppConfig[] {
  if (!scopeApps?.length) return declaration.apps;
  const known = new Set(declaration.apps.map((a) => a.alias));
  const unknown = scopeApps.filter((a) => !known.has(a));
  if (unknown.length) {
    const close = closestNames(unknown[0]!, known);
    throw new UserError(
      `unknown app ${unknown.map((a) => `'${a}'`).join(", ")}`,
      close.length
        ? `did you mean ${close.map((a) => `'${a}'`).join(", ")}? (declared apps: ${[...known].join(", ")})`
        : `declared apps: ${[...known].join(", ") || "(none)"}`,
    );
  }
  return declaration.apps.filter((a) => scopeApps.includes(a.alias));
}

/**
 * Runs `fn` with the run's provider (cli/session.ts): the embedded sandbox with --sandbox, else the
 * real Partner API with credentials from the environment; rate-limited, bounded by --timeout,
 * stopped by Ctrl-C, and always closed (minted app tokens revoked).
 */
export async function withProvider<T>(
  opts: SandboxOptions,
  fn: (provider: ProviderPort, env: NodeJS.ProcessEnv, stop: AbortSignal) => Promise<T>,
): Promise<T> {
  const { withRun } = await import("./session.js");
  return withRun(opts.sandbox ? { sandbox: true } : {}, (run) => fn(run.provider, run.env, run.stop));
}

export function parseFormat<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = (value ?? fallback) as T;
  if (!allowed.includes(v)) {
    throw new UserError(`unknown format '${value}'`, `use one of: ${allowed.join(", ")}`);
  }
  return v;
}
