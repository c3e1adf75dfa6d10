// Only cli/ writes to the terminal, and only through these functions, so that every byte passes
// through secret redaction, and, in a GitHub Actions job, through the workflow-command neutraliser:
// no line waform prints is taken by the runner as a command (`::error …`, `::add-mask::…`,
// `::stop-commands::…`) unless it is an annotation written on purpose by `writeAnnotations`.

import { fstatSync } from "node:fs";
import { InternalError } from "../model/errors.js";
import { neutraliseWorkflowCommands } from "../render/inert.js";
import { redact } from "./secrets.js";

/** Whether waform runs as a step of a GitHub Actions job. */
export function inGithubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env["GITHUB_ACTIONS"] === "true";
}

/**
 * Whether the runner reads what goes to this stream: in a job, unless the stream was redirected to
 * a file (`waform import > templates.yaml`, `plan --format json > plan.json`), whose bytes are data
 * the runner never sees and must stay exactly what waform wrote.
 */
function runnerReads(fd: number): boolean {
  if (!inGithubActions()) return false;
  try {
    return !fstatSync(fd).isFile();
  } catch {
    return true;
  }
}

function guard(fd: number, text: string): string {
  const safe = redact(text);
  return runnerReads(fd) ? neutraliseWorkflowCommands(safe) : safe;
}

export function writeOut(text: string): void {
  process.stdout.write(guard(1, text));
}

export function writeErr(text: string): void {
  process.stderr.write(guard(2, text));
}

/** A workflow command waform means to write: `::error …::…`, `::warning …::…`, `::notice …::…`. */
const ANNOTATION = /^::(error|warning|notice)( [^\n:]*)?::[^\n]*$/;

/**
 * Annotations, one workflow command per line, on stderr: the only writer allowed to start a line
 * with `::`. Each line must be an annotation (render/diagnostics.ts escapes their text).
 */
export function writeAnnotations(text: string): void {
  const lines = text.split("\n").filter((l) => l !== "");
  const bad = lines.find((l) => !ANNOTATION.test(l));
  if (bad !== undefined) throw new InternalError(`not an annotation: ${JSON.stringify(bad.slice(0, 80))}`);
  process.stderr.write(redact(lines.map((l) => `${l}\n`).join("")));
}

/** Whether colour may be used on a stream: a TTY, and NO_COLOR not set (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env["NO_COLOR"] !== undefined && process.env["NO_COLOR"] !== "") return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return Boolean(stream.isTTY);
}
