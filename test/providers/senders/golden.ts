// Golden files: compared byte for byte; `UPDATE_GOLDEN=1 npx vitest run` rewrites them.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";

export const GOLDEN_DIR = join(import.meta.dirname, "..", "..", "golden");

export function expectGolden(relativePath: string, actual: string): void {
  const file = join(GOLDEN_DIR, relativePath);
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${relativePath} is missing; run with UPDATE_GOLDEN=1`);
  expect(actual, relativePath).toBe(readFileSync(file, "utf8"));
}
