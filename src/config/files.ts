// Which files make up the declaration: each -f path is a file, or a directory whose *.yaml and
// *.yml files (not recursive) are read in name order. In a directory, dot-files are skipped (editor
// backups and lock files: `.#a.yaml`, `.a.yaml.swp`, …) and symbolic links are followed to regular
// files inside the working directory. Problems are diagnostics, never throws. Every file is checked against the input limits
// (limits.ts) before it is parsed: its size before it is read, its nesting before a parser sees it.

import { open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../model/diagnostic.js";
import { CONFIG_CODES, type ConfigCode } from "./codes.js";
import { MAX_INPUT_BYTES, MAX_NESTING, yamlTooDeep } from "./limits.js";

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
    let listed: { names: string[]; diagnostics: Diagnostic[] };
    try {
      listed = await yamlFilesIn(abs, cwd);
    } catch (err) {
      diagnostics.push(fileDiagnostic("FILE-002", shown, `cannot read directory: ${fileErrorWords(err)}`));
      continue;
    }
    diagnostics.push(...listed.diagnostics);
    if (listed.names.length === 0 && listed.diagnostics.length === 0) {
      diagnostics.push(
        fileDiagnostic(
          "FILE-003",
          shown,
          "directory contains no *.yaml or *.yml file",
          "dot-files are not read; name the files NAME.yaml",
        ),
      );
    }
    for (const name of listed.names) add(path.join(abs, name));
  }
  return { files, diagnostics };
}

/**
 * The *.yaml and *.yml names of a directory, sorted: regular files, and symbolic links to regular
 * files; not dot-files. A link that leads nowhere, or to something that is not a file, is reported
 * (the name says the user meant it to be read).
 */
async function yamlFilesIn(
  dir: string,
  cwd: string,
): Promise<{ names: string[]; diagnostics: Diagnostic[] }> {
  const names: string[] = [];
  const diagnostics: Diagnostic[] = [];
  // resolved once, on the first link, for every link of the directory
  let root: Promise<string> | undefined;
  const realCwd = () => {
    root ??= realpath(cwd);
    return root;
  };
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".") || !YAML_FILE.test(e.name)) continue;
    if (e.isFile()) {
      names.push(e.name);
      continue;
    }
    if (!e.isSymbolicLink()) continue;
    const shown = displayPath(path.join(dir, e.name), cwd);
    try {
      const target = await realpath(path.join(dir, e.name));
      if (!(await stat(target)).isFile()) {
        diagnostics.push(fileDiagnostic("FILE-002", shown, "cannot read: the link does not lead to a file"));
      } else if (!isInside(target, await realCwd())) {
        // a link in a pull request must not make waform read (and quote) a file of the CI machine
        diagnostics.push(
          fileDiagnostic(
            "FILE-002",
            shown,
            `cannot read: the link leads outside the working directory, to ${target}`,
            "give that file with -f if it is meant to be read",
          ),
        );
      } else names.push(e.name);
    } catch (err) {
      diagnostics.push(
        isCode(err, "ENOENT")
          ? fileDiagnostic("FILE-001", shown, "file not found: the symbolic link leads nowhere")
          : fileDiagnostic("FILE-002", shown, `cannot read: ${fileErrorWords(err)}`),
      );
    }
  }
  return { names: names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), diagnostics };
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * A file's text, or why it cannot be used: not a regular file, larger than MAX_INPUT_BYTES (told
 * from the open file, before one byte is read), or nested deeper than MAX_NESTING (YAML-DEPTH,
 * found by a linear pre-scan, so no parser ever recurses that deep).
 */
export async function readText(file: InputFile): Promise<{ text?: string; diagnostic?: Diagnostic }> {
  try {
    const handle = await open(file.abs, "r");
    let text: string;
    try {
      const info = await handle.stat();
      if (!info.isFile())
        return { diagnostic: fileDiagnostic("FILE-002", file.display, "cannot read: not a regular file") };
      if (info.size > MAX_INPUT_BYTES) {
        return {
          diagnostic: fileDiagnostic(
            "FILE-004",
            file.display,
            `file is ${mib(info.size)}; waform reads declaration files of at most ${mib(MAX_INPUT_BYTES)}`,
            "split the declaration over several files (-f DIR reads every *.yaml in it)",
          ),
        };
      }
      // at most the size just checked, even if the file grows meanwhile
      const bytes = Buffer.alloc(info.size);
      let read = 0;
      while (read < bytes.length) {
        const { bytesRead } = await handle.read(bytes, read, bytes.length - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      text = bytes.subarray(0, read).toString("utf8");
    } finally {
      await handle.close();
    }
    const deep = yamlTooDeep(text);
    if (deep) {
      const d = fileDiagnostic(
        "YAML-DEPTH",
        file.display,
        `nesting deeper than ${MAX_NESTING} levels`,
        "a declaration needs fewer than 10; this file is not one",
      );
      return { diagnostic: { ...d, line: deep.line, col: deep.col } };
    }
    return { text };
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
