// The one top-level handler: maps thrown errors to a one-line message and an exit code.
// Never prints a stack trace for expected failures.

import { CommanderError } from "commander";
import { InternalError, RemoteError, UserError } from "../model/errors.js";
import { inertLine } from "../render/inert.js";
import { writeErr } from "./output.js";
import { InterruptedError } from "./session.js";

export const EXIT = {
  ok: 0,
  error: 1,
  /** plan/drift with --detailed-exitcode: there are changes / drift. */
  changes: 2,
  /** verify: a template was rejected or a test send failed. */
  verifyFailed: 3,
  /** Ctrl-C / SIGTERM stopped the run (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

export function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode;
  if (err instanceof InterruptedError) return EXIT.interrupted;
  return EXIT.error;
}

function inertLines(text: string): string {
  return text.split(/\r?\n/).map(inertLine).join("\n");
}

export function reportError(err: unknown): void {
  if (err instanceof CommanderError) {
    // help and version already printed by commander; usage errors are UserErrors (see program.ts)
    return;
  }
  if (err instanceof UserError) {
    // messages quote flags, file names and API text: each line is made inert (the line breaks of
    // a message are kept: commander's "Did you mean" comes on a line of its own)
    writeErr(`Error: ${inertLines(err.message)}${err.hint ? `\n  hint: ${inertLines(err.hint)}` : ""}\n`);
    return;
  }
  if (err instanceof RemoteError) {
    const status = err.status ? ` (HTTP ${err.status})` : "";
    writeErr(`Error: remote ${err.kind}${status}: ${inertLine(err.message)}\n`);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  const kind = err instanceof InternalError ? "internal error" : "unexpected error";
  writeErr(
    `Error: ${kind}: ${inertLine(message)}\n  This is a bug in waform; please report it with the command you ran.\n`,
  );
  if (process.env["WAFORM_DEBUG"] && err instanceof Error && err.stack) writeErr(`${err.stack}\n`);
}
