// `-v, --verbose`: one stderr line per Partner API request (method, path, status, duration), from
// the provider's `log` hook, which never sees a header or a body. Lines still pass through
// writeErr's redaction, like every byte waform prints.

import { inertLine } from "../render/inert.js";
import { writeErr } from "./output.js";

let verbose = false;

export function setVerbose(on: boolean): void {
  verbose = on;
}

/** The request log sink for providers: present only with --verbose. */
export function requestLog(): ((line: string) => void) | undefined {
  // paths carry ids the API chose: made inert like any other text from it
  return verbose ? (line) => writeErr(`http: ${inertLine(line)}\n`) : undefined;
}
