// Runs `waform validate` as a real process (node bin/waform.js), as a user or a CI job would: the
// build of the current sources that vitest's global setup makes (test/e2e/build.ts).
// `ensureBuilt` is for the benchmark harness, which runs the working tree's dist/.

import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { cliBin } from "../e2e/build.js";

export const ROOT = join(import.meta.dirname, "..", "..");
const BIN = cliBin();

export function ensureBuilt(): void {
  if (existsSync(join(ROOT, "dist", "cli", "main.js")) && existsSync(join(ROOT, "dist", "config", "load.js")))
    return;
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = ROOT,
): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: "1",
    FORCE_COLOR: undefined,
    GITHUB_ACTIONS: undefined,
    ...env,
  };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: childEnv }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
