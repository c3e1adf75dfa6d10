// Issue 7, item 3, through the real CLI process: a sample of the hostile files, bad flags and
// unreadable paths. Each exits 1 with a message (file:line:col for a finding in a file) or 0,
// prints no stack trace, and — when it fails — sends no request: `waform plan` points at a
// sandbox that counts every request it gets.

import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    return { ...result, requests: sandbox.stats().total };
  } finally {
    await sandbox.close();
  }
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

function expectCleanFailure(r: Awaited<ReturnType<typeof run>>, message: RegExp) {
  expect(r.code, transcript(r)).toBe(1);
  expect(r.stderr, transcript(r)).toMatch(message);
  expect(r.stderr, transcript(r)).not.toMatch(STACK_TRACE);
  expect(r.stderr).not.toMatch(/unexpected error|internal error/);
  expect(r.requests, `${transcript(r)}\nsent ${r.requests} requests`).toBe(0);
}

describe("the CLI on hostile input", () => {
  it(`${SAMPLE} hostile files through \`waform plan\`: exit 0, or exit 1 at file:line:col with no request`, async () => {
    const cases = fc.sample(hostileYaml, { numRuns: SAMPLE, seed: SEED });
    let failures = 0;
    await inLanes(cases, 4, async (c, i) => {
      const file = `case${i}.yaml`;
      writeFileSync(join(dir, file), c.content);
      const r = await run(["plan", "-f", file]);
      expect(r.stderr, `${c.kind}\n${transcript(r)}`).not.toMatch(STACK_TRACE);
      if (r.code === 0) return;
      failures++;
      expectCleanFailure(r, new RegExp(`^${file}:\\d+:\\d+ error `, "m"));
    });
    expect(failures).toBeGreaterThan(SAMPLE / 2);
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
      [["apply", "no-such-plan.json"], /cannot read plan file/],
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
