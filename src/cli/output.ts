// Only cli/ writes to the terminal, and only through these functions. Standard output carries
// data (plans, reports, imported YAML: what a reviewer reads and a pipeline saves), written
// verbatim and refused if it would carry a credential; standard error carries logs, errors and
// progress, with every secret-looking value masked (cli/secrets.ts says why they differ).

import { checkData, redact } from "./secrets.js";

/** Data on stdout: exactly `text`, or a UserError naming the credential it would carry. */
export function writeOut(text: string): void {
  process.stdout.write(checkData(text, "standard output"));
}

/** Logs, errors and progress on stderr: secrets masked. */
export function writeErr(text: string): void {
  process.stderr.write(redact(text));
}

/** Whether colour may be used on a stream: a TTY, and NO_COLOR not set (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env["NO_COLOR"] !== undefined && process.env["NO_COLOR"] !== "") return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return Boolean(stream.isTTY);
}
