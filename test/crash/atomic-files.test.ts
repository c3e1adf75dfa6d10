// Issue 7, item 2: a crash never leaves a torn file. Every file waform writes goes through
// writeFileAtomic (temp file, fsync, rename) or, for the sandbox's state, its own temp + rename;
// these tests kill writers with SIGKILL mid-write and read what is left.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPlanSchemaCheck } from "../../src/cli/plan-file.js";
import { planFromText } from "../../src/plan/plan-document.js";
import { seededRandom } from "../../src/sandbox/random.js";
import { emptyState } from "../../src/sandbox/state.js";
import { cliDir } from "../e2e/build.js";
import { crashDeclaration } from "./declaration.js";
import { type StandaloneSandbox, startStandaloneSandbox } from "./standalone-sandbox.js";
import { ROOT, type RunningProcess, runWaform, spawnWaform, transcript } from "./waform-process.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates the sandbox received (answered or not). */
function createsIn(stats: { byPath: Record<string, number> }): number {
  return Object.entries(stats.byPath)
    .filter(([path]) => /^POST \/partner\/app\/[^/]+\/templates$/.test(path))
    .reduce((n, [, count]) => n + count, 0);
}

/** Polls the sandbox until it has received `count` creates (true) or `run` ends first (false). */
async function untilCreates(sb: StandaloneSandbox, count: number, run: RunningProcess): Promise<boolean> {
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
    if (createsIn(await sb.admin<{ byPath: Record<string, number> }>("GET", "stats")) >= count) return true;
    if (ended) return false;
    await sleep(10);
  }
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "waform-atomic-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory of the case's own: the cases run at once, and each watches its directory. */
const caseDir = () => mkdtempSync(join(root, "case-"));

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

describe.concurrent("files waform writes", () => {
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
    const dir = caseDir();
    const target = join(dir, "big.json");
    // versions of ~6 MB, each ending with a trailer naming its own length: a torn file cannot fake it;
    // the writer says on stdout (a pipe: synchronous) which version it hands to writeFileAtomic
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(join(cliDir(), "dist", "cli", "atomic-write.js"))};
      const body = (i) => { const s = JSON.stringify({ version: i, pad: "x".repeat(6e6 + i) }); return s + "\\n#" + s.length; };
      for (let i = 1; ; i++) { const b = body(i); process.stdout.write("writing " + i + "\\n"); await writeFileAtomic(${JSON.stringify(target)}, b); }`;
    const read = (text: string) => {
      const m = /\n#(\d+)$/.exec(text);
      if (m === null || Number(m[1]) !== text.length - m[0].length) return undefined;
      return (JSON.parse(text.slice(0, m.index)) as { version: number }).version;
    };
    writeFileSync(target, `${JSON.stringify({ version: 0 })}\n#${JSON.stringify({ version: 0 }).length}`);
    const random = seededRandom(42);
    let previous = 0;
    for (let k = 0; k < 8; k++) {
      // The kill point is an event: the writer has started version `at` (1 to 3) and the directory
      // has since changed `changes` times (1 to 4: the file created, written, renamed), so the kill
      // lands inside the write, whatever the machine's speed.
      const at = 1 + Math.floor(random() * 3);
      const changes = 1 + Math.floor(random() * 4);
      const watcher = watch(dir);
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      let said = "";
      await new Promise<void>((resolve, reject) => {
        let seen = -1;
        watcher.on("change", () => {
          if (seen >= 0 && ++seen >= changes) resolve();
        });
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          said += chunk;
          if (seen < 0 && said.includes(`writing ${at}\n`)) seen = 0;
          if (said.includes(`writing ${at + 1}\n`)) resolve();
        });
        child.on("close", () => reject(new Error(`the writer exited before version ${at}: ${said}`)));
      });
      watcher.close();
      child.kill("SIGKILL");
      await new Promise((r) => child.on("close", r));
      const version = read(readFileSync(target, "utf8"));
      expect(version, `kill ${k + 1} (while writing version ${at}): the file is torn`).toBeDefined();
      // the old file (version at - 1, or the last round's when this round's first write had not
      // landed) or a newer whole one: on a busy machine the writer can run a few versions ahead
      // before this process reads its stdout, but never past the last version it announced
      const started = Math.max(...[...said.matchAll(/writing (\d+)\n/g)].map((m) => Number(m[1])));
      const whole = version ?? -1;
      expect(
        (at === 1 && whole === previous) || (whole >= Math.max(1, at - 1) && whole <= started),
        `kill ${k + 1}: version ${whole} after the writer started ${at}..${started} (the last round left ${previous})`,
      ).toBe(true);
      previous = whole;
    }
  }, 60_000);

  it("`waform plan --out` killed at seeded points never leaves a torn plan file", async () => {
    const dir = caseDir();
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
      const requestsPerPlan = (await sb.admin<{ total: number }>("GET", "stats")).total;
      const random = seededRandom(7);
      for (let k = 0; k < 6; k++) {
        // kill points are events: the sandbox has answered a seeded number of the plan's requests,
        // or (every other round) the plan file or its temporary file changed: the write is under way
        const before = (await sb.admin<{ total: number }>("GET", "stats")).total;
        const afterRequests = 1 + Math.floor(random() * requestsPerPlan);
        const watcher = watch(dir);
        const writing = new Promise<void>((resolve) =>
          watcher.on("change", (_event, name) => {
            if (String(name) === "plan.json" || String(name).startsWith(".plan.json.")) resolve();
          }),
        );
        const run = spawnWaform(["plan", "--out", out], { cwd: dir, env });
        let ended = false;
        run.done.then(
          () => {
            ended = true;
          },
          () => {
            ended = true;
          },
        );
        if (k % 2 === 1) await Promise.race([writing, run.done]);
        else
          while (!ended && (await sb.admin<{ total: number }>("GET", "stats")).total - before < afterRequests)
            await sleep(10);
        run.child.kill("SIGKILL");
        await run.done;
        watcher.close();
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
    const dir = caseDir();
    // Kill points are events, not times: once the sandbox has received a seeded number of the
    // round's creates, it is SIGKILLed at the next change in its directory, i.e. while it rewrites
    // its state. Each round declares new names, so it has creates to make whatever the earlier
    // rounds got through; the state starts with over a MB of another app's upload handles, so each
    // rewrite takes long enough for the kill to land inside it.
    const PER_APP = 40;
    const PER_ROUND = 2 * PER_APP;
    const state = join(dir, "sandbox-state.json");
    const padding = Array.from({ length: 5_000 }, (_, i) => ({
      appId: "0d7c1f52-crash-4a57-9d2e-5c1b7e9a0099",
      handle: `4::aW1hZ2UvcG5n:${String(i).padStart(8, "0")}:${"x".repeat(120)}`,
      fileType: "image/png",
      createdOn: Date.UTC(2030, 0, 1),
    }));
    writeFileSync(state, JSON.stringify({ ...emptyState(), handles: padding }, null, 2));
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
      const killAt = 1 + Math.floor(random() * (PER_ROUND - 1));
      const watcher = watch(dir);
      const reached = await untilCreates(sb, killAt, apply);
      await new Promise<void>((resolve) => {
        watcher.once("change", () => resolve());
        apply.done.then(
          () => resolve(),
          () => resolve(),
        );
      });
      await sb.kill();
      watcher.close();
      apply.child.kill("SIGKILL");
      const run = await apply.done;
      expect(
        reached,
        `round ${k + 1}: apply ended before the sandbox got ${killAt} creates\n${transcript(run)}`,
      ).toBe(true);
      expect(existsSync(state), `round ${k + 1}: the state file is absent`).toBe(true);
      const text = readFileSync(state, "utf8");
      let saved: { templates: unknown[]; handles: unknown[] } | undefined;
      expect(
        () => {
          saved = JSON.parse(text);
        },
        `round ${k + 1}: torn state (${text.length} bytes)`,
      ).not.toThrow();
      // nothing accepted in an earlier round is lost, and this round's first create had landed
      expect(saved?.handles).toHaveLength(padding.length);
      expect(saved?.templates.length).toBeGreaterThan(held);
      held = saved?.templates.length ?? 0;
    }
    // and the sandbox starts on it (a damaged file is refused with a hint, which would throw here)
    const again = await startStandaloneSandbox(["--state", state], dir);
    expect((await again.admin<{ templates: unknown[] }>("GET", "state")).templates).toHaveLength(held);
    await again.kill();
  }, 120_000);
});
