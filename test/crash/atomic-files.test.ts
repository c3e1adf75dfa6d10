// Issue 7, item 2: a crash never leaves a torn file. Every file waform writes goes through
// writeFileAtomic (temp file, fsync, rename) or, for the sandbox's state, its own temp + rename;
// these tests kill writers with SIGKILL mid-write and read what is left.

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePlanJson } from "../../src/render/plan-json.js";
import { seededRandom } from "../../src/sandbox/random.js";
import { crashDeclaration } from "./declaration.js";
import { type StandaloneSandbox, startStandaloneSandbox } from "./standalone-sandbox.js";
import { ROOT, runWaform, spawnWaform, transcript } from "./waform-process.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
      const readPlan = () => parsePlanJson(readFileSync(out, "utf8"));
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
    const state = join(dir, "sandbox-state.json");
    writeFileSync(join(dir, "templates.yaml"), crashDeclaration(40));
    const random = seededRandom(9);
    for (let k = 0; k < 3; k++) {
      const sb = await startStandaloneSandbox(["--state", state, "--no-rate-limits"], dir);
      const apply = spawnWaform(["apply", "--auto-approve", "--no-verify"], {
        cwd: dir,
        env: { GUPSHUP_BASE_URL: sb.url, GUPSHUP_PARTNER_TOKEN: "any" },
      });
      await sleep(300 + random() * 600);
      await sb.kill();
      apply.child.kill("SIGKILL");
      await apply.done;
      expect(() => JSON.parse(readFileSync(state, "utf8")), `kill ${k + 1}: torn state`).not.toThrow();
    }
    // and the sandbox starts on it (a damaged file is refused with a hint, which would throw here)
    const again = await startStandaloneSandbox(["--state", state], dir);
    expect((await again.admin<{ templates: unknown[] }>("GET", "state")).templates.length).toBeGreaterThan(0);
    await again.kill();
  }, 60_000);
});
