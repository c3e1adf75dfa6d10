// Golden files: the rendered output is compared with a file under test/golden/; run the tests with
// UPDATE_GOLDEN=1 to rewrite the files after an intended change (and review the diff).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";

const ROOT = join(import.meta.dirname, "..", "golden");

export function expectGolden(relativePath: string, actual: string): void {
  const file = join(ROOT, relativePath);
  if (process.env["UPDATE_GOLDEN"]) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}
