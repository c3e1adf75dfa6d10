// The real CLI as a separate process (`node bin/waform.js …`), as a user or CI job runs it: the
// build of the current sources that vitest's global setup makes (test/e2e/build.ts). Shared by the crash, fuzz and
// security tests, which need the process itself: to SIGKILL it, to see its exit code, its raw
// stdout and stderr, and whether it printed a stack trace.

import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { cliBin } from "../e2e/build.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const BIN = cliBin();

export interface ProcessResult {
  /** Null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit. */
  ms: number;
}

export interface RunOptions {
  cwd?: string;
  /** Added to a clean environment (no GUPSHUP_, KALEYRA_ or WAFORM_ variable of the parent). */
  env?: Record<string, string | undefined>;
  /** Fails the run (and kills the process) after this long: a hang guard, far above any run on a loaded machine. Default 60 s. */
  timeoutMs?: number;
}

export interface RunningProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly done: Promise<ProcessResult>;
}

function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(GUPSHUP_|KALEYRA_|WAFORM_|NODE_TLS_|VITEST)/.test(name)) continue;
    if (["CI", "GITHUB_ACTIONS", "FORCE_COLOR", "NODE_OPTIONS"].includes(name)) continue;
    env[name] = value;
  }
  env["NO_COLOR"] = "1";
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function spawnWaform(args: string[], opts: RunOptions = {}): RunningProcess {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: cleanEnv(opts.env ?? {}),
    stdio: "pipe",
  });
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const done = new Promise<ProcessResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`waform ${args.join(" ")} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

export function runWaform(args: string[], opts: RunOptions = {}): Promise<ProcessResult> {
  return spawnWaform(args, opts).done;
}

/** For failure messages. */
export function transcript(r: ProcessResult): string {
  return `exit ${r.code ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** How a crash looks: a JavaScript stack frame, or Node's own report of an uncaught error. */
export const STACK_TRACE = /\n\s+at .+[(:]\d+|Uncaught|node:internal|UnhandledPromiseRejection/;
