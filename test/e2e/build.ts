// The CLI every test runs: the repository's bin/waform.js and a dist/ compiled from the current
// src/ by `tsc -p tsconfig.build.json`, laid out as an installed package in a private directory.
// Private, because dist/ of the working tree is shared: another `npm run build` (or an engineer's
// half-saved file) must not swap modules under a running test, and these tests must not rebuild it
// under anyone else. Built once per content of the sources, by vitest's global setup
// (test/global-setup.ts) before any test file starts; `builtCli()` in a file run on its own builds
// it the same way (the first takes a lock and builds, the others wait for it). When the working
// tree's dist/ is newer than every source (`npm test` has just built it) it is copied, not compiled
// a second time.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";

export const ROOT = join(import.meta.dirname, "..", "..");
const CACHE = join(tmpdir(), "waform-e2e-cli");
const INPUTS = ["package.json", "tsconfig.json", "tsconfig.build.json", "bin", "schemas", "src"];

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((p) => files(join(ROOT, p)))) {
    hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function build(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const p of ["package.json", "bin", "schemas"])
    cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  if (distIsFresh()) {
    cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
    writeFileSync(join(dir, "ready"), "");
    return;
  }
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  try {
    await promisify(execFile)(
      process.execPath,
      [tsc, "-p", "tsconfig.build.json", "--outDir", join(dir, "dist")],
      {
        cwd: ROOT,
      },
    );
  } catch (err) {
    // tsc emits despite type errors (often a file someone is still writing): only a missing
    // entry point is fatal; the errors are shown either way
    const out = (err as { stdout?: string }).stdout ?? String(err);
    process.stderr.write(`e2e build: tsc reported errors:\n${out}\n`);
    if (!existsSync(join(dir, "dist", "cli", "main.js"))) throw err;
  }
  writeFileSync(join(dir, "ready"), "");
}

/** Old builds are removed after a day, by whoever builds next. */
function pruneOld(keep: string): void {
  for (const name of existsSync(CACHE) ? readdirSync(CACHE) : []) {
    const path = join(CACHE, name);
    if (path !== keep && !path.startsWith(`${keep}.`) && Date.now() - statSync(path).mtimeMs > 86_400_000)
      rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Whether the working tree's dist/ is what a compile of the current sources gives: every source
 * has its .js there, written after the source last changed (and after the build configuration).
 */
function distIsFresh(): boolean {
  const config = ["tsconfig.json", "tsconfig.build.json"].map((f) => statSync(join(ROOT, f)).mtimeMs);
  const since = Math.max(...config);
  return files(join(ROOT, "src"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .every((source) => {
      const js = join(ROOT, "dist", relative(join(ROOT, "src"), source)).replace(/\.ts$/, ".js");
      if (!existsSync(js)) return false;
      const built = statSync(js).mtimeMs;
      return built >= statSync(source).mtimeMs && built >= since;
    });
}

let dirOfSources: string | undefined;

/** The directory of the build of the current sources: `bin/`, `dist/`, `schemas/`, `package.json`. */
export function cliDir(): string {
  dirOfSources ??= join(CACHE, sourceHash());
  return dirOfSources;
}

/** bin/waform.js of the build of the current sources (built by the global setup, see above). */
export function cliBin(): string {
  return join(cliDir(), "bin", "waform.js");
}

/** Builds the current sources once (see above); returns the path of their bin/waform.js. */
export async function builtCli(): Promise<string> {
  const dir = cliDir();
  const bin = cliBin();
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (existsSync(join(dir, "ready"))) return bin;
    mkdirSync(CACHE, { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      // someone else is building: wait, unless they died holding the lock
      let pid = 0;
      try {
        pid = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {}
      if (pid > 0 && !alive(pid)) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the e2e build in ${dir}`);
      await sleep(100);
      continue;
    }
    try {
      writeFileSync(join(lock, "pid"), String(process.pid));
      await build(dir);
      pruneOld(dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
