// Which files make up the declaration: each -f path is a file, or a directory whose *.yaml and
// *.yml files (not recursive) are read in name order. Problems are diagnostics, never throws.

import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../model/diagnostic.js";
import { CONFIG_CODES, type ConfigCode } from "./codes.js";

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** As shown in diagnostics: relative to cwd when inside it, with `/` separators. */
  display: string;
}

const YAML_FILE = /\.ya?ml$/i;

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  const shown = rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel;
  return shown.split(path.sep).join("/");
}

function fileDiagnostic(code: ConfigCode, file: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: CONFIG_CODES[code].severity, code, message, file };
  if (hint) d.hint = hint;
  return d;
}

export async function expandPaths(
  paths: readonly string[],
  cwd: string,
): Promise<{ files: InputFile[]; diagnostics: Diagnostic[] }> {
  const files: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ abs, display: displayPath(abs, cwd) });
  };
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    const shown = displayPath(abs, cwd);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(abs);
    } catch (err) {
      diagnostics.push(
        isCode(err, "ENOENT") || isCode(err, "ENOTDIR")
          ? fileDiagnostic("FILE-001", shown, "file not found", "pass an existing file or directory with -f")
          : fileDiagnostic("FILE-002", shown, `cannot read: ${fileErrorWords(err)}`),
      );
      continue;
    }
    if (info.isFile()) {
      add(abs);
      continue;
    }
    if (!info.isDirectory()) {
      // a FIFO or device would block or never end
      diagnostics.push(fileDiagnostic("FILE-002", shown, "cannot read: not a regular file"));
      continue;
    }
    let names: string[];
    try {
      names = (await readdir(abs, { withFileTypes: true }))
        .filter((e) => e.isFile() && YAML_FILE.test(e.name))
        .map((e) => e.name)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    } catch (err) {
      diagnostics.push(fileDiagnostic("FILE-002", shown, `cannot read directory: ${fileErrorWords(err)}`));
      continue;
    }
    if (names.length === 0) {
      diagnostics.push(fileDiagnostic("FILE-003", shown, "directory contains no *.yaml or *.yml file"));
    }
    for (const name of names) add(path.join(abs, name));
  }
  return { files, diagnostics };
}

export async function readText(file: InputFile): Promise<{ text?: string; diagnostic?: Diagnostic }> {
  try {
    return { text: await readFile(file.abs, "utf8") };
  } catch (err) {
    return {
      diagnostic: isCode(err, "ENOENT")
        ? fileDiagnostic("FILE-001", file.display, "file not found")
        : fileDiagnostic("FILE-002", file.display, `cannot read: ${fileErrorWords(err)}`),
    };
  }
}

function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

const FILE_ERRORS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a part of the path is not a directory",
  ENOENT: "no such file or directory",
  ELOOP: "too many symbolic links",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EFBIG: "file too large",
  ENXIO: "no reader on the other end (a socket or FIFO)",
  EPIPE: "the reader went away",
  EIO: "input/output error",
  EEXIST: "a file appeared there meanwhile",
};

/** A file-system error in words (`permission denied`), for a one-line message. */
export function fileErrorWords(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  return (
    (e?.code && FILE_ERRORS[e.code]) || e?.code || (err instanceof Error ? err.message : "unknown error")
  );
}
