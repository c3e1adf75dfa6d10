// Only cli/ writes to the terminal, and only through these functions. Standard output carries
// data (plans, reports, imported YAML: what a reviewer reads and a pipeline saves), written
// verbatim and refused if it would carry a credential waform reads; standard error carries logs,
// errors and progress, with every secret-looking value masked (cli/secrets.ts says why they
// differ). In a GitHub Actions job both also pass the workflow-command neutraliser: no line waform
// prints is taken by the runner as a command (`::error …`, `::add-mask::…`, `::stop-commands::…`)
// unless it is an annotation written on purpose by `writeAnnotations`.

import { fstatSync } from "node:fs";
import { InternalError } from "../model/errors.js";
import { neutraliseWorkflowCommands } from "../render/inert.js";
import { checkData, redact } from "./secrets.js";

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

/** `data`: written verbatim, or refused when it carries a credential; else a log, secrets masked. */
function guard(fd: 1 | 2, text: string, data: boolean): string {
  const safe = data ? checkData(text, fd === 1 ? "standard output" : "standard error") : redact(text);
  return runnerReads(fd) ? neutraliseWorkflowCommands(safe) : safe;
}

/** Data on stdout: exactly `text` (a UserError naming the credential it would carry instead). */
export function writeOut(text: string): void {
  process.stdout.write(guard(1, text, true));
}

/** Logs, errors and progress on stderr: secrets masked. */
export function writeErr(text: string): void {
  process.stderr.write(guard(2, text, false));
}

/** Data sent to stderr on purpose (`-o /dev/stderr`): verbatim, like stdout. */
export function writeDataErr(text: string): void {
  process.stderr.write(guard(2, text, true));
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
