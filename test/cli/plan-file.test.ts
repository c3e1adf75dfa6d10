// Saved plan files, as `apply PLAN_FILE` and `plan merge` read them: real files on disk, refused
// with one line that says what is wrong (and a hint to plan again) when they are not a plan this
// waform can apply. Reading them needs nothing from render/.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPlanFile } from "../../src/cli/plan-file.js";
import { writePlanFile } from "../../src/cli/planning.js";
import { UserError } from "../../src/model/errors.js";
import { samplePlan } from "../render/sample-plan.js";

const dir = mkdtempSync(join(tmpdir(), "waform-plan-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function saved(text: string): string {
  const file = join(dir, `plan-${++n}.json`);
  writeFileSync(file, text);
  return file;
}

async function refusal(file: string): Promise<UserError> {
  const err = await readPlanFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

/** The parts of a saved plan document these tests break. */
interface PlanDoc {
  format_version: unknown;
  remote_fingerprint?: string;
  changes: { action: string; reason: string; remote?: unknown; surprise?: boolean }[];
}

async function good(): Promise<PlanDoc> {
  const file = join(dir, `good-${++n}.json`);
  await writePlanFile(file, samplePlan());
  return JSON.parse(readFileSync(file, "utf8"));
}

describe("reading a saved plan file", () => {
  it("reads back exactly the plan that was written", async () => {
    const file = join(dir, "round-trip.json");
    await writePlanFile(file, samplePlan());
    expect(await readPlanFile(file)).toStrictEqual(samplePlan());
  });

  it("names a file it cannot read, in words", async () => {
    const missing = join(dir, "nope.json");
    const refused = await refusal(missing);
    expect(refused.message).toBe(`plan file ${missing} not found`);
    expect(refused.hint).toBe("save one with `waform plan --out FILE`");
    expect((await refusal(dir)).message).toBe(`cannot read plan file ${dir}: is a directory`);
  });

  it("refuses a file that is not JSON", async () => {
    expect((await refusal(saved("{nope"))).message).toMatch(/^the saved plan is not valid JSON: /);
  });

  it("refuses another format_version before anything else, with a hint to plan again", async () => {
    const err = await refusal(saved(JSON.stringify({ ...(await good()), format_version: 4, changes: 7 })));
    expect(err.message).toBe("the saved plan has format_version 4; this waform reads format_version 3");
    for (const old of [1, 2]) {
      expect((await refusal(saved(JSON.stringify({ ...(await good()), format_version: old })))).message).toBe(
        `the saved plan has format_version ${old}; this waform reads format_version 3 (an older waform made it: plans now record the endpoint and the declaration they were made from, which apply checks)`,
      );
    }
    expect(err.hint).toBe("make the plan again with `waform plan --out FILE`");
  });

  it("refuses a missing fingerprint", async () => {
    const { remote_fingerprint: _, ...doc } = await good();
    expect((await refusal(saved(JSON.stringify(doc)))).message).toMatch(
      /must have required property 'remote_fingerprint'/,
    );
  });

  it("refuses an action with a reason that does not belong to it", async () => {
    const doc = await good();
    doc.changes[0]!.reason = "fields_changed";
    expect((await refusal(saved(JSON.stringify(doc)))).message).toMatch(/\/changes\/0\/reason/);
  });

  it("refuses a delete with no remote template to delete", async () => {
    const doc = await good();
    delete doc.changes.find((c) => c.action === "delete")!.remote;
    expect((await refusal(saved(JSON.stringify(doc)))).message).toMatch(/remote/);
  });

  it("refuses an unknown key, naming the schema, and shows at most five problems", async () => {
    const doc = await good();
    for (const c of doc.changes) c.surprise = true;
    const err = await refusal(saved(JSON.stringify(doc)));
    expect(err.message).toMatch(/^the saved plan does not match schemas\/plan.schema.json: /);
    expect(err.message).toMatch(/ \(and \d+ more\)$/);
    expect(err.message.split("; ")).toHaveLength(5);
    expect(err.hint).toBe("make the plan again with `waform plan --out FILE`");
  });
});

describe("what reading a plan loads", () => {
  const SRC = resolve(import.meta.dirname, "../../src");

  /** Every src/ module a file loads, statically or lazily, relative to src/. */
  function closure(start: string): Set<string> {
    const seen = new Set<string>();
    const visit = (file: string) => {
      const rel = file.slice(SRC.length + 1);
      if (seen.has(rel)) return;
      seen.add(rel);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:from|import\()\s*["'](\.[^"']+)\.js["']/g)) {
        visit(resolve(dirname(file), `${m[1]}.ts`));
      }
    };
    visit(join(SRC, start));
    return seen;
  }

  it("needs nothing from render/ (apply and plan merge read their input through it)", () => {
    const loaded = [...closure("cli/plan-file.ts")];
    expect(loaded).toContain("plan/plan-document.ts");
    expect(loaded.filter((f) => f.startsWith("render/"))).toEqual([]);
  });
});
