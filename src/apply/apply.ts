// applyPlan: runs the changes of a Plan through the provider port. Every app works at once (the
// limits are per app, so that is where the speed is); within an app a few changes are in progress
// and each request waits for the app's budget, which the provider spends from. The run never
// prints: it emits CoreEvents and returns an ApplyResult.

import { setMaxListeners } from "node:events";
import { contentOf } from "../model/content.js";
import { RemoteError } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import type { RemoteTemplate, TemplateContent } from "../model/template.js";
import type { Action, Change, Plan } from "../plan/types.js";
import { ChangeRun, type RunContext } from "./change-run.js";
import { ensureCreated, ensureDeleted, ensureUpdated, type StepResult } from "./reconcile.js";
import { RemoteReader } from "./remote-reader.js";
import { DEFAULT_RETRY } from "./retry.js";
import {
  type ApplyCounts,
  type ApplyDeps,
  type ApplyOptions,
  type ApplyResult,
  type ChangeOutcome,
  OUTCOMES,
  type Outcome,
  type StopReason,
} from "./types.js";

export const DEFAULT_PER_APP_CONCURRENCY = 4;

const STOPPED_BY: Record<StopReason, string> = {
  interrupted: "interrupted",
  timed_out: "timed out",
  auth_failed: "authentication failed",
};

const RUNNABLE = new Set<Action>(["create", "update", "replace", "delete"]);
/** Deletes first: they free room under the WABA's template cap before creates need it. */
const ORDER: Record<Action, number> = { delete: 0, replace: 1, update: 2, create: 3, noop: 4, blocked: 4 };
const DONE: Record<Action, Outcome> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  noop: "skipped",
  blocked: "skipped",
};

export async function applyPlan(
  plan: Plan,
  deps: ApplyDeps,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const { provider, clock } = deps;
  const emit: EventSink = deps.emit ?? (() => {});
  const stop = new AbortController();
  // every wait of the run listens to this one signal: thousands of listeners are expected
  setMaxListeners(0, stop.signal);
  let stopped: StopReason | undefined;
  const halt = (why: StopReason) => {
    if (stopped) return;
    stopped = why;
    stop.abort(new Error(STOPPED_BY[why]));
  };
  const onSignal = () => halt("interrupted");
  const onDeadline = () => halt("timed_out");
  if (deps.deadline?.aborted) onDeadline();
  else deps.deadline?.addEventListener("abort", onDeadline, { once: true });
  if (deps.signal?.aborted) onSignal();
  else deps.signal?.addEventListener("abort", onSignal, { once: true });

  const ctx: RunContext = {
    provider,
    reader: new RemoteReader(provider),
    clock,
    random: deps.random ?? Math.random,
    emit,
    retry: {
      maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_RETRY.maxAttempts),
      baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    },
    signal: stop.signal,
  };

  const startedAt = clock.now();
  const outcomes: (ChangeOutcome | undefined)[] = plan.changes.map((c) =>
    RUNNABLE.has(c.action) ? undefined : c.action === "noop" ? notRun(c, "in sync") : blockedInPlan(c),
  );
  const perApp = Math.max(1, options.perAppConcurrency ?? DEFAULT_PER_APP_CONCURRENCY);
  await runLanes(plan, ctx, perApp, outcomes, halt);
  deps.signal?.removeEventListener("abort", onSignal);
  deps.deadline?.removeEventListener("abort", onDeadline);

  const notStarted = `not started: ${stopped ? STOPPED_BY[stopped] : "interrupted"}`;
  const all = plan.changes.map((c, i) => outcomes[i] ?? notRun(c, notStarted));
  const left = outcomes.filter((o) => o === undefined).length;
  if (stopped && left > 0)
    emit({ type: "note", message: `${left} change${left === 1 ? "" : "s"} ${notStarted}` });
  return { outcomes: all, counts: countOutcomes(all), stopped, startedAt, finishedAt: clock.now() };
}

/** One lane per app, all at once; within a lane `perApp` workers take its changes in order. */
async function runLanes(
  plan: Plan,
  ctx: RunContext,
  perApp: number,
  outcomes: (ChangeOutcome | undefined)[],
  halt: (why: StopReason) => void,
): Promise<void> {
  const apps = new Map(plan.apps.map((a) => [a.alias, a]));
  const lanes = new Map<string, number[]>();
  plan.changes.forEach((c, i) => {
    if (!RUNNABLE.has(c.action)) return;
    const lane = lanes.get(c.key.app);
    if (lane) lane.push(i);
    else lanes.set(c.key.app, [i]);
  });
  await Promise.all(
    [...lanes].map(async ([alias, indices]) => {
      const app = apps.get(alias);
      indices.sort((a, b) => ORDER[plan.changes[a]!.action] - ORDER[plan.changes[b]!.action] || a - b);
      let next = 0;
      const worker = async () => {
        while (next < indices.length && !ctx.signal.aborted) {
          const i = indices[next++]!;
          const change = plan.changes[i]!;
          outcomes[i] = app
            ? await runChange(new ChangeRun(ctx, app, change.key, change.action), change, halt)
            : { ...notRun(change, `app ${alias} is not among the plan's apps`), outcome: "failed" };
        }
      };
      await Promise.all(Array.from({ length: Math.min(perApp, indices.length) }, worker));
    }),
  );
}

async function runChange(
  run: ChangeRun,
  change: Change,
  halt: (why: StopReason) => void,
): Promise<ChangeOutcome> {
  let result: StepResult;
  try {
    result = await execute(run, change);
  } catch (e) {
    if (e instanceof RemoteError && e.kind === "auth") {
      halt("auth_failed");
      result = { ok: false, message: `authentication failed, stopping: ${e.message}`, errorKind: "auth" };
    } else if (run.ctx.signal.aborted) {
      return interrupted(run, change);
    } else {
      result = { ok: false, message: `unexpected error: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const base = { key: change.key, action: change.action, reason: change.reason, attempts: run.attempts };
  const outcome: ChangeOutcome = result.ok
    ? {
        ...base,
        outcome: change.action === "create" && result.via !== "created" ? result.via : DONE[change.action],
        ...(result.note !== undefined && { message: result.note }),
        ...(result.remote && { remote: result.remote }),
      }
    : result.errorKind === "quota"
      ? {
          ...base,
          outcome: "blocked",
          reason: "edit_quota",
          message: result.message,
          errorKind: "quota",
          ...(result.blockedUntil !== undefined && { blockedUntil: result.blockedUntil }),
        }
      : {
          ...base,
          outcome: "failed",
          message: result.message,
          ...(result.errorKind && { errorKind: result.errorKind }),
        };
  run.ctx.emit({
    type: "change_done",
    key: change.key,
    action: change.action,
    outcome: result.ok ? "ok" : outcome.outcome === "blocked" ? "blocked" : "failed",
    message: outcome.message,
  });
  return outcome;
}

async function execute(run: ChangeRun, change: Change): Promise<StepResult> {
  const content = change.desired ? contentOf(change.desired) : undefined;
  switch (change.action) {
    case "create":
      return content ? ensureCreated(run, content) : missing("declared template");
    case "update":
      return content && change.remote
        ? ensureUpdated(run, remoteOf(change), content)
        : missing("remote template");
    case "delete":
      return change.remote ? ensureDeleted(run, remoteOf(change)) : missing("remote template");
    case "replace": {
      if (!content || !change.remote) return missing("declared or remote template");
      const old = remoteOf(change);
      const deleted = await ensureDeleted(run, old);
      if (!deleted.ok) return { ...deleted, message: `the old version was not deleted: ${deleted.message}` };
      const created = await ensureCreated(run, content, old.id);
      if (!created.ok) {
        return {
          ...created,
          message: `deleted, but the new version was not created: ${created.message}; run apply again`,
        };
      }
      return created;
    }
    default:
      return missing("runnable action");
  }
}

function missing(what: string): StepResult {
  return { ok: false, message: `the plan lacks the ${what} this change needs (a damaged plan file?)` };
}

/**
 * The remote template the port needs to edit or delete. Plans made by makePlan carry it whole; a
 * plan that only kept the reference still has what edit and delete use (id, name, language).
 */
function remoteOf(change: Change): RemoteTemplate {
  const ref = change.remote!;
  if (ref.content) return ref.content;
  const content: TemplateContent = change.desired
    ? contentOf(change.desired)
    : {
        // only a delete gets here, and it reads id, name and language alone
        category: ref.category ?? "MARKETING",
        kind: "standard",
        vertical: "",
        body: "",
        bodyExamples: [],
        buttons: [],
        allowCategoryChange: false,
      };
  return {
    ...content,
    ...change.key,
    category: ref.category ?? content.category,
    id: ref.id,
    status: ref.status,
  };
}

function interrupted(run: ChangeRun, change: Change): ChangeOutcome {
  const base = { key: change.key, action: change.action, reason: change.reason, attempts: run.attempts };
  const stoppedBy = run.ctx.signal.reason instanceof Error ? run.ctx.signal.reason.message : "interrupted";
  const outcome: ChangeOutcome = run.changedRemote
    ? {
        ...base,
        outcome: "failed",
        message: `${stoppedBy} after a write that may have taken effect: run plan again`,
      }
    : {
        ...base,
        outcome: "skipped",
        message: `${run.started ? "not applied" : "not started"}: ${stoppedBy}`,
      };
  if (run.started) {
    run.ctx.emit({
      type: "change_done",
      key: change.key,
      action: change.action,
      outcome: "failed",
      message: outcome.message,
    });
  }
  return outcome;
}

/** A change the plan blocked: not run, reported blocked with the plan's reason and, if known, until when. */
function blockedInPlan(change: Change): ChangeOutcome {
  const d = change.diagnostics.find((x) => x.severity === "error") ?? change.diagnostics[0];
  return {
    ...notRun(change, d ? d.message : change.reason.replaceAll("_", " ")),
    outcome: "blocked",
    ...(change.blockedUntil !== undefined && { blockedUntil: change.blockedUntil }),
  };
}

function notRun(change: Change, message: string): ChangeOutcome {
  return {
    key: change.key,
    action: change.action,
    outcome: "skipped",
    reason: change.reason,
    message,
    attempts: 0,
  };
}

function countOutcomes(outcomes: readonly ChangeOutcome[]): ApplyCounts {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as ApplyCounts;
  for (const o of outcomes) counts[o.outcome]++;
  return counts;
}
