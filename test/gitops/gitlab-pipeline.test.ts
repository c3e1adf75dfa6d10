// The GitLab example, run end to end: each job's script runs as the runner runs it (one bash,
// -eo pipefail, GitLab's predefined variables), waform against the sandbox, and the helper script
// (copied to ci/ as the pipeline says) against a fake GitLab API.

import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { parse } from "yaml";
import { EXAMPLES } from "./commands.js";
import {
  appConfig,
  CARE,
  declaration,
  ltoTemplate,
  PARTNER_TOKEN,
  type Pipeline,
  pipelineTest,
  SHOP,
  textTemplate,
} from "./fixture.js";
import { FakeGitlab } from "./runner/fake-gitlab.js";
import { cleanEnv, runShell, type ShellResult } from "./runner/shell.js";

/** Each case with its own sandbox, repository and GitLab, so the cases run at once. */
const it = pipelineTest.extend<{ gitlab: FakeGitlab }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  gitlab: async ({}, use) => {
    const gitlab = new FakeGitlab();
    await gitlab.start();
    try {
      await use(gitlab);
    } finally {
      await gitlab.stop();
    }
  },
});

const pipeline = parse(readFileSync(join(EXAMPLES, "gitlab", ".gitlab-ci.yml"), "utf8")) as Record<
  string,
  { script?: string[]; stage?: string; rules?: { if: string }[] }
>;

const TEMPLATES = [
  ltoTemplate("shop", "summer_sale"),
  textTemplate("shop", "new_arrivals"),
  textTemplate("care", "refill_due"),
];

const mr = (iid: number, sha: string) => ({
  CI_PIPELINE_SOURCE: "merge_request_event",
  CI_MERGE_REQUEST_IID: String(iid),
  CI_COMMIT_SHA: sha,
  CI_COMMIT_SHORT_SHA: sha.slice(0, 8),
});

/** The jobs of one case, on its own Pipeline and GitLab. */
function flows(fx: Pipeline, gitlab: FakeGitlab) {
  async function job(name: string, vars: Record<string, string>): Promise<ShellResult> {
    mkdirSync(join(fx.dir, "ci"), { recursive: true });
    copyFileSync(join(EXAMPLES, "gitlab", "waform-gitlab.mjs"), join(fx.dir, "ci", "waform-gitlab.mjs"));
    const script = pipeline[name]!.script!.join("\n");
    const r = await runShell(script, {
      cwd: fx.dir,
      env: {
        ...cleanEnv(),
        ...fx.env(),
        GITLAB_CI: "true",
        CI: "true",
        CI_API_V4_URL: gitlab.url,
        CI_PROJECT_ID: gitlab.projectId,
        CI_JOB_URL: "https://gitlab.example.com/acme/templates/-/jobs/1",
        CI_DEFAULT_BRANCH: "main",
        WAFORM_GITLAB_TOKEN: gitlab.token,
        GUPSHUP_PARTNER_TOKEN: PARTNER_TOKEN,
        ...vars,
      },
    });
    const everything = r.stdout + r.stderr + JSON.stringify([...gitlab.notes.values(), gitlab.issues]);
    expect(everything).not.toContain(PARTNER_TOKEN);
    expect(everything).not.toContain(gitlab.token);
    expect(everything).not.toContain("\u001b[");
    return r;
  }

  /** Records the plan job's artifacts as the merge request's newest pipeline, as GitLab would. */
  function keepPipeline(iid: number, pipelineId: number, status = "success") {
    const artifacts = new Map([["plan.json", readFileSync(join(fx.dir, "plan.json"))]]);
    const list = gitlab.pipelines.get(iid) ?? [];
    gitlab.pipelines.set(iid, [
      { id: pipelineId, status, jobs: [{ id: pipelineId * 10, name: "plan", artifacts }] },
      ...list,
    ]);
  }

  const stored = () =>
    fx
      .sandbox()
      .state()
      .templates.map((t) => `${t.elementName}:${t.status}`)
      .sort();

  return { job, keepPipeline, stored };
}

describe.concurrent(".gitlab-ci.yml", () => {
  it("runs validate and plan on merge requests, apply on the default branch, drift on schedules", () => {
    const when = (name: string) => pipeline[name]!.rules!.map((r) => r.if);
    expect(pipeline["stages"]).toEqual(["validate", "plan", "apply", "drift"]);
    expect(when("validate")).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"']);
    expect(when("plan")).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"']);
    expect(when("apply")).toEqual([
      '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"',
    ]);
    expect(when("drift")).toEqual(['$CI_PIPELINE_SOURCE == "schedule"']);
  });

  it("plans a merge request into one note, updated on each push; apply on main applies that plan", async ({
    fx,
    gitlab,
  }) => {
    const { job, keepPipeline, stored } = flows(fx, gitlab);
    fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES.slice(0, 2)));
    expect((await job("validate", mr(5, "aaaaaaaa1111"))).code).toBe(0);
    const first = await job("plan", mr(5, "aaaaaaaa1111"));
    expect(first.code, first.stderr).toBe(0);
    expect(gitlab.notes.get(5)).toHaveLength(1);
    expect(gitlab.notes.get(5)![0]!.body).toMatch(
      /^<!-- waform:plan -->\n### waform plan\n\n\*\*Plan: 2 to create/,
    );

    fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES));
    const second = await job("plan", mr(5, "bbbbbbbb2222"));
    expect(second.code, second.stderr).toBe(0);
    expect(gitlab.notes.get(5)).toHaveLength(1);
    expect(gitlab.notes.get(5)![0]!.body).toContain("Plan: 3 to create");
    expect(gitlab.notes.get(5)![0]!.body).toContain("Plan of bbbbbbbb");
    keepPipeline(5, 71);

    gitlab.mergedBy.set("cccccccc3333", 5);
    const apply = await job("apply", {
      CI_PIPELINE_SOURCE: "push",
      CI_COMMIT_BRANCH: "main",
      CI_COMMIT_SHA: "cccccccc3333",
    });
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain("reviewed plan of !5 (job 710) saved as plan.json");
    expect(apply.stdout).toContain("Apply complete: 3 created");
    expect(stored()).toEqual(["new_arrivals:APPROVED", "refill_due:APPROVED", "summer_sale:APPROVED"]);
  });

  it("never takes over a marked note someone else wrote: it adds its own and leaves theirs", async ({
    fx,
    gitlab,
  }) => {
    const { job } = flows(fx, gitlab);
    const fake = gitlab.addNote(8, "<!-- waform:plan -->\n### waform plan\n\nNo changes.");
    fx.write("templates.yaml", declaration([SHOP], [textTemplate("shop", "new_arrivals")]));
    for (const sha of ["abababab1111", "cdcdcdcd2222"]) {
      const plan = await job("plan", mr(8, sha));
      expect(plan.code, plan.stderr).toBe(0);
    }
    const [theirs, ours, ...others] = gitlab.notes.get(8)!;
    expect(others).toEqual([]);
    expect(theirs).toEqual(fake);
    expect(theirs!.body).toContain("No changes.");
    expect(ours!.author).toEqual(gitlab.tokenUser);
    expect(ours!.body).toMatch(/Plan: 1 to create[\s\S]*Plan of cdcdcdcd/);
  });

  it("notes a failed plan, and does not apply a merge request whose last pipeline failed", async ({
    fx,
    gitlab,
  }) => {
    const { job, keepPipeline, stored } = flows(fx, gitlab);
    fx.write("templates.yaml", declaration([SHOP], [{ ...textTemplate("shop", "Bad-Name") }]));
    const plan = await job("plan", mr(6, "dddddddd4444"));
    expect(plan.code).toBe(1);
    expect(gitlab.notes.get(6)![0]!.body).toContain(":x: **waform could not make a plan of dddddddd.**");

    fx.write("plan.json", "{}");
    keepPipeline(6, 81, "failed");
    gitlab.mergedBy.set("eeeeeeee5555", 6);
    const apply = await job("apply", {
      CI_PIPELINE_SOURCE: "push",
      CI_COMMIT_BRANCH: "main",
      CI_COMMIT_SHA: "eeeeeeee5555",
    });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(
      "the last pipeline of !6 did not succeed (failed): nothing reviewed to apply",
    );
    expect(stored()).toEqual([]);
  });

  it("opens one drift issue on drift and closes it when the remote matches again", async ({ fx, gitlab }) => {
    const { job } = flows(fx, gitlab);
    fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES));
    const schedule = { CI_PIPELINE_SOURCE: "schedule", CI_COMMIT_SHA: "ffffffff6666" };
    expect((await job("apply", { WAFORM_REPLAN: "1" })).code).toBe(0);
    expect((await job("drift", schedule)).code).toBe(0);
    expect(gitlab.issues).toEqual([]);

    // a colleague adds a template in the Gupshup console
    const provider = fx.provider();
    const model = (await provider.listTemplates(appConfig(CARE))).templates.find(
      (t) => t.name === "refill_due",
    )!;
    const { id: _id, status: _s, app: _a, name: _n, language: _l, ...content } = model;
    const added = await provider.createTemplate(
      appConfig(CARE),
      { app: "care", name: "console_promo", language: "en_US" },
      { ...content, body: "Hi {{1}}, a console-made promotion." },
    );
    const drifted = await job("drift", schedule);
    expect(drifted.code, drifted.stderr).toBe(0);
    expect(drifted.stdout).toContain("drift: opened");
    expect(gitlab.issues).toHaveLength(1);
    expect(gitlab.issues[0]).toMatchObject({ state: "opened", labels: ["waform-drift"] });
    expect(gitlab.issues[0]!.description).toContain("| `care/console_promo/en_US` | undeclared |");
    expect((await job("drift", schedule)).stdout).toContain("drift: updated");
    expect(gitlab.issues).toHaveLength(1);

    // and removes it again
    await provider.deleteTemplate(appConfig(CARE), added);
    expect((await job("drift", schedule)).stdout).toContain("drift: closed");
    expect(gitlab.issues[0]!.state).toBe("closed");
  });
});
