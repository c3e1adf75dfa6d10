// A small GitHub Actions runner for the example workflows: jobs in `needs` order, matrices, `if:`
// conditions, step outputs ($GITHUB_OUTPUT), the job summary, and the actions the examples use
// (checkout and setup-node are no-ops here; github-script runs against FakeGithub; artifacts are
// kept per run). Shell steps really run, with `npx waform` being this repository's CLI. waform's
// own action (action.yml at the repository root, `uses: your-org/waform@v1`) runs as GitHub runs a
// composite action: its inputs, its steps (shell and `uses:`), its outputs; its `waform github`
// calls reach FakeGithub's REST API on loopback.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parse } from "yaml";
import { condition, type ExprContext, interpolate } from "./expressions.js";
import { type FakeGithub, fakeCore, requireIn } from "./fake-github.js";
import { cleanEnv, ROOT, runShell } from "./shell.js";

export const WORKFLOWS = join(ROOT, "examples", "ci", "github");
/** How the examples refer to waform's action; the runner runs the repository's action.yml for it. */
export const ACTION_REF = "your-org/waform@v1";

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

export interface CompositeAction {
  name: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: "composite"; steps: (Step & { shell?: string; "working-directory"?: string })[] };
}

export function loadAction(): CompositeAction {
  return parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as CompositeAction;
}

function isWaformAction(uses: string | undefined): boolean {
  return uses === ACTION_REF || uses === "./";
}

export interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

export interface Job {
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown[]> };
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

export function loadWorkflow(file: string): Workflow {
  return parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow;
}

/** Artifacts by run id, then by name: file name → content. */
export type ArtifactStore = Map<number, Map<string, Map<string, Buffer>>>;

export interface Event {
  name: "pull_request" | "push" | "schedule" | "workflow_dispatch";
  sha: string;
  ref: string;
  runId: number;
  payload?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

export interface RunOptions {
  dir: string;
  github: FakeGithub;
  event: Event;
  /** Environment of every shell step besides the workflow's own (the sandbox's URLs). */
  env: Record<string, string>;
  /** FakeGithub's REST API (GITHUB_API_URL of every step). */
  githubApiUrl: string;
  secrets: Record<string, string>;
  artifacts: ArtifactStore;
}

export interface StepRecord {
  job: string;
  name: string;
  outcome: "success" | "failure" | "skipped";
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

export interface WorkflowResult {
  jobs: Record<string, "success" | "failure" | "skipped">;
  steps: StepRecord[];
  summary: string;
}

function stepName(step: Step): string {
  return step.name ?? step.run?.split("\n")[0] ?? step.uses ?? "step";
}

function githubContext(o: RunOptions) {
  return {
    repository: `${o.github.owner}/${o.github.repo}`,
    sha: o.event.sha,
    ref: o.event.ref,
    event_name: o.event.name,
    token: o.github.token,
    run_id: o.event.runId,
    event: o.event.payload ?? {},
    server_url: "https://github.com",
  };
}

/** What the runner sets in every step's environment, as GitHub does. */
function runnerEnv(o: RunOptions, jobId: string): Record<string, string> {
  const eventPath = join(o.dir, `.github-event-${o.event.runId}.json`);
  writeFileSync(eventPath, JSON.stringify(o.event.payload ?? {}));
  const temp = join(o.dir, ".runner-temp");
  mkdirSync(temp, { recursive: true });
  return {
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: o.dir,
    GITHUB_API_URL: o.githubApiUrl,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_REPOSITORY: `${o.github.owner}/${o.github.repo}`,
    GITHUB_EVENT_NAME: o.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: String(o.event.runId),
    GITHUB_SHA: o.event.sha,
    GITHUB_REF: o.event.ref,
    GITHUB_JOB: jobId,
    RUNNER_TEMP: temp,
  };
}

let outputFiles = 0;

/** Runs a shell script as a step, with $GITHUB_OUTPUT; fills the record, returns whether it passed. */
async function shellStep(
  script: string,
  cwd: string,
  env: Record<string, string>,
  summaryFile: string,
  record: StepRecord,
): Promise<boolean> {
  const outputFile = join(env["RUNNER_TEMP"] ?? cwd, `.github-output-${process.pid}-${outputFiles++}`);
  writeFileSync(outputFile, "");
  const r = await runShell(script, {
    cwd,
    env: { ...cleanEnv(), ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
  });
  record.stdout += r.stdout;
  record.stderr += r.stderr;
  for (const line of readFileSync(outputFile, "utf8").split("\n")) {
    const m = /^([^=]+)=(.*)$/.exec(line);
    if (m) record.outputs[m[1]!] = m[2]!;
  }
  return r.code === 0;
}

async function githubScript(step: Step, env: Record<string, string>, o: RunOptions, record: StepRecord) {
  const { core, state } = fakeCore();
  const context = {
    repo: { owner: o.github.owner, repo: o.github.repo },
    issue: { number: (o.event.payload?.["pull_request"] as { number?: number } | undefined)?.number ?? 0 },
    runId: o.event.runId,
    serverUrl: "https://github.com",
    sha: o.event.sha,
    ref: o.event.ref,
    payload: o.event.payload ?? {},
  };
  const script = String(step.with?.["script"] ?? "");
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...a: unknown[]) => Promise<unknown>;
  const fn = new AsyncFunction("github", "context", "core", "require", "process", script);
  try {
    await fn(o.github.octokit(), context, core, requireIn(o.dir), { env });
  } catch (err) {
    state.failed = `script threw: ${err instanceof Error ? err.message : String(err)}`;
  }
  record.outputs = state.outputs;
  record.stdout = state.log.join("\n");
  record.stderr = state.failed ?? "";
  return state.failed === undefined;
}

function uploadArtifact(step: Step, o: RunOptions, record: StepRecord): boolean {
  const name = String(step.with?.["name"]);
  const path = String(step.with?.["path"]);
  const file = resolve(o.dir, path);
  if (!existsSync(file)) {
    record.stderr = `no file at ${path}`;
    return step.with?.["if-no-files-found"] !== "error";
  }
  const run = o.artifacts.get(o.event.runId) ?? new Map();
  if (run.has(name)) {
    record.stderr = `an artifact named ${name} already exists in this run`;
    return false;
  }
  run.set(name, new Map([[basename(path), readFileSync(file)]]));
  o.artifacts.set(o.event.runId, run);
  record.outputs = {
    "artifact-id": String(run.size),
    "artifact-url": `https://github.com/${o.github.owner}/${o.github.repo}/actions/runs/${o.event.runId}/artifacts/${run.size}`,
  };
  return true;
}

function downloadArtifact(step: Step, o: RunOptions, record: StepRecord): boolean {
  const runId = step.with?.["run-id"] ? Number(step.with["run-id"]) : o.event.runId;
  const run = o.artifacts.get(runId);
  const dest = join(o.dir, String(step.with?.["path"] ?? "."));
  mkdirSync(dest, { recursive: true });
  const pattern = step.with?.["pattern"] ? String(step.with["pattern"]) : undefined;
  const names = pattern
    ? [...(run?.keys() ?? [])].filter((n) => new RegExp(`^${pattern.replace(/\*/g, ".*")}$`).test(n))
    : [String(step.with?.["name"])];
  if (!pattern && !run?.has(names[0]!)) {
    record.stderr = `no artifact ${names[0]} in run ${runId}`;
    return false;
  }
  for (const name of names) {
    const target = pattern && step.with?.["merge-multiple"] !== true ? join(dest, name) : dest;
    mkdirSync(target, { recursive: true });
    for (const [file, content] of run?.get(name) ?? []) writeFileSync(join(target, file), content);
  }
  return true;
}

async function runJob(
  jobId: string,
  job: Job,
  o: RunOptions,
  extra: Record<string, unknown>,
  records: StepRecord[],
  summaryFile: string,
): Promise<"success" | "failure"> {
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const status = { failed: false, cancelled: false };
  const ctx: ExprContext = {
    contexts: { github: githubContext(o), secrets: o.secrets, inputs: o.event.inputs ?? {}, steps, ...extra },
    status,
  };
  for (const step of job.steps) {
    const record: StepRecord = {
      job: jobId,
      name: "",
      outcome: "skipped",
      stdout: "",
      stderr: "",
      outputs: {},
    };
    record.name = interpolate(stepName(step), ctx);
    records.push(record);
    if (!condition(step.if, ctx)) continue;
    const env: Record<string, string> = {
      ...o.env,
      ...Object.fromEntries(
        Object.entries({ ...job.env, ...step.env }).map(([k, v]) => [k, interpolate(String(v), ctx)]),
      ),
    };
    let ok = true;
    if (step.run !== undefined) {
      ok = await shellStep(
        interpolate(step.run, ctx),
        o.dir,
        { ...runnerEnv(o, jobId), ...env },
        summaryFile,
        record,
      );
    } else if (isWaformAction(step.uses)) {
      ok = await compositeStep(step, ctx, { ...runnerEnv(o, jobId), ...env }, o, record, summaryFile);
    } else {
      ok = await usesStep(step, ctx, env, o, record);
    }
    record.outcome = ok ? "success" : "failure";
    if (step.id)
      steps[step.id] = { outputs: record.outputs, outcome: record.outcome, conclusion: record.outcome };
    if (!ok) status.failed = true;
  }
  return status.failed ? "failure" : "success";
}

/** A `uses:` step of one of the actions the examples use (not waform's own). */
async function usesStep(
  step: Step,
  ctx: ExprContext,
  env: Record<string, string>,
  o: RunOptions,
  record: StepRecord,
): Promise<boolean> {
  const action = step.uses?.split("@")[0];
  const resolved = { ...step, with: interpolateWith(step.with, ctx) };
  if (action === "actions/github-script") return githubScript(resolved, env, o, record);
  if (action === "actions/upload-artifact") return uploadArtifact(resolved, o, record);
  if (action === "actions/download-artifact") return downloadArtifact(resolved, o, record);
  if (action === "actions/checkout" || action === "actions/setup-node") return true;
  throw new Error(`the test runner does not know ${step.uses}`);
}

/**
 * waform's action.yml as GitHub runs a composite action: inputs from `with:` over the defaults,
 * each step in its own context (`inputs`, the action's own `steps`), then the outputs.
 */
async function compositeStep(
  step: Step,
  outer: ExprContext,
  env: Record<string, string>,
  o: RunOptions,
  record: StepRecord,
  summaryFile: string,
): Promise<boolean> {
  const action = loadAction();
  const given = interpolateWith(step.with, outer);
  for (const name of Object.keys(given))
    if (!(name in action.inputs)) throw new Error(`action.yml has no input '${name}'`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    const value = given[name] ?? (input.default === undefined ? "" : interpolate(input.default, outer));
    if (input.required && value === "") throw new Error(`action.yml: input '${name}' is required`);
    inputs[name] = String(value);
  }
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const status = { failed: false, cancelled: false };
  const ctx: ExprContext = { contexts: { ...outer.contexts, inputs, steps }, status };
  for (const s of action.runs.steps) {
    const inner: StepRecord = { ...record, name: s.name ?? "", stdout: "", stderr: "", outputs: {} };
    if (!condition(s.if, ctx)) continue;
    const stepEnv = {
      ...env,
      GITHUB_ACTION_PATH: ROOT,
      ...Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)])),
    };
    let ok: boolean;
    if (s.run !== undefined) {
      if (s.shell !== "bash") throw new Error(`action.yml: step '${s.name}' must say shell: bash`);
      const dir = resolve(o.dir, interpolate(s["working-directory"] ?? ".", ctx));
      ok = await shellStep(interpolate(s.run, ctx), dir, stepEnv, summaryFile, inner);
    } else {
      ok = await usesStep(s, ctx, stepEnv, o, inner);
    }
    record.stdout += `## ${inner.name}\n${inner.stdout}`;
    record.stderr += inner.stderr;
    if (s.id) steps[s.id] = { outputs: inner.outputs, outcome: ok ? "success" : "failure", conclusion: "" };
    if (!ok) status.failed = true;
  }
  for (const [name, output] of Object.entries(action.outputs))
    record.outputs[name] = interpolate(output.value, ctx);
  return !status.failed;
}

function interpolateWith(w: Record<string, unknown> | undefined, ctx: ExprContext): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(w ?? {}).map(([k, v]) => [k, typeof v === "string" ? interpolate(v, ctx) : v]),
  );
}

/** Runs every job of a workflow for one event, in `needs` order; matrix jobs one after another. */
export async function runWorkflow(file: string, o: RunOptions): Promise<WorkflowResult> {
  const wf = loadWorkflow(file);
  const result: WorkflowResult = { jobs: {}, steps: [], summary: "" };
  const summaryFile = join(o.dir, `.github-step-summary-${o.event.runId}`);
  writeFileSync(summaryFile, "");
  const pending = Object.keys(wf.jobs);
  while (pending.length > 0) {
    const ready = pending.find((id) => {
      const needs = [wf.jobs[id]!.needs ?? []].flat();
      return needs.every((n) => result.jobs[n] !== undefined);
    });
    if (!ready) throw new Error(`jobs wait on each other: ${pending.join(", ")}`);
    pending.splice(pending.indexOf(ready), 1);
    const job = wf.jobs[ready]!;
    const needs = Object.fromEntries([job.needs ?? []].flat().map((n) => [n, { result: result.jobs[n] }]));
    const needsOk = Object.values(needs).every((n) => n.result === "success");
    const ctx: ExprContext = {
      contexts: { github: githubContext(o), secrets: o.secrets, inputs: o.event.inputs ?? {}, needs },
      status: { failed: !needsOk, cancelled: false },
    };
    if (!condition(job.if, ctx)) {
      result.jobs[ready] = "skipped";
      continue;
    }
    const matrix = job.strategy?.matrix ?? {};
    const [key, values] = Object.entries(matrix)[0] ?? [undefined, [undefined]];
    // matrix jobs run at once, as on GitHub; their steps are listed in matrix order
    const list = values as unknown[];
    const records = list.map((): StepRecord[] => []);
    const outcomes = await Promise.all(
      list.map((value, index) => {
        const extra = {
          needs,
          matrix: key ? { [key]: value } : {},
          strategy: { "job-index": index, "job-total": list.length },
          matrixKey: index,
        };
        return runJob(ready, job, o, extra, records[index]!, summaryFile);
      }),
    );
    result.steps.push(...records.flat());
    result.jobs[ready] = outcomes.includes("failure") ? "failure" : "success";
  }
  result.summary = readFileSync(summaryFile, "utf8");
  return result;
}

/** The steps of a workflow result with a given name (for assertions). */
export function step(result: WorkflowResult, name: string | RegExp): StepRecord {
  const found = result.steps.filter((s) => (typeof name === "string" ? s.name === name : name.test(s.name)));
  if (found.length !== 1)
    throw new Error(
      `expected one step '${name}', found ${found.length}: ${result.steps.map((s) => s.name).join(", ")}`,
    );
  return found[0]!;
}

export function transcript(result: WorkflowResult): string {
  return result.steps
    .map(
      (s) => `## ${s.job} / ${s.name}: ${s.outcome}\n${s.stdout}${s.stderr ? `\n[stderr]\n${s.stderr}` : ""}`,
    )
    .join("\n");
}
