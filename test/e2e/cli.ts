// Runs the real CLI as a separate process (`node bin/waform.js …`), the way a user or a CI job
// does (see build.ts for which build). Always asynchronous: the in-process sandbox answering the
// child lives on this process's event loop.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { builtCli } from "./build.js";

export { ROOT } from "./build.js";

let bin: string | undefined;

/** Builds (or finds) the CLI; call in beforeAll, before any run. */
export async function prepareCli(): Promise<void> {
  bin ??= await builtCli();
}

export interface CliResult {
  /** The exit code, or null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Kill the process (and fail the test) after this long: a hang guard, far above any run on a loaded machine. Default 60 s. */
  timeoutMs?: number;
  /**
   * Run on a pseudo-terminal (through util-linux `script`, see `HAS_TTY`), typing `input` (once
   * the terminal shows `when`, if given): the interactive path. stdout then carries everything
   * the terminal showed; stderr is empty.
   */
  tty?: { input: string; when?: string };
}

/** Whether `script` can give the CLI a terminal here. */
export const HAS_TTY = spawnSync("script", ["-qec", "true", "/dev/null"]).status === 0;

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The parent's environment without anything that could reach a real account or change output. */
function baseEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(GUPSHUP_|KALEYRA_|WAFORM_)/.test(name)) continue;
    if (["CI", "GITHUB_ACTIONS", "FORCE_COLOR", "NODE_OPTIONS", "VITEST", "VITEST_WORKER_ID"].includes(name))
      continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: "1" };
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** Output so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Settles when the process exits. */
  readonly done: Promise<CliResult>;
}

export function startWaform(args: string[], opts: RunOptions): RunningCli {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries({ ...baseEnv(), ...opts.env }))
    if (value !== undefined) env[name] = value;
  if (!bin) throw new Error("call prepareCli() in beforeAll first");
  const command = [process.execPath, bin, ...args];
  const child = opts.tty
    ? spawn(
        "script",
        ["-qec", `stty cols 120 rows 40; exec ${command.map(shellQuote).join(" ")}`, "/dev/null"],
        {
          cwd: opts.cwd,
          env,
          stdio: "pipe",
        },
      )
    : spawn(command[0]!, command.slice(1), { cwd: opts.cwd, env, stdio: "pipe" });
  const typeAfter = opts.tty?.when;
  if (typeAfter === undefined) child.stdin.end(opts.tty?.input);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
    if (typeAfter !== undefined && child.stdin.writable && stdout.includes(typeAfter))
      child.stdin.end(opts.tty?.input);
  });
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `waform ${args.join(" ")} did not finish in ${timeoutMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

export function waform(args: string[], opts: RunOptions): Promise<CliResult> {
  return startWaform(args, opts).done;
}

/** For failure messages: what the process printed. */
export function transcript(r: CliResult): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}
