// waform's entry point: builds the commander program and runs it under the one top-level error
// handler. Each command registers itself from cli/commands/ and imports its heavy code lazily,
// so `waform --version` and `waform validate` stay fast (no undici, listr2, diff or sandbox).

import { exitCodeFor, reportError } from "./errors.js";
import { buildProgram } from "./program.js";

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportError(err);
  process.exitCode = exitCodeFor(err);
}
