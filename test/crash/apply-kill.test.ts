// Issue 7, item 2: SIGKILL `waform apply` at random points (seeded) against a standalone sandbox,
// run it again, and it converges with no duplicate. The sandbox here accepts duplicates
// (rejectDuplicates: false), so a re-run that re-created what a killed run had created would show.
// One round also SIGKILLs the sandbox itself mid-apply: its state file (temp + rename) must reload.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../src/sandbox/random.js";
import { crashDeclaration, duplicatesIn } from "./declaration.js";
import { type StandaloneSandbox, startStandaloneSandbox } from "./standalone-sandbox.js";
import { runWaform, STACK_TRACE, spawnWaform, transcript } from "./waform-process.js";

const PER_APP = 30;
const TOTAL = 2 * PER_APP;
const KILLS_PER_SEED = 2;
const SEEDS = [1, 2, 3];

type State = { templates: { appId: string; elementName: string; languageCode: string }[] };
type Stats = { byPath: Record<string, number> };

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "waform-crash-"));
  writeFileSync(join(dir, "templates.yaml"), crashDeclaration(PER_APP));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sandbox process keeping its state in `state.json` (one file per case: the cases run at once). */
async function sandbox(state: string, extra: string[] = []): Promise<StandaloneSandbox> {
  // latency makes a run last long enough to be cut; no rate limits keeps the test short
  const sb = await startStandaloneSandbox(
    [
      "--state",
      join(dir, `${state}.json`),
      "--no-rate-limits",
      "--faults",
      "latency=8-20",
      "--approval-delay",
      "1h",
      ...extra,
    ],
    dir,
  );
  await sb.admin("PATCH", "config", { rejectDuplicates: false });
  return sb;
}

const creates = (stats: Stats) =>
  Object.entries(stats.byPath)
    .filter(([path]) => /^POST \/partner\/app\/[^/]+\/templates$/.test(path))
    .reduce((n, [, count]) => n + count, 0);

function applyArgs(sb: StandaloneSandbox) {
  return {
    args: ["apply", "--auto-approve", "--no-verify"],
    opts: { cwd: dir, env: { GUPSHUP_BASE_URL: sb.url, GUPSHUP_PARTNER_TOKEN: "any" }, timeoutMs: 60_000 },
  };
}

/** Starts apply and SIGKILLs it once the sandbox has seen `afterCreates` more creates; true if it died so. */
async function applyKilledAfter(sb: StandaloneSandbox, afterCreates: number): Promise<boolean> {
  const before = creates(await sb.admin<Stats>("GET", "stats"));
  const { args, opts } = applyArgs(sb);
  const run = spawnWaform(args, opts);
  let exited = false;
  run.done.then(() => {
    exited = true;
  });
  while (!exited && creates(await sb.admin<Stats>("GET", "stats")) - before < afterCreates) {
    await sleep(15);
  }
  run.child.kill("SIGKILL");
  const result = await run.done;
  // a run that finished before the kill point is fine; one that was killed died by the signal
  if (result.signal === null) expect(result.code, transcript(result)).toBe(0);
  return result.signal === "SIGKILL";
}

async function converged(sb: StandaloneSandbox): Promise<void> {
  const { args, opts } = applyArgs(sb);
  const last = await runWaform(args, opts);
  expect(last.code, transcript(last)).toBe(0);
  expect(last.stderr).not.toMatch(STACK_TRACE);
  const plan = await runWaform(["plan", "--detailed-exitcode"], { ...opts, timeoutMs: 30_000 });
  expect(plan.code, `a fresh plan still has changes\n${transcript(plan)}`).toBe(0);
  const state = await sb.admin<State>("GET", "state");
  expect(duplicatesIn(state)).toEqual([]);
  expect(state.templates).toHaveLength(TOTAL);
}

describe.concurrent("apply killed with SIGKILL at random points", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${KILLS_PER_SEED} kills, then a re-run converges with no duplicate`, async () => {
      const sb = await sandbox(`seed-${seed}`);
      try {
        const random = seededRandom(seed);
        let done = 0;
        let killed = 0;
        for (let k = 0; k < KILLS_PER_SEED; k++) {
          // somewhere in the creates still to do; 0 kills during the plan's reads
          const remaining = TOTAL - done;
          const at = Math.floor(random() * Math.max(1, remaining - 2));
          if (await applyKilledAfter(sb, at)) killed++;
          done = (await sb.admin<State>("GET", "state")).templates.length;
        }
        expect(killed, "no run was killed mid-apply: the test proved nothing").toBeGreaterThan(0);
        await converged(sb);
      } finally {
        await sb.kill();
      }
    }, 60_000);
  }

  it("the sandbox itself killed mid-apply and restarted: its state file reloads, apply carries on", async () => {
    const first = await sandbox("restarted");
    const port = new URL(first.url).port;
    const { args, opts } = applyArgs(first);
    const run = spawnWaform(args, opts);
    while (creates(await first.admin<Stats>("GET", "stats")) < TOTAL / 3) await sleep(15);
    await first.kill();
    // the client now meets refused connections, retries them with backoff, and finds the new one
    const second = await sandbox("restarted", ["--port", port]);
    try {
      expect((await second.admin<State>("GET", "state")).templates.length).toBeGreaterThan(0);
      const interrupted = await run.done;
      expect(interrupted.stderr).not.toMatch(STACK_TRACE);
      await converged(second);
    } finally {
      await second.kill();
    }
  }, 60_000);
});
