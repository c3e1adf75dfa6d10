// The example pipelines in examples/ci/ and the GitHub Action (action.yml) parse, call only waform
// commands and flags that exist (as the real commander program declares them, not a list kept
// here), including the command lines the action builds from each example's inputs, and are wired
// together: the comment marker is the one waform renders, the artifact apply downloads is the one
// plan uploads, and secrets reach only the steps that call the Partner API.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildProgram } from "../../src/cli/program.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { samplePlan } from "../render/sample-plan.js";
import {
  ACTION_FILE,
  ACTION_REF,
  actionCommandLines,
  actionInvocations,
  commandPath,
  EXAMPLES,
  invocations,
  pipelineFiles,
  problems,
  scriptsOf,
  shellWords,
} from "./commands.js";
import { loadAction, loadWorkflow, type Workflow } from "./runner/github.js";

const program = buildProgram();
const files = pipelineFiles();
const github = files.filter((f) => f.startsWith("github/")).map((f) => f.slice("github/".length));

describe("the example pipelines", () => {
  it("are the GitHub plan, apply, drift and sharded-plan workflows and a GitLab pipeline", () => {
    expect(files).toEqual([
      "github/waform-apply.yml",
      "github/waform-drift.yml",
      "github/waform-plan-sharded.yml",
      "github/waform-plan.yml",
      "gitlab/.gitlab-ci.yml",
    ]);
  });

  it.each(files)("%s parses as YAML", (file) => {
    const doc = parse(readFileSync(join(EXAMPLES, file), "utf8"), { strict: true, uniqueKeys: true });
    expect(doc).toBeTypeOf("object");
  });

  it.each(files)("%s calls only waform commands and flags that exist", (file) => {
    const calls = invocations(file);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(problems(program, call.argv), call.line).toEqual([]);
  });

  it("together use validate, plan, plan merge, preview, github comment, apply (saved and re-planned) and drift", () => {
    const used = new Set(files.flatMap(invocations).map((c) => commandPath(program, c.argv)));
    expect([...used].sort()).toEqual([
      "apply",
      "drift",
      "github comment",
      "plan",
      "plan merge",
      "preview",
      "validate",
    ]);
    const applies = files.flatMap(invocations).filter((c) => commandPath(program, c.argv) === "apply");
    expect(applies.some((c) => c.argv.includes("plan.json"))).toBe(true);
    expect(applies.some((c) => !c.argv.includes("plan.json"))).toBe(true);
  });

  it("never call waform through anything but npx (what the tests run)", () => {
    const scripts = files.flatMap((f) => scriptsOf(parse(readFileSync(join(EXAMPLES, f), "utf8"))));
    const bare = scripts
      .flatMap((s) => s.split("\n"))
      .filter((l) => /(^|[\s;&|(])waform\s/.test(l) && !/npx waform/.test(l) && !/^\s*#/.test(l));
    expect(bare).toEqual([]);
  });
});

describe("the GitHub Action (action.yml)", () => {
  const action = loadAction();
  const github = files.filter((f) => f.startsWith("github/"));
  const actionSteps = github.flatMap((f) =>
    Object.values(loadWorkflow(f.slice("github/".length)).jobs)
      .flatMap((j) => j.steps)
      .filter((s) => s.uses === ACTION_REF),
  );

  it("is a composite action with the inputs and outputs docs/ci.md describes", () => {
    expect(parse(readFileSync(ACTION_FILE, "utf8"), { strict: true, uniqueKeys: true })).toBeTypeOf("object");
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual([
      "command",
      "files",
      "args",
      "working-directory",
      "comment",
      "github-token",
      "version",
    ]);
    expect(Object.keys(action.outputs)).toEqual([
      "exitcode",
      "has-changes",
      "plan-file",
      "markdown-file",
      "preview-file",
    ]);
  });

  it("calls only waform commands and flags that exist, for each of its four commands", () => {
    const lines = actionCommandLines().filter((l) => l.argv.length > 0);
    expect(lines.filter((l) => l.command).map((l) => l.command)).toEqual([
      "validate",
      "plan",
      "apply",
      "drift",
    ]);
    for (const l of lines) expect(problems(program, l.argv), l.line).toEqual([]);
    const used = new Set(lines.map((l) => commandPath(program, l.argv)));
    expect([...used].sort()).toEqual([
      "apply",
      "drift",
      "github comment",
      "github issue",
      "plan",
      "preview",
      "validate",
    ]);
  });

  it("never pastes an input into a script: inputs reach the scripts through env", () => {
    for (const step of action.runs.steps) expect(step.run ?? "", step.name).not.toMatch(/\$\{\{\s*inputs\./);
  });

  it("is used by every GitHub example with inputs it has, and their command lines exist", () => {
    expect(github.every((f) => actionInvocations(f).length > 0)).toBe(true);
    for (const step of actionSteps) {
      for (const name of Object.keys(step.with ?? {})) expect(action.inputs, name).toHaveProperty(name);
      expect(["validate", "plan", "apply", "drift"]).toContain(step.with?.["command"]);
    }
    for (const call of github.flatMap(actionInvocations))
      expect(problems(program, call.argv), call.line).toEqual([]);
  });

  it("finds its comment by the marker waform's Markdown plan starts with", () => {
    const marker = renderPlanMarkdown(samplePlan()).split("\n")[0]!;
    expect(action.runs.steps.map((s) => s.run ?? "").join("\n")).toContain(`marker="${marker}"`);
    const comment = program.commands
      .find((c) => c.name() === "github")!
      .commands.find((c) => c.name() === "comment")!;
    expect(comment.options.find((o) => o.long === "--marker")?.defaultValue).toBe(marker);
  });
});

describe("the checker", () => {
  // it must be able to fail, or the tests above prove nothing
  it.each([
    ["plna", /no waform command/],
    ["plan --formt json", /unknown option --formt/],
    ["apply plan.json --auto-aprove", /unknown option --auto-aprove/],
    ["plan --out", /--out needs a value/],
    ["validate --format yaml", /'yaml' is not one of text, json/],
    ["drift extra", /too many arguments/],
    ["plan merge", /needs 1 argument/],
  ])("finds what is wrong with `waform %s`", (line, expected) => {
    expect(problems(program, shellWords(line)).join("\n")).toMatch(expected);
  });

  it("reads the words of a command up to a redirection, with expressions and quotes kept whole", () => {
    expect(
      shellWords(
        `plan --shard \${{ matrix.shard }}/\${{ strategy.job-total }} --out "my plan.json" > plan.md || code=$?`,
      ),
    ).toEqual([
      "plan",
      "--shard",
      `\${{ matrix.shard }}/\${{ strategy.job-total }}`,
      "--out",
      "my plan.json",
    ]);
  });
});

describe("GitHub Actions wiring", () => {
  const wf = (f: string): Workflow => loadWorkflow(f);
  const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
  const scriptOf = (w: Workflow) =>
    steps(w)
      .filter((s) => s.uses?.startsWith("actions/github-script"))
      .map((s) => String(s.with?.["script"]))
      .join("\n");

  it("trigger on pull requests (plan), pushes to main (apply) and a nightly schedule (drift)", () => {
    expect(Object.keys(wf("waform-plan.yml").on)).toEqual(["pull_request"]);
    expect(Object.keys(wf("waform-plan-sharded.yml").on)).toEqual(["pull_request"]);
    expect(wf("waform-apply.yml").on["push"]).toMatchObject({ branches: ["main"] });
    expect(wf("waform-drift.yml").on["schedule"]).toEqual([
      { cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) },
    ]);
  });

  it("find the plan comment by the marker waform's Markdown starts with", () => {
    const marker = renderPlanMarkdown(samplePlan()).split("\n")[0];
    expect(marker).toBe("<!-- waform:plan -->");
    // the sharded plan's own failure comment starts with it too (waform github comment finds it by it)
    expect(
      steps(wf("waform-plan-sharded.yml"))
        .map((s) => s.run ?? "")
        .join("\n"),
    ).toContain(`npx waform github comment --body "$(printf '${marker}\\n`);
    expect(readFileSync(join(EXAMPLES, "gitlab", "waform-gitlab.mjs"), "utf8")).toContain(
      `const MARKER = "${marker}"`,
    );
  });

  it("apply downloads the artifact that plan uploads", () => {
    const uploaded = (f: string) =>
      steps(wf(f))
        .filter((s) => s.uses?.startsWith("actions/upload-artifact"))
        .map((s) => s.with?.["name"]);
    const downloaded = steps(wf("waform-apply.yml")).find((s) =>
      s.uses?.startsWith("actions/download-artifact"),
    );
    expect(uploaded("waform-plan.yml")).toContain(downloaded?.with?.["name"]);
    expect(uploaded("waform-plan-sharded.yml")).toContain(downloaded?.with?.["name"]);
    expect(scriptOf(wf("waform-apply.yml"))).toContain("workflow_id: process.env.PLAN_WORKFLOW");
    expect(steps(wf("waform-apply.yml")).find((s) => s.id === "reviewed")?.env?.["PLAN_WORKFLOW"]).toBe(
      "waform-plan.yml",
    );
  });

  it.each(github)("%s gives the partner token only to the steps that call waform against the API", (f) => {
    const w = wf(f);
    for (const job of Object.values(w.jobs))
      expect(job.env ?? {}).not.toHaveProperty("GUPSHUP_PARTNER_TOKEN");
    const remote = (s: (typeof w.jobs)[string]["steps"][number]) =>
      s.uses === ACTION_REF
        ? ["plan", "apply", "drift"].includes(String(s.with?.["command"]))
        : /npx waform (plan --|apply|drift)/.test(s.run ?? "");
    for (const s of steps(w)) {
      const token = s.env?.["GUPSHUP_PARTNER_TOKEN"];
      if (token !== undefined) expect(token).toBe(`\${{ secrets.GUPSHUP_PARTNER_TOKEN }}`);
      expect(token !== undefined, s.name ?? s.run ?? s.uses).toBe(remote(s));
    }
    expect(readFileSync(join(EXAMPLES, "github", f), "utf8")).not.toMatch(
      /secrets\.(?!GUPSHUP_PARTNER_TOKEN\b)/,
    );
  });

  it.each(github)("%s asks for the least permissions it needs", (f) => {
    const need: Record<string, Record<string, string>> = {
      "waform-plan.yml": { contents: "read", "pull-requests": "write" },
      "waform-plan-sharded.yml": { contents: "read", "pull-requests": "write" },
      "waform-apply.yml": { contents: "read", actions: "read", "pull-requests": "read" },
      "waform-drift.yml": { contents: "read", issues: "write" },
    };
    expect(wf(f).permissions).toEqual(need[f]);
  });

  it("the GitLab pipeline's helper script is where the pipeline says to copy it", () => {
    const text = readFileSync(join(EXAMPLES, "gitlab", ".gitlab-ci.yml"), "utf8");
    expect(text).toContain("waform-gitlab.mjs to ci/waform-gitlab.mjs");
    expect(
      text
        .match(/node ci\/waform-gitlab\.mjs (\S+)/g)
        ?.map((m) => m.split(" ")[2])
        .sort(),
    ).toEqual(["drift-issue", "fetch-plan", "mr-note"]);
    expect(existsSync(join(EXAMPLES, "gitlab", "waform-gitlab.mjs"))).toBe(true);
  });
});
