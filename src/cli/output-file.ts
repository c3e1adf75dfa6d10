// Every file a command writes (`plan --out`, `plan merge -o`, `drift -o`, `preview -o`, `--junit`,
// `import -o`, `init -o`, and any command added later) goes through `writeOutputFile`, so all of them treat a target alike:
//
// - `-` (and /dev/stdout, /dev/fd/1): standard output; the command then prints its report on stderr
//   (`writesStdout` tells it);
// - a regular file, or a path that does not exist yet: written atomically (a temporary file beside
//   it, fsync, rename), so a crash leaves the old file or the new one, never half of one;
// - a symbolic link: followed, never replaced; what it points to is written by these same rules;
// - an existing target that is not a regular file (a FIFO, /dev/null, a terminal): written directly,
//   since renaming over it would replace the device or pipe with a file;
// - a directory, a missing parent directory, or a write that fails: a one-line UserError (exit 1).

import { lstat, open, readlink, realpath, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileErrorWords } from "../config/files.js";
import { UserError } from "../model/errors.js";
import { writeFileAtomic } from "./atomic-write.js";
import { writeDataErr, writeOut } from "./output.js";
import { checkData } from "./secrets.js";

/** The name that means standard output. */
const STDOUT = "-";

const STANDARD_STREAMS: Record<string, "stdout" | "stderr"> = {
  "-": "stdout",
  "/dev/stdout": "stdout",
  "/dev/fd/1": "stdout",
  "/proc/self/fd/1": "stdout",
  "/dev/stderr": "stderr",
  "/dev/fd/2": "stderr",
  "/proc/self/fd/2": "stderr",
};

function standardStream(path: string): "stdout" | "stderr" | undefined {
  return STANDARD_STREAMS[path === "-" ? path : resolve(path)];
}

/** Whether writing to `path` writes to standard output (the command's report then goes to stderr). */
export function writesStdout(path: string | undefined): boolean {
  return path !== undefined && standardStream(path) === "stdout";
}

type Target =
  | { kind: "stream"; stream: "stdout" | "stderr" }
  | { kind: "atomic"; path: string; mode?: number }
  | { kind: "direct"; path: string };

/** Symbolic links followed before a path is given up on (Linux's own limit is 40). */
const MAX_LINKS = 40;

function errnoOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function cannotWrite(path: string, err: unknown): UserError {
  return new UserError(`cannot write ${path}: ${fileErrorWords(err)}`);
}

/** Where a path that does not exist (perhaps a dangling symbolic link) would be created. */
async function newFile(given: string): Promise<Target> {
  let path = resolve(given);
  for (let hops = 0; ; hops++) {
    let isLink = false;
    try {
      isLink = (await lstat(path)).isSymbolicLink();
    } catch {
      // nothing there at all: create it here
    }
    if (!isLink) break;
    if (hops >= MAX_LINKS) throw new UserError(`cannot write ${given}: too many symbolic links`);
    path = resolve(dirname(path), await readlink(path));
  }
  const parent = dirname(path);
  // named as the user wrote it, unless a link led elsewhere
  const shown = path === resolve(given) ? dirname(given) : parent;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(parent);
  } catch (err) {
    if (errnoOf(err) === "ENOENT" || errnoOf(err) === "ENOTDIR")
      throw new UserError(`cannot write ${given}: directory ${shown} does not exist`, "create it first");
    throw cannotWrite(given, err);
  }
  if (!info.isDirectory()) throw new UserError(`cannot write ${given}: ${shown} is not a directory`);
  return { kind: "atomic", path };
}

async function targetOf(given: string): Promise<Target> {
  const stream = standardStream(given);
  if (stream) return { kind: "stream", stream };
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(given); // follows symbolic links
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return newFile(given);
    if (errnoOf(err) === "ENOTDIR")
      throw new UserError(`cannot write ${given}: a part of the path is not a directory`);
    throw cannotWrite(given, err);
  }
  if (info.isDirectory()) {
    throw new UserError(`cannot write ${given}: it is a directory`, "give a file name, e.g. DIR/plan.json");
  }
  if (!info.isFile()) return { kind: "direct", path: given };
  const real = await realpath(given);
  // a file reached through /proc or /dev (another process's descriptor) is written where it is
  if (/^\/(proc|dev)\//.test(resolve(given)) || /^\/(proc|dev)\//.test(real)) {
    return { kind: "direct", path: given };
  }
  // replaced at the end of the chain of links, so the links stay links; its permissions are kept
  return { kind: "atomic", path: real, mode: info.mode & 0o7777 };
}

/** `text` was checked for credentials by `writeOutputFile`, before the target was looked at. */
async function writeDirect(path: string, text: string): Promise<void> {
  // no O_CREAT race here: the target exists and is not a regular file (a FIFO blocks until read)
  const handle = await open(path, "w");
  try {
    await handle.write(text);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `text` to `path` by the rules above. Files are data: written verbatim, refused (naming
 * the variable) if they would carry the value of a credential waform reads (cli/secrets.ts).
 * Every failure is a UserError naming the path.
 */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  // named as the user gave it, and before anything is looked at or created
  checkData(text, path === STDOUT ? "standard output" : path);
  const target = await targetOf(path);
  try {
    switch (target.kind) {
      case "stream":
        (target.stream === "stdout" ? writeOut : writeDataErr)(text);
        return;
      case "direct":
        await writeDirect(target.path, text);
        return;
      case "atomic":
        await writeFileAtomic(target.path, text, target.mode);
        return;
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw cannotWrite(path, err);
  }
}

/**
 * Checks `--junit FILE` before verify or apply starts. Returns whether it takes stdout (`-`), in
 * which case the report goes to stderr; with `--format json` (also stdout) that is refused.
 */
export async function checkJunitTarget(path: string | undefined, format: string): Promise<boolean> {
  if (path === undefined) return false;
  await checkOutputFile(path);
  if (!writesStdout(path)) return false;
  if (format === "json") {
    throw new UserError(
      "--junit - and --format json both write to stdout",
      "write the JUnit report to a file, or drop --format json",
    );
  }
  return true;
}

/**
 * Checks a target before the work that produces its content (a directory or a missing parent
 * directory fails here, before the remote is read). Returns whether writing it would replace a
 * file's content (an existing regular file, directly or through links): what `import -o` and
 * `init` refuse without --force. Streams, FIFOs and devices are written to, not overwritten.
 */
export async function checkOutputFile(path: string): Promise<{ overwrites: boolean }> {
  const target = await targetOf(path);
  if (target.kind !== "atomic") return { overwrites: false };
  const overwrites = await stat(target.path).then(
    (s) => s.isFile(),
    () => false,
  );
  return { overwrites };
}
