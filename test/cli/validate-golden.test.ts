// Golden output of `waform validate` (text format) for each file in examples/invalid/.
// UPDATE_GOLDEN=1 rewrites the files in test/golden/validate/ from the current output.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "./validate-run.js";

const GOLDEN = join(ROOT, "test", "golden", "validate");
const INVALID = readdirSync(join(ROOT, "examples", "invalid")).filter((f) => f.endsWith(".yaml"));
const update = process.env["UPDATE_GOLDEN"] === "1";

/** Output independent of the machine: no absolute paths. */
function normalise(text: string): string {
  return text.split(ROOT).join("<root>");
}

beforeAll(() => ensureBuilt(), 120_000);

describe("waform validate golden output", () => {
  it("covers every invalid example", () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(9);
  });

  it.each(INVALID)("examples/invalid/%s", async (file) => {
    const result = await runCli(["validate", "-f", `examples/invalid/${file}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const actual = normalise(result.stdout);
    const golden = join(GOLDEN, file.replace(/\.yaml$/, ".txt"));
    if (update || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, "utf8"));
  });
});
