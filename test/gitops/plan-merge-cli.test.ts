// `waform plan --shard K/N` and `waform plan merge` as a user runs them: on the repository's own
// templates.yaml (3 apps, 11 templates, a configuration warning), the merged plan is the whole
// plan; the command's flags work where commander puts them; bad inputs are refused.
//
// The shard plans (of 1, 3 and 4 shards) and the whole plan are made once, before the cases: the
// remote stays empty (no case writes to it), so every case reads the same plans, and the cases,
// which write only files of their own names, run at once.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { PARTNER_TOKEN } from "./fixture.js";
import { cleanEnv, ROOT, runShell, type ShellResult } from "./runner/shell.js";

const fx = useSandbox({ approvalDelayMs: 0, rateLimits: false, resetEach: false });
const COUNTS = [1, 3, 4] as const;
let root: string;

/** The directory of the N-shard case: the demo templates.yaml and plan-1.json … plan-N.json. */
const dirOf = (count: number) => join(root, `shards-${count}`);

function waform(count: number, args: string): Promise<ShellResult> {
  return runShell(`npx waform ${args}`, {
    cwd: dirOf(count),
    env: { ...cleanEnv(), GUPSHUP_BASE_URL: fx.url, GUPSHUP_PARTNER_TOKEN: PARTNER_TOKEN },
  });
}

const json = (count: number, file: string) =>
  JSON.parse(readFileSync(join(dirOf(count), file), "utf8")) as Record<string, unknown>;

const planFiles = (count: number) => Array.from({ length: count }, (_, i) => `plan-${i + 1}.json`);

/** Plans shard k of `count` into plan-k.json, as a CI matrix job does (all shards at once). */
async function planShards(count: number): Promise<void> {
  await Promise.all(
    planFiles(count).map(async (file, i) => {
      const k = i + 1;
      const r = await waform(count, `plan --shard ${k}/${count} --out ${file} --format json`);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^shard ${k}/${count}: \\d+ of 3 apps$`, "m"));
    }),
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "waform-plan-merge-"));
  for (const count of COUNTS) {
    mkdirSync(dirOf(count));
    copyFileSync(join(ROOT, "templates.yaml"), join(dirOf(count), "templates.yaml"));
  }
  await Promise.all(COUNTS.map(planShards));
  const whole = await waform(3, "plan --out whole.json");
  expect(whole.code, whole.stderr).toBe(0);
  writeFileSync(join(dirOf(3), "whole.txt"), whole.stdout);
  writeFileSync(
    join(dirOf(3), "future.json"),
    JSON.stringify({ ...json(3, "plan-2.json"), format_version: 4 }),
  );
  writeFileSync(join(dirOf(3), "copy.json"), JSON.stringify(json(3, "plan-1.json")));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.concurrent("waform plan merge", () => {
  it.each(COUNTS)("merges %i shard plans of the demo config into its whole plan", async (count) => {
    const merged = await waform(
      count,
      `plan merge ${planFiles(count).join(" ")} -f templates.yaml --out merged.json`,
    );
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(readFileSync(join(dirOf(3), "whole.txt"), "utf8"));
    const whole = JSON.parse(readFileSync(join(dirOf(3), "whole.json"), "utf8")) as Record<string, unknown>;
    expect({ ...json(count, "merged.json"), created_at: 0 }).toEqual({ ...whole, created_at: 0 });
    expect(whole["diagnostics"]).not.toEqual([]);
  });

  it("takes its flags after the files or before them, and exits 2 on changes with --detailed-exitcode", async () => {
    const files = planFiles(3).join(" ");
    const after = await waform(3, `plan merge ${files} --format markdown --detailed-exitcode`);
    expect(after.code).toBe(2);
    expect(after.stdout.startsWith("<!-- waform:plan -->\n### waform plan\n")).toBe(true);
    const before = await waform(3, `plan merge --format json -o m.json ${files}`);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual(json(3, "m.json"));
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
    ["an unreadable file", "plan merge plan-1.json nowhere.json", /plan file nowhere\.json not found/],
    ["a bad shard", "plan --shard 3/2", /--shard "3\/2" is not K\/N/],
  ])("refuses %s", async (_what, args, message) => {
    const r = await waform(3, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });
});
