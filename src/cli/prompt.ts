import { createInterface } from "node:readline/promises";
import { writeErr } from "./output.js";

/** Asks on the terminal; true only for an exact "yes" (as Terraform does). */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim() === "yes";
  } catch (err) {
    // Ctrl-C or Ctrl-D at the prompt closes it: an answer (no), not a crash
    if (isClosedPrompt(err)) {
      writeErr("\n");
      return false;
    }
    throw err;
  } finally {
    rl.close();
  }
}

function isClosedPrompt(err: unknown): boolean {
  const { name, code } = (err ?? {}) as { name?: unknown; code?: unknown };
  return name === "AbortError" || code === "ABORT_ERR" || code === "ERR_USE_AFTER_CLOSE";
}
