// Golden files: `UPDATE_GOLDEN=1 npx vitest run …` rewrites them; otherwise a missing or different
// file fails the test.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

const GOLDEN = join(import.meta.dirname, "..", "golden");

export function expectGolden(relativePath: string, actual: string): void {
  const path = join(GOLDEN, relativePath);
  if (process.env["UPDATE_GOLDEN"] === "1") {
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, "utf8");
  } catch {
    throw new Error(`golden file ${relativePath} is missing: run with UPDATE_GOLDEN=1 to create it`);
  }
  expect(actual).toBe(expected);
}
