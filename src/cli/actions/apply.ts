// `waform apply`: load the plan (made now, or saved and checked against a plan made now), confirm it,
// execute it, verify what changed, report. One run (cli/session.ts): every request of the five
// steps spends from the same budget; Ctrl-C stops starting work and lets requests in flight
// finish, a second one stops everything; --timeout stops everything and still reports.

import { type ApplyResult, refusedByQuota } from "../../apply/types.js";
import type { AppConfig } from "../../model/app.js";
import { UserError } from "../../model/errors.js";
import { plural } from "../../model/plural.js";
import { type DesiredTemplate, templateKey } from "../../model/template.js";
import { hasChanges } from "../../plan/summary.js";
import type { Plan } from "../../plan/types.js";
import { systemClock } from "../../platform/clock.js";
import { DEFAULT_PARALLELISM } from "../../providers/budget/index.js";
import type { ProviderPort } from "../../providers/port.js";
import type { VerifyReport } from "../../verify/report.js";
import type { ConfigOptions, SandboxOptions } from "../context.js";
import { parseFormat } from "../context.js";
import { EXIT } from "../errors.js";
import { colorEnabled, writeErr, writeOut } from "../output.js";
import { checkJunitTarget } from "../output-file.js";
import { computePlan, loadSavedPlan, renderPlanAs } from "../planning.js";
import { linesProgress, listrProgress, type Progress, progressMode, waitsProgress } from "../progress.js";
import { confirm } from "../prompt.js";
import type { Run } from "../session.js";
import { checkTestChannels, parseChannel, parseWaitTimeout, type VerifyCliOptions } from "../verification.js";

type ApplyCliOptions = ConfigOptions &
  SandboxOptions &
  VerifyCliOptions & { autoApprove?: boolean; parallelism?: string; format?: string; verify?: boolean };

type Format = "text" | "json";

function parseParallelism(value: string | undefined): number {
  const n = Number(value ?? DEFAULT_PARALLELISM);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new UserError(`--parallelism: '${value}' is not a whole number from 1 to 256`);
  }
  return n;
}

export async function runApply(planFile: string | undefined, opts: ApplyCliOptions): Promise<void> {
  const format = parseFormat(opts.format, ["text", "json"] as const, "text");
  const parallelism = parseParallelism(opts.parallelism);
  // verification flags are checked before anything is written, not after the writes
  parseChannel(opts.channel);
  await parseWaitTimeout(opts.waitTimeout);
  // `--junit -` takes stdout: the reports then go to stderr
  const say = (await checkJunitTarget(opts.junit, format)) ? writeErr : writeOut;
  if (planFile && (opts.app?.length || opts.target?.length || opts.shard)) {
    throw new UserError(
      "a saved plan already fixes its scope",
      "drop --app/--target/--shard (-f names the declaration the plan is checked against), or plan again",
    );
  }
  const { withRun } = await import("../session.js");
  await withRun({ sandbox: opts.sandbox === true, parallelism, softInterrupt: true }, async (run) => {
    const plan = await loadPlan(planFile, run.provider, opts);
    if (format === "text") say(await renderPlanAs(plan, "text"));
    if (!planFile) await confirmPlan(plan, opts);
    // interrupted while planning (or reading the saved plan): stop before the first write
    if (run.interrupt.aborted) throw new UserError("interrupted; nothing was changed");
    // a test-send channel that cannot work is found before the writes, not after the approval wait
    if (opts.verify !== false) await checkTestChannels(sendingChanges(plan), run.env, opts, NOT_CONFIGURED);
    const result = await execute(plan, run, format);
    const verified = await verifyChanged(plan, result, run, opts, format);
    // apply's own changes are in the JUnit report too, so it is written even with nothing verified
    if (opts.junit)
      await (await import("../verification.js")).writeJunit(opts.junit, verified.report, result);
    await report(format, result, verified.report, say);
    process.exitCode = verified.stopped ? EXIT.error : await exitCode(result, verified.report);
    if (result.stopped === "interrupted") {
      writeErr("Apply was interrupted. Run it again to finish: it converges from wherever it stopped.\n");
    }
    // the report above says what was done; the error says why the rest was not
    if (run.stop.aborted) throw run.stop.reason;
  });
}

const NOT_CONFIGURED = "nothing was changed; or pass --no-verify to apply without test sends";

/** The templates apply may test-send afterwards: those it creates, updates or replaces. */
function sendingChanges(plan: Plan): { app: AppConfig; template: DesiredTemplate }[] {
  const apps = new Map(plan.apps.map((a) => [a.alias, a]));
  return plan.changes.flatMap((c) =>
    c.desired && ["create", "update", "replace"].includes(c.action) && apps.has(c.key.app)
      ? [{ app: apps.get(c.key.app)!, template: c.desired }]
      : [],
  );
}

/**
 * Step 1: the plan to apply. A plan made now from the declaration (`-f`) and the remote; or a
 * saved plan, applied only if it equals the plan made now (same endpoint, declaration, remote and
 * changes), else refused with what differs, before any write.
 */
async function loadPlan(
  planFile: string | undefined,
  provider: ProviderPort,
  opts: ApplyCliOptions,
): Promise<Plan> {
  if (!planFile) return computePlan(provider, opts, Date.now());
  return loadSavedPlan(planFile, provider, opts, Date.now());
}

/** Step 2: a plan made now is applied only with --auto-approve or a typed "yes". */
async function confirmPlan(plan: Plan, opts: ApplyCliOptions): Promise<void> {
  if (!hasChanges(plan) || opts.autoApprove) return;
  if (!process.stdin.isTTY) {
    throw new UserError("refusing to apply without confirmation: not a terminal", "pass --auto-approve");
  }
  if (!(await confirm("Apply these changes? Only 'yes' is accepted: "))) {
    throw new UserError("apply cancelled; nothing was changed");
  }
}

/** Step 3: the writes, with progress on the terminal (or one line per event, or nothing for JSON). */
async function execute(plan: Plan, run: Run, format: Format): Promise<ApplyResult> {
  const { applyPlan } = await import("../../apply/apply.js");
  const work = plan.changes.filter((c) => c.action !== "noop" && c.action !== "blocked");
  const mode = progressMode(format);
  const progress: Progress =
    mode === "silent" || work.length === 0
      ? waitsProgress
      : mode === "tty"
        ? await listrProgress(work)
        : linesProgress();
  try {
    return await applyPlan(plan, {
      provider: run.provider,
      clock: systemClock,
      emit: progress.emit,
      signal: run.interrupt,
      deadline: run.deadline,
    });
  } finally {
    await progress.stop();
  }
}

/**
 * Step 4: wait for approval of what was created or changed, and test-send it (not with
 * --no-verify, nor after a stop). The verify modules load only here. `stopped`: the wait was cut
 * short (Ctrl-C, the deadline); the writes still get reported.
 */
async function verifyChanged(
  plan: Plan,
  result: ApplyResult,
  run: Run,
  opts: ApplyCliOptions,
  format: Format,
): Promise<{ report?: VerifyReport; stopped?: boolean }> {
  const changed = new Set(
    result.outcomes
      .filter((o) => ["created", "adopted", "updated", "replaced"].includes(o.outcome))
      .map((o) => templateKey(o.key)),
  );
  if (opts.verify === false || changed.size === 0 || result.stopped) return {};
  const apps = new Map(plan.apps.map((a) => [a.alias, a]));
  const targets = plan.changes
    .filter((c) => c.desired && changed.has(templateKey(c.key)))
    .map((c) => ({ app: apps.get(c.key.app)!, template: c.desired! }));
  if (format === "text") {
    writeErr(`\nVerifying ${plural(targets.length, "changed template")}…\n`);
  }
  const { runVerification } = await import("../verification.js");
  const progress = format === "json" ? waitsProgress : linesProgress();
  const stop = AbortSignal.any([run.interrupt, run.stop]);
  try {
    const report = await runVerification(targets, run.provider, run.env, opts, progress.emit, stop);
    return { report };
  } catch (err) {
    // stopped while waiting for approval: the writes happened, so still report them
    if (!stop.aborted) throw err;
    writeErr("Verification stopped: run `waform verify` later to finish it.\n");
    return { stopped: true };
  }
}

/** Step 5: what was done, as text or the JSON contract (on stderr when `--junit -` took stdout). */
async function report(
  format: Format,
  result: ApplyResult,
  verify: VerifyReport | undefined,
  say: (text: string) => void,
): Promise<void> {
  const { renderApplyText, renderApplyJson } = await import("../../render/apply.js");
  if (format === "json") {
    const verifyJson = verify && (await import("../../render/verify-json.js")).verifyReportJson(verify);
    say(renderApplyJson(result, verifyJson));
    return;
  }
  say(renderApplyText(result, { color: colorEnabled() }));
  if (verify) say((await import("../../render/verify-text.js")).renderVerifyText(verify));
}

async function exitCode(result: ApplyResult, verify: VerifyReport | undefined): Promise<number> {
  // an edit refused for Meta's quota is blocked, not failed, but the run did not do what was planned
  if (result.counts.failed > 0 || result.stopped || refusedByQuota(result).length > 0) return EXIT.error;
  if (!verify) return EXIT.ok;
  return (await import("../../verify/report.js")).verifyExitCode(verify);
}
