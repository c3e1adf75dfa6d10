import type { ApplyDeps, ApplyResult } from "../../apply/types.js";
import { UserError } from "../../model/errors.js";
import { templateKey } from "../../model/template.js";
import { hasChanges } from "../../plan/summary.js";
import type { Plan } from "../../plan/types.js";
import { systemClock } from "../../platform/clock.js";
import { type VerifyReport, verifyExitCode } from "../../verify/index.js";
import {
  type CliProvider,
  type ConfigOptions,
  parseFormat,
  type SandboxOptions,
  withProvider,
} from "../context.js";
import { EXIT } from "../errors.js";
import { colorEnabled, writeErr, writeOut } from "../output.js";
import { readPlanFile } from "../plan-file.js";
import { computePlan, renderPlanAs } from "../planning.js";
import { linesProgress, listrProgress, type Progress, progressMode, silentProgress } from "../progress.js";
import { confirm } from "../prompt.js";
import {
  parseChannel,
  parseWaitTimeout,
  runVerification,
  type VerifyCliOptions,
  writeJunit,
} from "../verification.js";

type ApplyCliOptions = ConfigOptions &
  SandboxOptions &
  VerifyCliOptions & { autoApprove?: boolean; parallelism?: string; format?: string; verify?: boolean };

function parseParallelism(value: string | undefined): number {
  const n = Number(value ?? "10");
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
  if (planFile && (opts.file?.length || opts.app?.length || opts.target?.length || opts.shard)) {
    throw new UserError(
      "a saved plan already fixes what to apply",
      "drop -f/--app/--target/--shard, or plan again",
    );
  }
  const text = format === "text";
  const abort = new AbortController();
  // first Ctrl-C/SIGTERM: stop starting work and let requests in flight finish, so the remote is
  // never left with a change we don't know about; a second one exits at once (as Terraform does)
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) {
      writeErr("\nInterrupted again: exiting now. Run apply again to converge.\n");
      process.exit(130);
    }
    writeErr(`\n${signal}: finishing requests in flight, starting nothing new… (again to exit now)\n`);
    abort.abort(new UserError("interrupted"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await withProvider(opts, async (rawProvider, env) => {
      const now = Date.now();
      const { createRateLimiter, withRateLimits, checkFresh } = await import("../../apply/index.js");
      // one limiter for the whole run: the plan's list calls, the writes and the approval polls
      // all spend from the same per-app budgets, so the run itself never provokes a 429
      const limiter = createRateLimiter(systemClock, {
        parallelism,
        onLearn: (l) => text && writeErr(`learned rate limit: ${JSON.stringify(l)}\n`),
      });
      const provider: CliProvider = Object.assign(withRateLimits(rawProvider, limiter), {
        sendTemplate: rawProvider.sendTemplate.bind(rawProvider),
        sendMetaMessage: rawProvider.sendMetaMessage.bind(rawProvider),
      });
      let plan: Plan;
      if (planFile) {
        plan = await readPlanFile(planFile);
        const { fetchRemote } = await import("../../providers/fetch-remote.js");
        checkFresh(plan, await fetchRemote(provider, plan.apps));
        if (text) writeOut(await renderPlanAs(plan, "text"));
      } else {
        plan = await computePlan(provider, opts, now);
        if (text) writeOut(await renderPlanAs(plan, "text"));
        if (hasChanges(plan) && !opts.autoApprove) {
          if (!process.stdin.isTTY) {
            throw new UserError(
              "refusing to apply without confirmation: not a terminal",
              "pass --auto-approve",
            );
          }
          if (!(await confirm("Apply these changes? Only 'yes' is accepted: "))) {
            throw new UserError("apply cancelled; nothing was changed");
          }
        }
      }
      // interrupted while planning (or reading the saved plan): stop before the first write
      if (abort.signal.aborted) throw new UserError("interrupted; nothing was changed");
      // applyPlan spends from the limiter itself: hand it the unwrapped provider, or each call
      // would wait on its own bucket twice
      const result = await execute(
        plan,
        { provider: rawProvider, limiter },
        format,
        parallelism,
        abort.signal,
      );
      let report: VerifyReport | undefined;
      let interruptedVerify = false;
      const changed = result.outcomes.filter((o) => ["created", "updated", "replaced"].includes(o.outcome));
      if (opts.verify !== false && changed.length > 0 && !result.stopped) {
        const apps = new Map(plan.apps.map((a) => [a.alias, a]));
        const changedKeys = new Set(changed.map((o) => templateKey(o.key)));
        const targets = plan.changes
          .filter((c) => c.desired && changedKeys.has(templateKey(c.key)))
          .map((c) => ({ app: apps.get(c.key.app)!, template: c.desired! }));
        if (text)
          writeErr(`\nVerifying ${targets.length} changed template${targets.length === 1 ? "" : "s"}…\n`);
        const progress = format === "json" ? silentProgress : linesProgress();
        try {
          report = await runVerification(targets, provider, env, opts, progress.emit, abort.signal);
        } catch (err) {
          // interrupted while waiting for approval: the writes happened, so still report them
          if (!abort.signal.aborted) throw err;
          writeErr("Verification interrupted: run `waform verify` later to finish it.\n");
          interruptedVerify = true;
        }
        if (report && opts.junit) await writeJunit(opts.junit, report);
      }
      await report_(format, result, report);
      process.exitCode = interruptedVerify ? EXIT.error : exitCode(result, report);
      if (result.stopped === "interrupted") {
        writeErr("Apply was interrupted. Run it again to finish: it converges from wherever it stopped.\n");
      }
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function execute(
  plan: Plan,
  deps: Pick<ApplyDeps, "provider" | "limiter">,
  format: string,
  parallelism: number,
  signal: AbortSignal,
): Promise<ApplyResult> {
  const { applyPlan } = await import("../../apply/index.js");
  const work = plan.changes.filter((c) => c.action !== "noop" && c.action !== "blocked");
  const mode = progressMode(format);
  const progress: Progress =
    mode === "silent" || work.length === 0
      ? silentProgress
      : mode === "tty"
        ? await listrProgress(work)
        : linesProgress();
  try {
    return await applyPlan(
      plan,
      { ...deps, clock: systemClock, emit: progress.emit, signal },
      { parallelism },
    );
  } finally {
    await progress.stop();
  }
}

async function report_(format: string, result: ApplyResult, verify: VerifyReport | undefined): Promise<void> {
  const { renderApplyText, renderApplyJson } = await import("../../render/apply.js");
  if (format === "json") {
    writeOut(renderApplyJson(result, verify));
    return;
  }
  writeOut(renderApplyText(result, { color: colorEnabled() }));
  if (verify) writeOut((await import("../../render/verify-text.js")).renderVerifyText(verify));
}

function exitCode(result: ApplyResult, verify: VerifyReport | undefined): number {
  if (result.counts.failed > 0 || result.stopped) return EXIT.error;
  return verify ? verifyExitCode(verify) : EXIT.ok;
}
