// `waform github comment` and `waform github issue`, the real CLI against a fake GitHub REST API on
// loopback that records every request: the first run creates the comment, the next updates that
// same one (found on any page of the list), a refused permission is one clear line naming it, the
// token is never printed, and nothing but the expected calls is made.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGithub } from "./runner/fake-github.js";
import { type GithubApi, serveGithubApi } from "./runner/fake-github-api.js";
import { cleanEnv, runShell } from "./runner/shell.js";

let gh: FakeGithub;
let api: GithubApi;
let dir: string;
const REPO = "/repos/acme/templates";
const MARKER = "<!-- waform:plan -->";

beforeEach(async () => {
  gh = new FakeGithub();
  api = await serveGithubApi(gh);
  dir = mkdtempSync(join(tmpdir(), "waform-github-"));
  writeFileSync(
    join(dir, "event.json"),
    JSON.stringify({ pull_request: { number: 7, head: { sha: "abcdef1234567" } } }),
  );
});

afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

function waform(args: string, env: Record<string, string> = {}) {
  return runShell(`npx waform ${args}`, {
    cwd: dir,
    env: {
      ...cleanEnv(),
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: "acme/templates",
      GITHUB_EVENT_PATH: join(dir, "event.json"),
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_RUN_ID: "4242",
      GITHUB_TOKEN: gh.token,
      ...env,
    },
  });
}

const calls = () => api.requests.map((r) => `${r.method} ${r.path}`);

describe("waform github comment", () => {
  it("creates the comment once, then updates that same one; nothing else is called", async () => {
    writeFileSync(join(dir, "plan.md"), `${MARKER}\n### waform plan\n\n**Plan: 1 to create.**\n`);
    const first = await waform(
      "github comment --body-file plan.md --footer 'Preview: the waform-preview artifact'",
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^Commented on #7 \(comment \d+\)\.\n$/);
    const [comment, ...others] = gh.commentsOn(7);
    expect(others).toEqual([]);
    expect(comment!.body).toBe(
      `${MARKER}\n### waform plan\n\n**Plan: 1 to create.**\n\nPreview: the waform-preview artifact\n\n<sub>waform on \`abcdef1\` · [run log](https://github.com/acme/templates/actions/runs/4242)</sub>\n`,
    );

    writeFileSync(join(dir, "plan.md"), `${MARKER}\n### waform plan\n\n**Plan: 2 to create.**\n`);
    const second = await waform("github comment --body-file plan.md");
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe(`Updated the comment on #7 (comment ${comment!.id}).\n`);
    expect(gh.commentsOn(7)).toHaveLength(1);
    expect(gh.commentsOn(7)[0]!.body).toContain("Plan: 2 to create.");

    expect(calls()).toEqual([
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `POST ${REPO}/issues/7/comments`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `PATCH ${REPO}/issues/comments/${comment!.id}`,
    ]);
    expect(api.requests.every((r) => r.authorization === `Bearer ${gh.token}`)).toBe(true);
  });

  it("finds its comment on a later page of the list, among other people's comments", async () => {
    gh.pageSize = 2;
    for (const body of ["LGTM", "why the new template?", "<!-- other-bot -->\nstuff", "ok"])
      gh.addComment(7, body, "someone");
    const mine = gh.addComment(7, `${MARKER}\nold plan`);
    const r = await waform("github comment --body 'new plan'");
    expect(r.code, r.stderr).toBe(0);
    expect(gh.commentsOn(7).map((c) => c.body.split("\n")[0])).toEqual([
      "LGTM",
      "why the new template?",
      "<!-- other-bot -->",
      "ok",
      MARKER,
    ]);
    expect(gh.commentsOn(7)[4]!.body).toMatch(/^<!-- waform:plan -->\nnew plan\n/);
    expect(calls()).toEqual([
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `GET ${REPO}/issues/7/comments?per_page=100&page=2`,
      `GET ${REPO}/issues/7/comments?per_page=100&page=3`,
      `PATCH ${REPO}/issues/comments/${mine.id}`,
    ]);
  });

  it("never takes over a marked comment someone else wrote: it comments anew and leaves theirs", async () => {
    // a pull-request author's fake plan, posted before waform's first run
    const fake = gh.addComment(7, `${MARKER}\n### waform plan\n\nNo changes.`, "mallory");
    const first = await waform("github comment --body 'Plan: 1 to delete.'");
    expect(first.code, first.stderr).toBe(0);
    const second = await waform("github comment --body 'Plan: 2 to delete.'");
    expect(second.code, second.stderr).toBe(0);
    const [theirs, ours, ...others] = gh.commentsOn(7);
    expect(others).toEqual([]);
    expect(theirs).toEqual(fake);
    expect(theirs!.body).toBe(`${MARKER}\n### waform plan\n\nNo changes.`);
    expect(ours!.user.login).toBe("github-actions[bot]");
    expect(ours!.body).toMatch(/^<!-- waform:plan -->\nPlan: 2 to delete\.\n/);
    // the workflow's token cannot say whose it is (403): no user's comment is taken for its own
    expect(calls()).toEqual([
      `GET ${REPO}/issues/7/comments?per_page=100`,
      "GET /user",
      `POST ${REPO}/issues/7/comments`,
      `GET ${REPO}/issues/7/comments?per_page=100`,
      `PATCH ${REPO}/issues/comments/${ours!.id}`,
    ]);
  });

  it("with a user's token, updates that user's own marked comment, not another user's", async () => {
    gh.viewer = "ana";
    gh.addComment(7, `${MARKER}\nmallory's plan`, "mallory");
    const anas = gh.addComment(7, `${MARKER}\nold plan`, "ana");
    const r = await waform("github comment --body 'new plan'");
    expect(r.code, r.stderr).toBe(0);
    expect(gh.commentsOn(7).map((c) => `${c.user.login}: ${c.body.split("\n")[1]}`)).toEqual([
      "mallory: mallory's plan",
      "ana: new plan",
    ]);
    expect(calls()).toEqual([
      `GET ${REPO}/issues/7/comments?per_page=100`,
      "GET /user",
      `PATCH ${REPO}/issues/comments/${anas.id}`,
    ]);
  });

  it("names the missing permission when GitHub refuses, and never prints the token", async () => {
    gh.denied.add("pull-requests");
    const r = await waform("github comment --body plan");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "Error: GitHub refused to list the comments of #7 (HTTP 403: Resource not accessible by integration)\n" +
        "  hint: the token needs `pull-requests: write` on acme/templates: add `permissions: { pull-requests: write }` to the workflow (pull requests from forks only get a read-only token)\n",
    );
    expect(r.stdout + r.stderr).not.toContain(gh.token);
    expect(calls()).toEqual([`GET ${REPO}/issues/7/comments?per_page=100`]);
    expect(gh.commentsOn(7)).toEqual([]);
  });

  it("says a refused token is not valid, without showing it", async () => {
    const r = await waform("github comment --body plan", { GITHUB_TOKEN: "ghs_wrong_token_0123456789" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: GitHub refused to list the comments of #7 \(HTTP 401: Bad credentials\)\n/,
    );
    expect(r.stderr).not.toContain("ghs_wrong_token_0123456789");
  });

  it("refuses to run without a token, a pull request, or over plain http to another host", async () => {
    const noToken = await waform("github comment --body x", { GITHUB_TOKEN: "" });
    expect(noToken.stderr).toMatch(/^Error: no GitHub token: GITHUB_TOKEN is not set/);
    writeFileSync(join(dir, "push.json"), JSON.stringify({ ref: "refs/heads/main" }));
    const noPr = await waform("github comment --body x", { GITHUB_EVENT_PATH: join(dir, "push.json") });
    expect(noPr.stderr).toMatch(/^Error: no pull request: the GitHub event \(GITHUB_EVENT_PATH\) has none/);
    const plain = await waform("github comment --body x", { GITHUB_API_URL: "http://github.example.com" });
    expect(plain.stderr).toMatch(/^Error: GITHUB_API_URL must be https/);
    const noFile = await waform("github comment --body-file plan.md");
    expect(noFile.stderr).toBe("Error: cannot read --body-file plan.md: no such file or directory\n");
    expect(api.requests).toEqual([]);
  });
});

describe("waform github issue", () => {
  it("opens one labelled issue (creating the label), updates it, then closes it with a comment", async () => {
    writeFileSync(join(dir, "drift.md"), "## waform drift report\n\n1 changed\n");
    const opened = await waform("github issue --body-file drift.md");
    expect(opened.code, opened.stderr).toBe(0);
    expect(gh.labels.has("waform-drift")).toBe(true);
    expect(gh.issues).toHaveLength(1);
    const issue = gh.issues[0]!;
    expect(issue).toMatchObject({
      title: "waform: templates drifted from templates.yaml",
      state: "open",
      labels: ["waform-drift"],
    });
    expect(issue.body).toMatch(/^## waform drift report\n\n1 changed\n\n<sub>waform on `abcdef1`/);
    expect(opened.stderr).toBe(`Opened #${issue.number}.\n`);

    writeFileSync(join(dir, "drift.md"), "## waform drift report\n\n2 changed\n");
    expect((await waform("github issue --body-file drift.md")).stderr).toBe(`Updated #${issue.number}.\n`);
    expect(gh.issues).toHaveLength(1);
    expect(issue.body).toContain("2 changed");

    const closed = await waform("github issue --close 'No drift any more.'");
    expect(closed.stderr).toBe(`Closed #${issue.number}.\n`);
    expect(issue.state).toBe("closed");
    expect(issue.comments).toEqual([expect.stringMatching(/^No drift any more\./)]);
    expect((await waform("github issue --close 'No drift any more.'")).stderr).toBe(
      "No open issue labelled waform-drift.\n",
    );

    expect(calls()).toEqual([
      `GET ${REPO}/issues?labels=waform-drift&state=open&per_page=100`,
      `GET ${REPO}/labels?per_page=100`,
      `POST ${REPO}/labels`,
      `POST ${REPO}/issues`,
      `GET ${REPO}/issues?labels=waform-drift&state=open&per_page=100`,
      `PATCH ${REPO}/issues/${issue.number}`,
      `GET ${REPO}/issues?labels=waform-drift&state=open&per_page=100`,
      `POST ${REPO}/issues/${issue.number}/comments`,
      `PATCH ${REPO}/issues/${issue.number}`,
      `GET ${REPO}/issues?labels=waform-drift&state=open&per_page=100`,
    ]);
  });

  it("names `issues: write` when GitHub refuses", async () => {
    gh.denied.add("issues");
    const r = await waform("github issue --body drift");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hint: the token needs `issues: write` on acme\/templates/);
    expect(gh.issues).toEqual([]);
  });
});
