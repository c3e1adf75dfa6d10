// The GitHub Actions examples, run end to end: each workflow's steps run as a runner would run
// them (the same command lines, bash -eo pipefail, $GITHUB_OUTPUT, the job summary, `if:`), waform's
// own action (action.yml) as a composite action, the github-script steps against a fake GitHub and
// waform's comment and issue calls against that fake GitHub's REST API, waform against the sandbox.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { parsePlanText } from "../../src/cli/plan-file.js";
import {
  appConfig,
  appDoc,
  CARE,
  declaration,
  ltoTemplate,
  PARTNER_TOKEN,
  type Pipeline,
  pipelineTest,
  SHOP,
  textTemplate,
} from "./fixture.js";
import { type Event, runWorkflow, step, transcript, type WorkflowResult } from "./runner/github.js";
import { runShell } from "./runner/shell.js";

const it = pipelineTest;
const MARKER = "<!-- waform:plan -->";
const ESC = "\u001b[";

const TEMPLATES = [
  ltoTemplate("shop", "summer_sale"),
  textTemplate("shop", "new_arrivals"),
  textTemplate("care", "refill_due"),
];

function pullRequest(runId: number, number: number, headSha: string): Event {
  return {
    name: "pull_request",
    sha: `merge-ref-of-${headSha}`,
    ref: `refs/pull/${number}/merge`,
    runId,
    payload: { pull_request: { number, head: { sha: headSha, repo: { full_name: "acme/templates" } } } },
  };
}

/** The workflow runs of one test, on its own Pipeline. */
function flows(fx: Pipeline) {
  async function run(file: string, event: Event): Promise<WorkflowResult> {
    const result = await runWorkflow(file, {
      dir: fx.dir,
      github: fx.github,
      event,
      env: fx.env(),
      githubApiUrl: fx.api.url,
      secrets: fx.secrets,
      artifacts: fx.artifacts,
    });
    const everything =
      JSON.stringify(result) + JSON.stringify([...fx.github.comments.values(), fx.github.issues]);
    expect(everything, "the partner token leaked").not.toContain(PARTNER_TOKEN);
    expect(everything, "colour codes in CI logs").not.toContain(ESC);
    return result;
  }

  /** Plans PR `number` at `headSha` in run `runId`, and records the run as GitHub would. */
  async function planPullRequest(runId: number, number: number, headSha: string): Promise<WorkflowResult> {
    const result = await run("waform-plan.yml", pullRequest(runId, number, headSha));
    fx.github.runs.push({
      id: runId,
      workflow: "waform-plan.yml",
      event: "pull_request",
      headSha,
      status: result.jobs["plan"] === "success" ? "success" : "failure",
    });
    return result;
  }

  function merge(number: number, headSha: string, mergeSha: string): Event {
    fx.github.pulls.push({ number, headSha, mergeSha, mergedAt: "2030-01-01T00:00:00Z" });
    return { name: "push", sha: mergeSha, ref: "refs/heads/main", runId: 900 + number };
  }

  async function outOfBandEdit(
    app = SHOP,
    name = "new_arrivals",
    body = "Hello {{1}}, edited in the console.",
  ) {
    const provider = fx.provider();
    const remote = (await provider.listTemplates(appConfig(app))).templates.find((t) => t.name === name)!;
    const { id: _id, status: _s, app: _a, name: _n, language: _l, ...content } = remote;
    await provider.updateTemplate(appConfig(app), remote, { ...content, body });
  }

  const stored = () =>
    fx
      .sandbox()
      .state()
      .templates.map((t) => `${t.elementName}:${t.status}`)
      .sort();

  return { run, planPullRequest, merge, outOfBandEdit, stored };
}

// each case has its own sandbox, GitHub and repository (pipelineTest), so they all run at once
describe.concurrent("the example GitHub workflows", () => {
  describe("waform-plan.yml on a pull request", () => {
    it("validates, plans, comments the plan once, keeps updating that comment, and keeps the JSON plan", async ({
      fx,
    }) => {
      const { planPullRequest, stored } = flows(fx);
      fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES));
      const first = await planPullRequest(1, 7, "aaaaaaa1111");
      expect(first.jobs, transcript(first)).toEqual({ plan: "success" });
      expect(step(first, "Plan").outputs).toMatchObject({ exitcode: "2", "has-changes": "true" });
      expect(step(first, "Plan").outputs["plan-file"]).toMatch(/plan\.json$/);

      const [comment, ...others] = fx.github.commentsOn(7);
      expect(others).toEqual([]);
      expect(comment!.body.startsWith(MARKER)).toBe(true);
      expect(comment!.body).toContain(
        "**Plan: 3 to create, 0 to update, 0 to replace, 0 to delete, 0 blocked.**",
      );
      for (const name of ["summer_sale", "new_arrivals", "refill_due"])
        expect(comment!.body).toContain(`\`${name}\``);
      expect(comment!.body).toContain(
        "<sub>waform on `aaaaaaa` · [run log](https://github.com/acme/templates/actions/runs/1)</sub>",
      );
      expect(comment!.body).toContain(
        "[How the changed templates look on WhatsApp](https://github.com/acme/templates/actions/runs/1/artifacts/1)",
      );
      const preview = fx.artifacts
        .get(1)!
        .get("waform-preview")!
        .get("waform-preview.html")!
        .toString("utf8");
      expect(preview.match(/<section class="change"/g)).toHaveLength(3);
      expect(preview).not.toMatch(/<script/i);

      const saved = await parsePlanText(
        fx.artifacts.get(1)!.get("waform-plan")!.get("plan.json")!.toString("utf8"),
      );
      expect(saved.changes.map((c) => `${c.action} ${c.key.app}/${c.key.name}`)).toEqual([
        "create care/refill_due",
        "create shop/new_arrivals",
        "create shop/summer_sale",
      ]);
      expect(first.summary).toContain(MARKER);
      expect(first.summary).toContain("Plan: 3 to create");

      // a new push to the pull request: the same comment, now with the new plan
      fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES.slice(0, 2)));
      const second = await planPullRequest(2, 7, "bbbbbbb2222");
      expect(second.jobs, transcript(second)).toEqual({ plan: "success" });
      expect(fx.github.commentsOn(7)).toHaveLength(1);
      expect(fx.github.commentsOn(7)[0]!.id).toBe(comment!.id);
      expect(fx.github.commentsOn(7)[0]!.body).toContain("Plan: 2 to create");
      expect(fx.github.commentsOn(7)[0]!.body).toContain("waform on `bbbbbbb`");
      expect(stored()).toEqual([]);
      // waform's only GitHub calls: find its comment, create it; find it again, update it
      expect(fx.api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /repos/acme/templates/issues/7/comments?per_page=100",
        "POST /repos/acme/templates/issues/7/comments",
        "GET /repos/acme/templates/issues/7/comments?per_page=100",
        `PATCH /repos/acme/templates/issues/comments/${comment!.id}`,
      ]);
    });

    it("on an invalid config: annotations on the lines, the comment says so, no plan is kept", async ({
      fx,
    }) => {
      const { planPullRequest } = flows(fx);
      fx.write("templates.yaml", declaration([SHOP], [textTemplate("shop", "ok_template")]));
      await planPullRequest(1, 9, "ccccccc3333");
      const broken = declaration([SHOP], [{ ...textTemplate("shop", "Bad-Name"), limitedOfferText: "x" }]);
      fx.write("templates.yaml", broken);
      const result = await planPullRequest(2, 9, "ddddddd4444");

      expect(result.jobs).toEqual({ plan: "failure" });
      const plan = step(result, "Plan");
      expect(plan.outcome).toBe("failure");
      expect(plan.outputs).toMatchObject({ exitcode: "1", "has-changes": "false", "plan-file": "" });
      const line = broken.split("\n").findIndex((l) => l.includes("Bad-Name")) + 1;
      expect(plan.stderr).toMatch(
        new RegExp(`^::error file=templates\\.yaml,line=${line},col=\\d+,title=NAME-\\d+::`, "m"),
      );
      // validated once: each finding is one annotation
      expect(plan.stderr.match(/^::error /gm)).toHaveLength(2);
      expect(step(result, "Keep the plan for apply").outcome).toBe("skipped");
      expect(fx.github.commentsOn(9)).toHaveLength(1);
      expect(fx.github.commentsOn(9)[0]!.body).toMatch(
        /^<!-- waform:plan -->\n### waform plan\n\n:x: \*\*waform could not make a plan\.\*\*.*\n\n<sub>waform on `ddddddd`/,
      );
      expect(fx.artifacts.get(2)?.has("waform-plan") ?? false).toBe(false);
    });
  });

  describe("waform-plan.yml: a pull request that can never be applied (issue 12 item 3)", () => {
    it("goes red: the comment shows the plan and says why, and no plan is kept for apply", async ({ fx }) => {
      const { planPullRequest } = flows(fx);
      // new_arrivals exists and is APPROVED; the pull request changes its category, which Meta forbids
      const provider = fx.provider();
      const created = await provider.createTemplate(
        appConfig(SHOP),
        { app: "shop", name: "new_arrivals", language: "en_US" },
        {
          category: "MARKETING",
          kind: "standard",
          vertical: "promotions",
          body: "Hello {{1}}, our new collection is in store now.",
          bodyExamples: ["Asha"],
          buttons: [],
          allowCategoryChange: false,
        },
      );
      expect(
        (await provider.listTemplates(appConfig(SHOP))).templates.find((t) => t.id === created.id)?.status,
      ).toBe("APPROVED");
      fx.write(
        "templates.yaml",
        declaration([SHOP], [{ ...textTemplate("shop", "new_arrivals"), category: "UTILITY" }]),
      );
      const result = await planPullRequest(1, 21, "9999999aaaa");

      expect(result.jobs, transcript(result)).toEqual({ plan: "failure" });
      const plan = step(result, "Plan");
      expect(plan.outputs).toMatchObject({ exitcode: "1", "plan-file": "" });
      expect(plan.stderr).toContain(
        "1 blocked change needs a change of the declaration (exit 1): shop/new_arrivals/en_US (approved_category_immutable)",
      );
      const [comment] = fx.github.commentsOn(21);
      expect(comment!.body).toContain(
        "**Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 blocked.**",
      );
      expect(comment!.body).toContain("the category of an APPROVED template cannot change");
      expect(comment!.body).toContain(":x: **This plan can never be applied as declared:**");
      expect(fx.artifacts.get(1)?.has("waform-plan") ?? false).toBe(false);
    });
  });

  describe("waform-plan.yml on a pull request from a fork", () => {
    it("plans, but neither comments nor uploads a preview: the fork's token is read-only", async ({ fx }) => {
      const { run } = flows(fx);
      fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES));
      const event = pullRequest(1, 8, "fork1234567");
      (event.payload!["pull_request"] as { head: { repo: { full_name: string } } }).head.repo.full_name =
        "someone/templates";
      const result = await run("waform-plan.yml", event);
      expect(result.jobs, transcript(result)).toEqual({ plan: "success" });
      expect(step(result, "Plan").outputs).toMatchObject({ exitcode: "2" });
      expect(fx.github.commentsOn(8)).toEqual([]);
      expect(fx.api.requests).toEqual([]);
      expect([...(fx.artifacts.get(1)?.keys() ?? [])]).toEqual(["waform-plan"]);
    });
  });

  describe("waform-apply.yml on merge to main", () => {
    it("applies the plan reviewed on the pull request, verifies, and a new plan has nothing left", async ({
      fx,
    }) => {
      const { run, planPullRequest, merge, stored } = flows(fx);
      fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES));
      await planPullRequest(1, 11, "eeeeeee5555");
      const result = await run("waform-apply.yml", merge(11, "eeeeeee5555", "fffffff6666"));

      expect(result.jobs, transcript(result)).toEqual({ apply: "success" });
      expect(step(result, "Find the reviewed plan").stdout).toContain("Applying the plan of #11");
      const apply = step(result, "Apply the reviewed plan");
      expect(apply.stdout).toContain(
        "Apply complete: 3 created, 0 updated, 0 replaced, 0 deleted, 0 blocked, 0 failed.",
      );
      expect(apply.stderr).not.toContain(ESC);
      expect(step(result, "Plan again and apply (manual run with replan)").outcome).toBe("skipped");
      expect(stored()).toEqual(["new_arrivals:APPROVED", "refill_due:APPROVED", "summer_sale:APPROVED"]);
      expect(readFileSync(join(fx.dir, "waform-verify.xml"), "utf8")).toContain("<testsuite");

      const again = await planPullRequest(2, 12, "1234567aaaa");
      expect(step(again, "Plan").outputs).toMatchObject({ exitcode: "0", "has-changes": "false" });
      expect(fx.github.commentsOn(12)[0]!.body).toContain("No changes");
    });

    it("refuses the reviewed plan when the remote changed since, and changes nothing", async ({ fx }) => {
      const { run, planPullRequest, merge, outOfBandEdit } = flows(fx);
      fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES));
      await runShell("npx waform apply --auto-approve --no-verify", {
        cwd: fx.dir,
        env: { ...fx.env(), PATH: process.env["PATH"]!, ...fx.secrets },
      });
      fx.write(
        "templates.yaml",
        declaration([SHOP, CARE], [...TEMPLATES, textTemplate("care", "pickup_ready")]),
      );
      await planPullRequest(1, 13, "9999999aaaa");
      await outOfBandEdit();
      const before = fx
        .sandbox()
        .state()
        .templates.map((t) => ({ ...t }));

      const result = await run("waform-apply.yml", merge(13, "9999999aaaa", "8888888bbbb"));
      expect(result.jobs).toEqual({ apply: "failure" });
      expect(step(result, "Apply the reviewed plan").stderr).toMatch(/plan is stale/);
      expect(fx.sandbox().state().templates).toEqual(before);
    });

    it("fails with a way out when the commit is not a merged pull request; replan applies main", async ({
      fx,
    }) => {
      const { run, stored } = flows(fx);
      fx.write("templates.yaml", declaration([SHOP], [textTemplate("shop", "direct_push")]));
      const direct = await run("waform-apply.yml", {
        name: "push",
        sha: "7777777cccc",
        ref: "refs/heads/main",
        runId: 50,
      });
      expect(direct.jobs).toEqual({ apply: "failure" });
      expect(step(direct, "Find the reviewed plan").stderr).toMatch(
        /not the merge of a pull request.*"replan"/,
      );
      expect(step(direct, "Apply the reviewed plan").outcome).toBe("skipped");
      expect(stored()).toEqual([]);

      const manual = await run("waform-apply.yml", {
        name: "workflow_dispatch",
        sha: "7777777cccc",
        ref: "refs/heads/main",
        runId: 51,
        inputs: { replan: true },
      });
      expect(manual.jobs, transcript(manual)).toEqual({ apply: "success" });
      expect(step(manual, "Find the reviewed plan").outcome).toBe("skipped");
      expect(stored()).toEqual(["direct_push:APPROVED"]);
    });
  });

  describe("waform-drift.yml nightly", () => {
    it("opens one labelled issue on drift, updates it, and closes it once the remote matches again", async ({
      fx,
    }) => {
      const { run, outOfBandEdit } = flows(fx);
      fx.write("templates.yaml", declaration([SHOP, CARE], TEMPLATES));
      const env = { ...fx.env(), PATH: process.env["PATH"]!, ...fx.secrets };
      expect((await runShell("npx waform apply --auto-approve --no-verify", { cwd: fx.dir, env })).code).toBe(
        0,
      );
      const nightly = (runId: number): Event => ({
        name: "schedule",
        sha: "main",
        ref: "refs/heads/main",
        runId,
      });

      const clean = await run("waform-drift.yml", nightly(1));
      expect(clean.jobs, transcript(clean)).toEqual({ drift: "success" });
      expect(step(clean, "Check for drift").outputs).toMatchObject({ exitcode: "0", "has-changes": "false" });
      expect(fx.github.issues).toEqual([]);

      await outOfBandEdit();
      const drifted = await run("waform-drift.yml", nightly(2));
      expect(drifted.jobs, transcript(drifted)).toEqual({ drift: "success" });
      expect(step(drifted, "Check for drift").outputs).toMatchObject({
        exitcode: "2",
        "has-changes": "true",
      });
      expect(fx.github.issues).toHaveLength(1);
      const issue = fx.github.issues[0]!;
      expect(issue).toMatchObject({ state: "open", labels: ["waform-drift"] });
      expect(issue.body).toContain("## waform drift report");
      expect(issue.body).toContain("`shop/new_arrivals/en_US` | changed");
      expect(drifted.summary).toContain("## waform drift report");

      await outOfBandEdit(SHOP, "summer_sale", "Hi {{1}}, {{2}} off, edited again!");
      await run("waform-drift.yml", nightly(3));
      expect(fx.github.issues).toHaveLength(1);
      expect(fx.github.issues[0]!.body).toContain("`shop/summer_sale/en_US` | changed");

      // Meta allows one edit a day, so the team keeps the console's wording: the declaration follows
      const kept = TEMPLATES.map((t) =>
        t.name === "new_arrivals"
          ? { ...t, body: "Hello {{1}}, edited in the console." }
          : t.name === "summer_sale"
            ? { ...t, body: "Hi {{1}}, {{2}} off, edited again!" }
            : t,
      );
      fx.write("templates.yaml", declaration([SHOP, CARE], kept));
      const fixed = await run("waform-drift.yml", nightly(4));
      expect(step(fixed, "Check for drift").outputs).toMatchObject({ exitcode: "0" });
      expect(fx.github.issues).toHaveLength(1);
      expect(fx.github.issues[0]!.state).toBe("closed");
      expect(fx.github.issues[0]!.comments).toEqual([expect.stringContaining("No drift any more")]);
    });
  });

  describe("waform-plan-sharded.yml (many apps)", () => {
    const apps = Array.from({ length: 12 }, (_, i) => appDoc(i));
    const templates = apps.map((a) => textTemplate(a.alias, `welcome_${a.alias}`));

    it("plans 8 shards, merges them into one comment and one plan equal to the unsharded plan, which applies", async ({
      fx,
    }) => {
      const { run, merge, stored } = flows(fx);
      fx.write("templates.yaml", declaration(apps, templates));
      const result = await run("waform-plan-sharded.yml", pullRequest(1, 21, "5555555dddd"));
      expect(result.jobs, transcript(result)).toEqual({
        validate: "success",
        plan: "success",
        merge: "success",
      });
      const shards = result.steps.filter((s) => s.name.startsWith("Plan shard"));
      expect(shards.map((s) => s.name)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => `Plan shard ${k}`));
      const sizes = shards.map((s) => Number(/shard \d+\/8: (\d+) of 12 apps/.exec(s.stderr)?.[1]));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(12);
      expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(2);

      expect(fx.github.commentsOn(21)).toHaveLength(1);
      expect(fx.github.commentsOn(21)[0]!.body).toContain("**Plan: 12 to create");
      const merged = fx.artifacts.get(1)!.get("waform-plan")!.get("plan.json")!.toString("utf8");

      const whole = await runShell("npx waform plan --format json", {
        cwd: fx.dir,
        env: { ...fx.env(), PATH: process.env["PATH"]!, ...fx.secrets },
      });
      const strip = (text: string) => ({ ...JSON.parse(text), created_at: 0 });
      expect(strip(merged)).toEqual(strip(whole.stdout));

      fx.github.runs.push({
        id: 1,
        workflow: "waform-plan.yml",
        event: "pull_request",
        headSha: "5555555dddd",
        status: "success",
      });
      const applied = await run("waform-apply.yml", merge(21, "5555555dddd", "4444444eeee"));
      expect(applied.jobs, transcript(applied)).toEqual({ apply: "success" });
      expect(stored()).toHaveLength(12);
    });

    it("refuses to apply the merged plan when one shard's apps changed since", async ({ fx }) => {
      const { run, merge, outOfBandEdit } = flows(fx);
      fx.write("templates.yaml", declaration(apps, templates));
      const env = { ...fx.env(), PATH: process.env["PATH"]!, ...fx.secrets };
      expect((await runShell("npx waform apply --auto-approve --no-verify", { cwd: fx.dir, env })).code).toBe(
        0,
      );
      fx.write(
        "templates.yaml",
        declaration(
          apps,
          templates.map((t) => ({ ...t, body: "Hi {{1}}, welcome back to the shop." })),
        ),
      );
      const result = await run("waform-plan-sharded.yml", pullRequest(1, 22, "3333333ffff"));
      expect(result.jobs["merge"], transcript(result)).toBe("success");
      expect(fx.github.commentsOn(22)[0]!.body).toContain("12 to update");

      await outOfBandEdit(apps[5]!, "welcome_app5", "Hello {{1}}, changed by someone else.");
      fx.github.runs.push({
        id: 1,
        workflow: "waform-plan.yml",
        event: "pull_request",
        headSha: "3333333ffff",
        status: "success",
      });
      const applied = await run("waform-apply.yml", merge(22, "3333333ffff", "2222222aaaa"));
      expect(applied.jobs).toEqual({ apply: "failure" });
      expect(step(applied, "Apply the reviewed plan").stderr).toMatch(/plan is stale/);
    });
  });
});
