// Golden files under test/golden/: output is compared byte for byte, and a missing file fails the
// test. `UPDATE_GOLDEN=1 npx vitest run …` writes them from the current output instead (review the
// diff before committing).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";

const GOLDEN_DIR = join(import.meta.dirname, "..", "golden");

export const updatingGolden = (): boolean => process.env["UPDATE_GOLDEN"] === "1";

export function expectGolden(relativePath: string, actual: string): void {
  const file = join(GOLDEN_DIR, relativePath);
  if (updatingGolden()) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(
      `golden file test/golden/${relativePath} is missing: run with UPDATE_GOLDEN=1 to create it`,
    );
  }
  expect(actual, relativePath).toBe(readFileSync(file, "utf8"));
}
