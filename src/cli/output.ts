// Only cli/ writes to the terminal, and only through these functions, so that every byte passes
// through secret redaction.

import { redact } from "./secrets.js";

export function writeOut(text: string): void {
  process.stdout.write(redact(text));
}

export function writeErr(text: string): void {
  process.stderr.write(redact(text));
}

/** Whether colour may be used on a stream: a TTY, and NO_COLOR not set (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env["NO_COLOR"] !== undefined && process.env["NO_COLOR"] !== "") return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return Boolean(stream.isTTY);
}
