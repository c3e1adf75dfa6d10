// Golden output of `waform validate` (text format) for each file in examples/invalid/. A missing
// golden file fails; UPDATE_GOLDEN=1 writes the files in test/golden/validate/ from the output.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtCli } from "../e2e/build.js";
import { expectGolden } from "../helpers/golden.js";
import { ROOT, runCli } from "./validate-run.js";

const INVALID = readdirSync(join(ROOT, "examples", "invalid")).filter((f) => f.endsWith(".yaml"));

/** Output independent of the machine: no absolute paths. */
function normalise(text: string): string {
  return text.split(ROOT).join("<root>");
}

beforeAll(builtCli, 120_000);

describe("waform validate golden output", () => {
  it("covers every invalid example", () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(9);
  });

  it.each(INVALID)("examples/invalid/%s", async (file) => {
    const result = await runCli(["validate", "-f", `examples/invalid/${file}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    expectGolden(`validate/${file.replace(/\.yaml$/, ".txt")}`, normalise(result.stdout));
  });
});
