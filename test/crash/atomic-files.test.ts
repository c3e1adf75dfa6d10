// Issue 7, item 2: a crash never leaves a torn file. Every file waform writes goes through
// writeFileAtomic (temp file, fsync, rename) or, for the sandbox's state, its own temp + rename;
// these tests kill writers with SIGKILL mid-write and read what is left.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPlanSchemaCheck } from "../../src/cli/plan-file.js";
import { planFromText } from "../../src/plan/plan-document.js";
import { seededRandom } from "../../src/sandbox/random.js";
import { crashDeclaration } from "./declaration.js";
import { type StandaloneSandbox, startStandaloneSandbox } from "./standalone-sandbox.js";
import { ROOT, type RunningProcess, runWaform, spawnWaform, transcript } from "./waform-process.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the sandbox until it holds `count` templates (true) or `run` ends first (false). */
async function untilHolds(sb: StandaloneSandbox, count: number, run: RunningProcess): Promise<boolean> {
  let ended = false;
  run.done.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  for (;;) {
    const held = (await sb.admin<{ templates: unknown[] }>("GET", "state")).templates.length;
    if (held >= count) return true;
    if (ended) return false;
    await sleep(2);
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "waform-atomic-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Source files allowed to write files some other way, and why. */
const OTHER_WRITERS: Record<string, string> = {
  "src/cli/atomic-write.ts": "the atomic writer itself",
  "src/cli/output-file.ts":
    "the one output function: atomic for regular files and new paths, direct for FIFOs and devices",
  "src/sandbox/state.ts": "the sandbox state: its own temp file + rename",
  "src/cli/ci.ts": "appends to $GITHUB_STEP_SUMMARY, a file the CI runner owns and documents as append-only",
};

function sourceFiles(at: string): string[] {
  return readdirSync(at, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(at, e.name)) : e.name.endsWith(".ts") ? [join(at, e.name)] : [],
  );
}

describe("files waform writes", () => {
  it("are all written through writeFileAtomic (no other file-writing call in src/)", () => {
    const writers = sourceFiles(join(ROOT, "src"))
      .filter((f) =>
        /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|truncate)\b/.test(
          readFileSync(f, "utf8"),
        ),
      )
      .map((f) => relative(ROOT, f).replaceAll("\\", "/"));
    expect(writers.filter((f) => !(f in OTHER_WRITERS))).toEqual([]);
  });

  it("writeFileAtomic killed mid-write (SIGKILL, 8 seeded points) leaves the old or the new file whole", async () => {
    const target = join(dir, "big.json");
    // versions of ~6 MB, each ending with a trailer naming its own length: a torn file cannot fake it
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(join(ROOT, "dist", "cli", "atomic-write.js"))};
      const body = (i) => { const s = JSON.stringify({ version: i, pad: "x".repeat(6e6 + i) }); return s + "\\n#" + s.length; };
      for (let i = 1; ; i++) await writeFileAtomic(${JSON.stringify(target)}, body(i));`;
    const whole = (text: string) => {
      const m = /\n#(\d+)$/.exec(text);
      return m !== null && Number(m[1]) === text.length - m[0].length;
    };
    writeFileSync(target, `${JSON.stringify({ version: 0 })}\n#${JSON.stringify({ version: 0 }).length}`);
    const random = seededRandom(42);
    for (let k = 0; k < 8; k++) {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "ignore" });
      await sleep(60 + random() * 400);
      child.kill("SIGKILL");
      await new Promise((r) => child.on("close", r));
      expect(whole(readFileSync(target, "utf8")), `kill ${k + 1}: the file is torn`).toBe(true);
    }
  }, 60_000);

  it("`waform plan --out` killed at seeded points never leaves a torn plan file", async () => {
    writeFileSync(join(dir, "templates.yaml"), crashDeclaration(60));
    const sb: StandaloneSandbox = await startStandaloneSandbox(["--no-rate-limits"], dir);
    try {
      const env = { GUPSHUP_BASE_URL: sb.url, GUPSHUP_PARTNER_TOKEN: "any" };
      const out = join(dir, "plan.json");
      const first = await runWaform(["plan", "--out", out], { cwd: dir, env });
      expect(first.code, transcript(first)).toBe(0);
      const check = await loadPlanSchemaCheck();
      const readPlan = () => planFromText(readFileSync(out, "utf8"), check);
      expect(readPlan().changes).toHaveLength(120);
      const random = seededRandom(7);
      for (let k = 0; k < 5; k++) {
        const run = spawnWaform(["plan", "--out", out], { cwd: dir, env });
        await sleep(150 + random() * 500);
        run.child.kill("SIGKILL");
        await run.done;
        expect(() => readPlan(), `kill ${k + 1}: the plan file is torn`).not.toThrow();
      }
      // and nothing else claims to be the plan: only leftovers of killed writers, named as such
      const others = readdirSync(dir).filter((f) => f.startsWith(".plan.json."));
      for (const f of others) expect(f).toMatch(/^\.plan\.json\.\d+\.[0-9a-f]+\.tmp$/);
    } finally {
      await sb.kill();
    }
  }, 60_000);

  it("the sandbox's state file survives SIGKILL mid-write and reloads", async () => {
    // The kill points are events, not times: the sandbox is SIGKILLed once it holds a seeded number
    // of the round's creates, however slow the machine. Each round declares new names, so each has
    // PER_ROUND creates to make whatever the earlier rounds got through, and the state file (written
    // after every accepted create) is being rewritten while the kill lands.
    const PER_APP = 40;
    const PER_ROUND = 2 * PER_APP;
    const state = join(dir, "sandbox-state.json");
    const random = seededRandom(9);
    let held = 0;
    for (let k = 0; k < 3; k++) {
      writeFileSync(join(dir, "templates.yaml"), crashDeclaration(PER_APP, `state_round${k}`));
      const sb = await startStandaloneSandbox(["--state", state, "--no-rate-limits"], dir);
      const apply = spawnWaform(["apply", "--auto-approve", "--no-verify"], {
        cwd: dir,
        env: { GUPSHUP_BASE_URL: sb.url, GUPSHUP_PARTNER_TOKEN: "any" },
        timeoutMs: 60_000,
      });
      const killAt = held + 1 + Math.floor(random() * (PER_ROUND - 1));
      const reached = await untilHolds(sb, killAt, apply);
      await sb.kill();
      apply.child.kill("SIGKILL");
      const run = await apply.done;
      expect(
        reached,
        `round ${k + 1}: apply ended before the sandbox held ${killAt}\n${transcript(run)}`,
      ).toBe(true);
      expect(existsSync(state), `round ${k + 1}: state file absent after ${killAt} accepted creates`).toBe(
        true,
      );
      const text = readFileSync(state, "utf8");
      let saved: { templates: unknown[] } | undefined;
      expect(
        () => {
          saved = JSON.parse(text);
        },
        `round ${k + 1}: torn state (${text.length} bytes)`,
      ).not.toThrow();
      // the file holds at least what the sandbox had accepted when we decided to kill it
      expect(saved?.templates.length).toBeGreaterThanOrEqual(killAt);
      held = saved?.templates.length ?? 0;
    }
    // and the sandbox starts on it (a damaged file is refused with a hint, which would throw here)
    const again = await startStandaloneSandbox(["--state", state], dir);
    expect((await again.admin<{ templates: unknown[] }>("GET", "state")).templates).toHaveLength(held);
    await again.kill();
  }, 120_000);
});
