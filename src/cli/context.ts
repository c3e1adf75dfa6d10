// Shared wiring for the commands that talk to a provider: load and check the declaration, scope
// it, start the embedded sandbox when asked, and hand out the provider. Heavy modules are imported
// lazily so commands that don't need them stay fast.

import type { Command } from "commander";
import type { AppConfig, Declaration } from "../model/app.js";
import { type Diagnostic, hasErrors } from "../model/diagnostic.js";
import { UserError } from "../model/errors.js";
import { formatShard, parseShard, selectShard } from "../plan/shard.js";
import type { TemplateProvider } from "../providers/port.js";
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

/** Loads the declaration; prints its diagnostics to stderr and stops on errors. */
export async function loadChecked(
  opts: ConfigOptions,
  now: number,
): Promise<{ declaration: Declaration; diagnostics: Diagnostic[] }> {
  const { loadDeclaration } = await import("../config/load.js");
  const { renderDiagnosticsText } = await import("../render/diagnostics.js");
  const paths = opts.file?.length ? opts.file : ["templates.yaml"];
  const result = await loadDeclaration(paths, { now });
  if (hasErrors(result.diagnostics)) {
    writeErr(renderDiagnosticsText(result.diagnostics));
    await (await import("./ci.js")).annotateDiagnostics(result.diagnostics);
    const n = result.diagnostics.filter((d) => d.severity === "error").length;
    throw new UserError(
      `the configuration has ${n} error${n === 1 ? "" : "s"} (listed above); nothing was sent to the remote`,
    );
  }
  return result;
}

/**
 * The apps in scope: all declared apps, or those named by --app (each must exist); with --shard,
 * only those of them in the shard.
 */
export function appsInScope(
  declaration: Declaration,
  scopeApps: string[] | undefined,
  shard?: string,
): AppConfig[] {
  const apps = namedApps(declaration, scopeApps);
  if (shard === undefined) return apps;
  const parsed = parseShard(shard);
  const selected = selectShard(apps, parsed);
  writeErr(`shard ${formatShard(parsed)}: ${selected.length} of ${apps.length} apps\n`);
  return selected;
}

function namedApps(declaration: Declaration, scopeApps: string[] | undefined): AppConfig[] {
  if (!scopeApps?.length) return declaration.apps;
  const known = new Set(declaration.apps.map((a) => a.alias));
  const unknown = scopeApps.filter((a) => !known.has(a));
  if (unknown.length) {
    throw new UserError(
      `unknown app ${unknown.map((a) => `'${a}'`).join(", ")}`,
      `declared apps: ${[...known].join(", ") || "(none)"}`,
    );
  }
  return declaration.apps.filter((a) => scopeApps.includes(a.alias));
}

/**
 * Runs `fn` with a provider: the embedded sandbox with --sandbox, else the real Partner API with
 * credentials from the environment. Always closes what it opened.
 */
/** Something that can post Partner API template messages with the app's token. */
export interface PartnerSender {
  sendTemplate(app: AppConfig, form: URLSearchParams, signal?: AbortSignal): Promise<{ messageId: string }>;
  /** The Meta-format `/v3/message` (channel gupshup-v3). */
  sendMetaMessage(app: AppConfig, message: unknown, signal?: AbortSignal): Promise<{ messageId: string }>;
}

/** What the commands get: the template port plus the Partner API's own send. */
export type CliProvider = TemplateProvider & PartnerSender;

export async function withProvider<T>(
  opts: SandboxOptions,
  fn: (provider: CliProvider, env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  const { createProvider } = await import("./provider-factory.js");
  const { requestLog } = await import("./verbose.js");
  const log = requestLog();
  if (opts.sandbox) {
    const { startEmbeddedSandbox } = await import("./sandbox-embed.js");
    const stateFile = process.env["WAFORM_SANDBOX_STATE"];
    const sandbox = await startEmbeddedSandbox(stateFile ? { stateFile } : {});
    const env = { ...process.env, ...sandbox.env };
    const provider = createProvider({ env, sandbox, ...(log ? { log } : {}) });
    try {
      return await fn(provider, env);
    } finally {
      await provider.close();
      await sandbox.close();
    }
  }
  const provider = createProvider({ env: process.env, ...(log ? { log } : {}) });
  try {
    return await fn(provider, process.env);
  } finally {
    await provider.close();
  }
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
