import { createInterface } from "node:readline/promises";

/** Asks on the terminal; true only for an exact "yes" (as Terraform does). */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim() === "yes";
  } finally {
    rl.close();
  }
}
