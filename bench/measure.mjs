// Runs one command as its own process and measures what a user would: wall time from spawn to
// exit, peak RSS (through rss-probe.mjs), exit code; stdout is read (and counted) but not kept
// unless asked, stderr is kept for error reports.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PROBE = new URL("./rss-probe.mjs", import.meta.url).href;

/**
 * `node [--import probe] ARGS…`; resolves { wallMs, rssKb, code, stdoutBytes, stdout?, stderr }.
 * `probe: false` measures a bare node (for start-up comparisons).
 */
export function runNode(args, { env = {}, cwd, keepStdout = false, probe = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "waform-bench-"));
  const rssFile = join(dir, "rss");
  const nodeArgs = probe ? ["--import", PROBE, ...args] : args;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, nodeArgs, {
      cwd,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdoutBytes = 0;
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => {
      stdoutBytes += c.length;
      if (keepStdout) out.push(c);
    });
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let rssKb;
      try {
        rssKb = Number(readFileSync(rssFile, "utf8"));
      } catch {
        rssKb = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({
        wallMs,
        rssKb,
        code,
        stdoutBytes,
        ...(keepStdout ? { stdout: Buffer.concat(out).toString("utf8") } : {}),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

/** Throws with the process's stderr when it did not exit with one of `codes`. */
export function expectExit(result, what, codes = [0]) {
  if (!codes.includes(result.code)) {
    throw new Error(`${what} exited ${result.code}:\n${result.stderr.slice(0, 2000)}`);
  }
  return result;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
