// The approval wait. Each cycle lists every app that still has a template waiting, once, whatever
// the number of templates waiting in it (the Partner API has no get-by-id, and every call spends
// from the app's 10-a-minute budget), apps in parallel. Polls ask for the `poll` priority: when
// writes wait on the same budget, they go first and polls take what is left. It stops when every
// template has settled or the timeout has passed.

import type { AppConfig } from "../model/app.js";
import type { Clock } from "../model/clock.js";
import { formatDuration } from "../model/duration.js";
import { RemoteError } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import { canonicalStatus } from "../model/status.js";
import { type RemoteTemplate, type TemplateKey, templateKey } from "../model/template.js";
import type { RemoteListing, TemplateProvider } from "../providers/port.js";
import { type BackoffOptions, pollInterval } from "./backoff.js";
import { mapLimit } from "./parallel.js";
import { classifyStatus } from "./status.js";

/** Shortest wait between polls worth a progress line. */
const ANNOUNCE_AFTER_MS = 1_000;

/**
 * How a template's wait ended.
 * - `approved`: APPROVED, ready for test sends;
 * - `rejected`: REJECTED by Meta (`reason` says why);
 * - `not_sendable`: PAUSED, DISABLED, DELETED, … (`status` says which): exists but cannot be sent;
 * - `not_found`: absent from its app's template list;
 * - `timeout`: still waiting when the timeout passed;
 * - `error`: the app's list failed in a way retrying cannot fix (auth, invalid, …).
 */
export type ApprovalState = "approved" | "rejected" | "not_sendable" | "not_found" | "timeout" | "error";

export interface ApprovalTarget {
  app: AppConfig;
  key: TemplateKey;
}

export interface ApprovalOutcome {
  app: AppConfig;
  key: TemplateKey;
  state: ApprovalState;
  /** The last status seen in the list (upper-case), when the template was seen. */
  status?: string;
  /** The first status seen: APPROVED here means it was approved before the wait began. */
  initialStatus?: string;
  /** Meta's reason, when the provider gives one (REJECTED, PAUSED). */
  reason?: string;
  /** The row last seen: test sends need its provider id. */
  remote?: RemoteTemplate;
  /** From the start of the wait to the poll that first saw APPROVED. */
  timeToApprovalMs?: number;
  /** From the start of the wait to the moment this template settled (or timed out). */
  waitedMs: number;
  /** Why, for `not_found`, `timeout` and `error`. */
  message?: string;
}

export interface WaitDeps {
  provider: TemplateProvider;
  clock: Clock;
  emit?: EventSink;
  signal?: AbortSignal;
  /** Called as soon as each template settles, so its test sends need not wait for the others. */
  onSettled?: (outcome: ApprovalOutcome) => void;
}

export interface WaitOptions extends BackoffOptions {
  /** Give up on templates still waiting after this long. 0 polls once. */
  timeoutMs: number;
  /** Apps listed at once in a cycle. Default 16. */
  concurrency?: number;
  /**
   * Successive lists a template must be missing from before it is reported `not_found`: one more
   * look guards against a list that lags just behind a create. Default 2.
   */
  missingPolls?: number;
}

interface Entry {
  target: ApprovalTarget;
  id: string;
  status?: string;
  initialStatus?: string;
  reason?: string;
  remote?: RemoteTemplate;
  missing: number;
  outcome?: ApprovalOutcome;
}

interface AppState {
  app: AppConfig;
  entries: Entry[];
  /** A rate-limited list is not retried before this instant (the provider's Retry-After). */
  notBefore: number;
  lastError?: string;
}

export async function waitForApproval(
  targets: readonly ApprovalTarget[],
  deps: WaitDeps,
  options: WaitOptions,
): Promise<ApprovalOutcome[]> {
  const { clock, emit, signal } = deps;
  const start = clock.now();
  const deadline = start + Math.max(0, options.timeoutMs);
  const missingPolls = Math.max(1, options.missingPolls ?? 2);

  // one entry per distinct key, so a target listed twice is polled and reported consistently
  const entries = new Map<string, Entry>();
  const apps = new Map<string, AppState>();
  for (const target of targets) {
    const id = templateKey(target.key);
    if (entries.has(id)) continue;
    const entry: Entry = { target, id, missing: 0 };
    entries.set(id, entry);
    let app = apps.get(target.app.alias);
    if (!app) {
      app = { app: target.app, entries: [], notBefore: start };
      apps.set(target.app.alias, app);
    }
    app.entries.push(entry);
  }

  const settle = (entry: Entry, outcome: Omit<ApprovalOutcome, "app" | "key" | "waitedMs">): void => {
    entry.outcome = {
      app: entry.target.app,
      key: entry.target.key,
      ...outcome,
      waitedMs: clock.now() - start,
    };
    deps.onSettled?.(entry.outcome);
  };

  const observe = (entry: Entry, row: RemoteTemplate): void => {
    const status = canonicalStatus(row.status);
    entry.missing = 0;
    entry.remote = row;
    entry.reason = row.reason;
    if (status !== entry.status) {
      emit?.({
        type: "status_changed",
        key: entry.target.key,
        ...(entry.status !== undefined && { from: entry.status }),
        to: status,
        ...(row.reason !== undefined && { reason: row.reason }),
      });
      entry.status = status;
      entry.initialStatus ??= status;
    }
    const known = { status, initialStatus: entry.initialStatus, reason: row.reason, remote: row };
    const settled = classifyStatus(status);
    if (settled === "approved")
      settle(entry, { ...known, state: "approved", timeToApprovalMs: clock.now() - start });
    else if (settled !== "waiting") settle(entry, { ...known, state: settled });
  };

  const poll = async (state: AppState): Promise<void> => {
    let listing: RemoteListing;
    try {
      listing = await deps.provider.listTemplates(state.app, { priority: "poll", ...(signal && { signal }) });
    } catch (err) {
      if (signal?.aborted || !(err instanceof RemoteError)) throw err;
      const what = `listing templates of app '${state.app.alias}' failed (${err.kind}${err.status ? `, HTTP ${err.status}` : ""}): ${err.message}`;
      if (err.retryable) {
        state.lastError = what;
        state.notBefore = clock.now() + (err.retryAfterMs ?? 0);
        emit?.({ type: "note", message: `${what}; retrying` });
        return;
      }
      for (const entry of open(state)) settle(entry, { state: "error", message: what });
      return;
    }
    state.lastError = undefined;
    const byName = new Map<string, RemoteTemplate>();
    for (const row of listing.templates) byName.set(`${row.name}\u0000${row.language}`, row);
    const unmanageable = new Map(listing.unmanageable.map((u) => [`${u.name}\u0000${u.language}`, u]));
    for (const entry of open(state)) {
      const name = `${entry.target.key.name}\u0000${entry.target.key.language}`;
      const row = byName.get(name);
      if (row) {
        observe(entry, row);
        continue;
      }
      const odd = unmanageable.get(name);
      if (odd) {
        // it exists, but waform cannot tell what it holds, so it neither waits for it nor sends it
        settle(entry, {
          state: "error",
          status: odd.status,
          message: `waform cannot manage this template: ${odd.unmanageable.detail}`,
        });
        continue;
      }
      entry.missing++;
      if (entry.missing >= missingPolls) {
        settle(entry, {
          state: "not_found",
          message: `not in the template list of app '${state.app.alias}' (${state.app.appId})`,
          ...(entry.status !== undefined && { status: entry.status, initialStatus: entry.initialStatus }),
        });
      }
    }
  };

  for (let cycle = 0; ; cycle++) {
    signal?.throwIfAborted();
    const now = clock.now();
    const due = [...apps.values()].filter((s) => open(s).length > 0 && s.notBefore <= now);
    await mapLimit(due, options.concurrency ?? 16, poll);
    const waiting = [...apps.values()].filter((s) => open(s).length > 0);
    if (waiting.length === 0) break;
    const after = clock.now();
    if (after >= deadline) {
      for (const state of waiting)
        for (const entry of open(state)) settle(entry, timedOut(entry, state, options));
      break;
    }
    const waitMs = Math.min(pollInterval(cycle, options), deadline - after);
    if (waitMs >= ANNOUNCE_AFTER_MS) {
      const templates = waiting.reduce((n, s) => n + open(s).length, 0);
      emit?.({ type: "approval_wait", templates, apps: waiting.length, waitMs });
    }
    await clock.sleep(waitMs, signal);
  }

  return targets.map((t) => entries.get(templateKey(t.key))!.outcome!);
}

function open(state: AppState): Entry[] {
  return state.entries.filter((e) => !e.outcome);
}

function timedOut(
  entry: Entry,
  state: AppState,
  options: WaitOptions,
): Omit<ApprovalOutcome, "app" | "key" | "waitedMs"> {
  const limit = formatDuration(options.timeoutMs);
  if (entry.missing > 0 && entry.status === undefined) {
    // seen missing, but too few times to be sure: still, absent is what we know
    return {
      state: "not_found",
      message: `not in the template list of app '${state.app.alias}' (${state.app.appId})`,
    };
  }
  const message =
    entry.status === undefined
      ? `no answer within ${limit}${state.lastError ? `: ${state.lastError}` : ""}`
      : `still ${entry.status} after ${limit}`;
  return {
    state: "timeout",
    message,
    ...(entry.status !== undefined && {
      status: entry.status,
      initialStatus: entry.initialStatus,
      reason: entry.reason,
      remote: entry.remote,
    }),
  };
}
