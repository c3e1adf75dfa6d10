// Issue 7, item 3, through the real CLI process: a sample of the hostile files, bad flags and
// unreadable paths. Each exits 1 with a message (file:line:col for a finding in a file) or 0,
// prints no stack trace, and — when it fails — changes nothing: a file that does not parse or
// fails the schema sends no request at all, and one that fails only a rule check may have read
// the remote (reads overlap the checks) but wrote nothing. `waform plan` and `waform apply` point
// at a sandbox that counts every request it gets.

import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStructure } from "../../src/config/load.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { runWaform, STACK_TRACE, transcript } from "../crash/waform-process.js";
import { hostileYaml } from "./hostile-yaml.js";

const SAMPLE = 20;
const SEED = Number(process.env["FUZZ_SEED"] ?? 20_300_101);
const VALID = `version: 1
apps:
  shop: { appId: 3f0e1c2d-fuzz-4b5a-8c7d-000000000001, appName: shopapp, source: "+918929874278" }
defaults: { language: en_US, category: MARKETING, vertical: promotions }
templates:
  - name: hello_fuzz
    body: "Hi {{1}}, welcome."
    examples: { body: [Ana] }
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "waform-cli-fuzz-"));
  writeFileSync(join(dir, "valid.yaml"), VALID);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs waform against a sandbox of its own, so runs can overlap; returns the requests it cost. */
async function run(args: string[]) {
  const sandbox: RunningSandbox = await startSandbox({ rateLimits: false });
  try {
    const result = await runWaform(args, {
      cwd: dir,
      env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "any" },
    });
    const { byPath, total } = sandbox.stats();
    const writes = Object.entries(byPath)
      .filter(([path]) => !path.startsWith("GET "))
      .reduce((n, [, count]) => n + count, 0);
    return { ...result, requests: total, writes, templates: sandbox.state().templates.length };
  } finally {
    await sandbox.close();
  }
}

/** Whether the file gets past parsing and the schema (the first stage every command runs). */
async function structureHolds(file: string): Promise<boolean> {
  const structure = await loadStructure([file], { now: Date.now(), cwd: dir });
  return !structure.diagnostics.some((d) => d.severity === "error");
}

/** `fn` over `items`, `width` at a time (processes start in parallel; 2 cores are plenty busy at 4). */
async function inLanes<T>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/** Exit 1 with `message`, no stack trace, nothing written; `reads`: whether reads were allowed. */
function expectCleanFailure(r: Awaited<ReturnType<typeof run>>, message: RegExp, reads = false) {
  expect(r.code, transcript(r)).toBe(1);
  expect(r.stderr, transcript(r)).toMatch(message);
  expect(r.stderr, transcript(r)).not.toMatch(STACK_TRACE);
  expect(r.stderr).not.toMatch(/unexpected error|internal error/);
  expect(r.writes, `${transcript(r)}\nsent ${r.writes} writes`).toBe(0);
  expect(r.templates).toBe(0);
  if (!reads) expect(r.requests, `${transcript(r)}\nsent ${r.requests} requests`).toBe(0);
}

describe("the CLI on hostile input", () => {
  it(`${SAMPLE} hostile files through \`waform apply\`: exit 0, or exit 1 at file:line:col with nothing written`, async () => {
    const cases = fc.sample(hostileYaml, { numRuns: SAMPLE, seed: SEED });
    let failures = 0;
    let ruleOnly = 0;
    await inLanes(cases, 4, async (c, i) => {
      const file = `case${i}.yaml`;
      writeFileSync(join(dir, file), c.content);
      // apply, not plan: a failing file must stop it before its first write
      const r = await run(["apply", "-f", file, "--auto-approve", "--no-verify"]);
      expect(r.stderr, `${c.kind}\n${transcript(r)}`).not.toMatch(STACK_TRACE);
      if (r.code === 0) return;
      failures++;
      const structural = !(await structureHolds(file));
      if (!structural) ruleOnly++;
      expectCleanFailure(r, new RegExp(`^${file}:\\d+:\\d+ error `, "m"), !structural);
      expect(r.stderr, transcript(r)).toMatch(
        structural ? /nothing was sent to the remote/ : /nothing was written to the remote/,
      );
    });
    expect(failures).toBeGreaterThan(SAMPLE / 2);
    // both kinds of failure were seen, or one of the two rules went untested
    expect(ruleOnly).toBeGreaterThan(0);
    expect(ruleOnly).toBeLessThan(failures);
  }, 120_000);

  it("refuses bad flags, each with a message, no stack trace and no request", async () => {
    const cases: [string[], RegExp][] = [
      [["plan", "--bogus"], /unknown option '--bogus'/],
      [["plan", "-f", "valid.yaml", "--format", "xml"], /unknown format 'xml'/],
      [["apply", "-f", "valid.yaml", "--parallelism", "0"], /--parallelism/],
      [["apply", "-f", "valid.yaml", "--parallelism", "many"], /--parallelism/],
      [["verify", "-f", "valid.yaml", "--wait-timeout", "soon"], /--wait-timeout/],
      [["verify", "-f", "valid.yaml", "--channel", "carrier-pigeon"], /unknown channel/],
      [["plan", "-f", "valid.yaml", "--app", "nosuchapp"], /unknown app 'nosuchapp'/],
      [["plan", "--target"], /argument missing/],
      [["conjure"], /unknown command 'conjure'/],
      [["apply", "no-such-plan.json"], /plan file no-such-plan\.json not found/],
      [["send-preview", "nothing_like_it", "-f", "valid.yaml"], /no declared template matches/],
    ];
    await inLanes(cases, 4, async ([args, message]) => expectCleanFailure(await run(args), message));
  });

  it("refuses a saved plan that is not a plan (garbage, truncated, another version)", async () => {
    const files = {
      "garbage.json": "\u0000\u0001 not json",
      "truncated.json": '{"formatVersion": 1, "changes": [',
      "other.json": JSON.stringify({ formatVersion: 99, changes: [] }),
      "array.json": "[]",
    };
    await inLanes(Object.entries(files), 4, async ([name, content]) => {
      writeFileSync(join(dir, name), content);
      expectCleanFailure(await run(["apply", name, "--auto-approve"]), /plan/i);
    });
  });

  it("refuses unreadable paths: missing, a directory without YAML, a FIFO, through a file, no permission", async () => {
    mkdirSync(join(dir, "empty-dir"));
    mkdirSync(join(dir, "dir.yaml"));
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    writeFileSync(join(dir, "locked.yaml"), VALID);
    chmodSync(join(dir, "locked.yaml"), 0o000);
    const cases: [string, RegExp][] = [
      ["missing.yaml", /missing\.yaml.*file not found/],
      ["empty-dir", /empty-dir.*no \*\.yaml/],
      ["dir.yaml", /dir\.yaml.*no \*\.yaml/],
      ["pipe.yaml", /pipe\.yaml.*not a regular file/],
      ["valid.yaml/inside.yaml", /file not found/],
    ];
    // root reads any file whatever its mode
    if (process.getuid?.() !== 0) cases.push(["locked.yaml", /locked\.yaml.*permission denied/]);
    await inLanes(cases, 4, async ([path, message]) =>
      expectCleanFailure(await run(["plan", "-f", path]), message),
    );
  });

  it("a valid file does reach the remote (the counter counts)", async () => {
    const r = await run(["plan", "-f", "valid.yaml"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.requests).toBeGreaterThan(0);
  });
});
