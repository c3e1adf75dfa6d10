// Runs a workflow's shell script as a CI runner would (bash -eo pipefail), with `npx waform` being
// the build of this repository's CLI the suite runs (test/e2e/build.ts) and `npm ci` a no-op: the
// dependencies are here.
// Asynchronous on purpose: the sandbox the CLI talks to lives on this process's event loop.

import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliBin } from "../../e2e/build.js";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
export const BIN = cliBin();

let shims: string | undefined;

/** A directory with `npx` and `npm` stand-ins, to put first on PATH. */
export function shimDir(): string {
  if (shims) return shims;
  shims = mkdtempSync(join(tmpdir(), "waform-shims-"));
  mkdirSync(shims, { recursive: true });
  const npx = [
    "#!/bin/sh",
    'if [ "$1" = waform ]; then shift; exec "$WAFORM_TEST_NODE" "$WAFORM_TEST_BIN" "$@"; fi',
    'echo "npx: only waform exists in the test runner (npx $*)" >&2',
    "exit 127",
  ];
  const npm = [
    "#!/bin/sh",
    'if [ "$1" = ci ]; then exit 0; fi',
    'echo "npm: only npm ci exists in the test runner" >&2',
    "exit 127",
  ];
  for (const [name, lines] of [
    ["npx", npx],
    ["npm", npm],
  ] as const) {
    writeFileSync(join(shims, name), `${lines.join("\n")}\n`);
    chmodSync(join(shims, name), 0o755);
  }
  return shims;
}

/** The parent's environment without anything that could reach a real account or change output. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(GUPSHUP_|KALEYRA_|WAFORM_|GITHUB_|CI_|RUNNER_)/.test(name)) continue;
    if (
      [
        "CI",
        "FORCE_COLOR",
        "NO_COLOR",
        "NODE_OPTIONS",
        "VITEST",
        "VITEST_WORKER_ID",
        "VITEST_POOL_ID",
      ].includes(name)
    )
      continue;
    env[name] = value;
  }
  return env;
}

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runShell(
  script: string,
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<ShellResult> {
  const file = join(mkdtempSync(join(tmpdir(), "waform-step-")), "step.sh");
  writeFileSync(file, script);
  const env = {
    ...opts.env,
    PATH: `${shimDir()}:${opts.env["PATH"] ?? process.env["PATH"] ?? ""}`,
    WAFORM_TEST_NODE: process.execPath,
    WAFORM_TEST_BIN: BIN,
  };
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], {
      cwd: opts.cwd,
      env,
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
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`step did not finish in time:\n${script}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`),
      );
    }, opts.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
