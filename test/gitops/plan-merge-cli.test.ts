// `waform plan --shard K/N` and `waform plan merge` as a user runs them: on the repository's own
// templates.yaml (3 apps, 11 templates, a configuration warning), the merged plan is the whole
// plan; the command's flags work where commander puts them; bad inputs are refused.

import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PARTNER_TOKEN, usePipelineFixture } from "./fixture.js";
import { cleanEnv, ROOT, runShell } from "./runner/shell.js";

const fx = usePipelineFixture();

function waform(args: string) {
  return runShell(`npx waform ${args}`, {
    cwd: fx.dir,
    env: { ...cleanEnv(), ...fx.env(), GUPSHUP_PARTNER_TOKEN: PARTNER_TOKEN },
  });
}

const json = (file: string) =>
  JSON.parse(readFileSync(join(fx.dir, file), "utf8")) as Record<string, unknown>;

async function shards(count: number): Promise<string[]> {
  const files: string[] = [];
  for (let k = 1; k <= count; k++) {
    const r = await waform(`plan --shard ${k}/${count} --out plan-${k}.json --format json`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^shard ${k}/${count}: \\d+ of 3 apps$`, "m"));
    files.push(`plan-${k}.json`);
  }
  return files;
}

describe("waform plan merge", () => {
  it.each([1, 3, 4])("merges %i shard plans of the demo config into its whole plan", async (count) => {
    copyFileSync(join(ROOT, "templates.yaml"), join(fx.dir, "templates.yaml"));
    const files = await shards(count);
    const whole = await waform("plan --out whole.json");
    const merged = await waform(`plan merge ${files.join(" ")} -f templates.yaml --out merged.json`);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect({ ...json("merged.json"), created_at: 0 }).toEqual({ ...json("whole.json"), created_at: 0 });
    expect(json("whole.json")["diagnostics"]).not.toEqual([]);
  });

  it("takes its flags after the files or before them, and exits 2 on changes with --detailed-exitcode", async () => {
    copyFileSync(join(ROOT, "templates.yaml"), join(fx.dir, "templates.yaml"));
    const files = (await shards(3)).join(" ");
    const after = await waform(`plan merge ${files} --format markdown --detailed-exitcode`);
    expect(after.code).toBe(2);
    expect(after.stdout.startsWith("<!-- waform:plan -->\n### waform plan\n")).toBe(true);
    const before = await waform(`plan merge --format json -o m.json ${files}`);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(json("m.json"));
  });

  it.each([
    [
      "overlapping shards",
      "plan merge plan-1.json copy.json plan-2.json plan-3.json",
      /app '\w+' is in both plan-1\.json and copy\.json/,
    ],
    [
      "a plan given twice",
      "plan merge plan-1.json plan-2.json plan-3.json plan-2.json",
      /plan-2\.json is given twice/,
    ],
    [
      "a missing shard",
      "plan merge plan-1.json plan-2.json -f templates.yaml",
      /no shard plan covers apps? '/,
    ],
    [
      "a plan's options",
      "plan merge plan-1.json plan-2.json --sandbox",
      /plan merge does not take --sandbox/,
    ],
    [
      "a file that is not a plan",
      "plan merge plan-1.json templates.yaml",
      /templates\.yaml: the saved plan is not valid JSON/,
    ],
    [
      "another format version",
      "plan merge plan-1.json future.json",
      /different format versions: plan-1\.json 3, future\.json 4/,
    ],
    [
      "an unreadable file",
      "plan merge plan-1.json nowhere.json",
      /cannot read plan file nowhere\.json: ENOENT/,
    ],
    ["a bad shard", "plan --shard 3/2", /--shard "3\/2" is not K\/N/],
  ])("refuses %s", async (_what, args, message) => {
    copyFileSync(join(ROOT, "templates.yaml"), join(fx.dir, "templates.yaml"));
    await shards(3);
    fx.write("future.json", JSON.stringify({ ...json("plan-2.json"), format_version: 4 }));
    fx.write("copy.json", JSON.stringify(json("plan-1.json")));
    const r = await waform(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});
