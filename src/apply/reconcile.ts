// The three writes, each made safe to repeat. A create is not idempotent and an APPROVED template
// has one edit a day, so a write that may have happened is never sent again blind: the app's
// templates are re-read first and the write is only repeated if it did not take effect. The
// decision table is in README.md.

import { RemoteError, type RemoteErrorKind } from "../model/errors.js";
import type { RemoteTemplate, TemplateContent, TemplateKey } from "../model/template.js";
import { editRefusedUntil, isBeingDeleted, isEditable } from "../plan/status.js";
import type { ChangeRun } from "./change-run.js";
import { isAmbiguous } from "./retry.js";
import { sameContent } from "./same-content.js";

export type StepResult =
  | {
      ok: true;
      /** How the step succeeded: `adopted` a template that was already there, `updated` one in the way. */
      via: "created" | "adopted" | "updated" | "deleted";
      remote?: { id: string; status?: string };
      note?: string;
    }
  | {
      ok: false;
      message: string;
      errorKind?: RemoteErrorKind;
      /** `errorKind: quota` (the edit quota): the instant by which the edit can be made. */
      blockedUntil?: number;
    };

type Failure = Extract<StepResult, { ok: false }>;

/** Remote errors are handled here; anything else (an abort, a bug) and auth errors go up to the run. */
function remoteError(e: unknown): RemoteError {
  if (e instanceof RemoteError && e.kind !== "auth") return e;
  throw e;
}

function describe(error: RemoteError): string {
  return `${error.kind}${error.status !== undefined ? ` (HTTP ${error.status})` : ""}: ${error.message}`;
}

function failure(error: RemoteError, prefix = ""): Failure {
  return { ok: false, message: `${prefix}${error.message}`, errorKind: error.kind };
}

function sameKey(t: RemoteTemplate, key: TemplateKey): boolean {
  return t.name === key.name && t.language === key.language;
}

/** Lists the app again (sent after `notBefore`) and finds a template; retries the read itself. */
async function reread(
  run: ChangeRun,
  notBefore: number,
  what: string,
  match: (t: RemoteTemplate) => boolean,
): Promise<{ ok: true; found?: RemoteTemplate } | Failure> {
  const { ctx } = run;
  for (let attempt = 1; ; attempt++) {
    try {
      const templates = await ctx.reader.list(run.app, notBefore, ctx.signal);
      return { ok: true, found: templates.find(match) };
    } catch (e) {
      const error = remoteError(e);
      if (!error.retryable || attempt >= ctx.retry.maxAttempts) {
        return failure(error, `could not re-read the remote to check whether the ${what} took effect: `);
      }
      await run.backoff(attempt, error, `re-read after the ${what} failed: ${describe(error)}`);
    }
  }
}

/** Meta refused the edit for its quota: not a failure of the request, a block that time lifts. */
function quotaRefusal(error: RemoteError, remote: RemoteTemplate, now: number): Failure {
  const { until, quota } = editRefusedUntil(remote, now, error.quotaWindowMs);
  const at = new Date(until).toISOString();
  const when =
    quota === "daily"
      ? `Meta allows one edit per 24 h: it can be edited again after ${at}`
      : `Meta allows 10 edits per 30 days, whose dates the remote does not show: it can be edited again by ${at} at the latest`;
  return {
    ok: false,
    message: `the edit was refused for the edit quota (${error.message}); ${when}`,
    errorKind: "quota",
    blockedUntil: until,
  };
}

function gaveUp(attempts: number, error: RemoteError): Failure {
  return failure(error, `gave up after ${attempts} attempts: `);
}

/**
 * Creates `key` with `content`. `replacedId`: the template a replace just deleted, which a lagging
 * list may still show and which must not be mistaken for a template in the way.
 */
export async function ensureCreated(
  run: ChangeRun,
  content: TemplateContent,
  replacedId?: string,
): Promise<StepResult> {
  const { ctx, app, key } = run;
  const live = (t: RemoteTemplate) => sameKey(t, key) && t.id !== replacedId && !isBeingDeleted(t.status);
  // once a create may have gone through, a template found later may be this run's own
  let mayHaveCreated = false;
  for (let attempt = 1; ; attempt++) {
    let error: RemoteError;
    try {
      const created = await run.send(true, (o) => ctx.provider.createTemplate(app, key, content, o));
      return { ok: true, via: "created", remote: { id: created.id, status: created.status } };
    } catch (e) {
      error = remoteError(e);
    }
    if (error.kind === "conflict" || isAmbiguous(error)) {
      const read = await reread(run, ctx.clock.now(), "create", live);
      if (!read.ok) return read;
      const found = read.found;
      if (found && sameContent(content, found)) {
        const remote = { id: found.id, status: found.status };
        if (error.kind === "conflict" && !mayHaveCreated) {
          const note = "already existed with the declared content: adopted";
          return { ok: true, via: "adopted", remote, note };
        }
        return {
          ok: true,
          via: "created",
          remote,
          note: "the create took effect although its answer was lost",
        };
      }
      if (found && isEditable(found.status)) {
        const edited = await ensureUpdated(run, found, content);
        if (!edited.ok) return edited;
        return {
          ...edited,
          via: "updated",
          note: `already existed (${found.status}) with other content: edited in place`,
        };
      }
      if (found) {
        return {
          ok: false,
          message: `already exists with other content and status ${found.status}, which cannot be edited; run plan again`,
          errorKind: "conflict",
        };
      }
      // not there: the create did not happen, so sending it again cannot make a duplicate
      mayHaveCreated ||= isAmbiguous(error);
    } else if (!error.retryable) {
      return failure(error);
    }
    if (attempt >= ctx.retry.maxAttempts) return gaveUp(attempt, error);
    await run.backoff(attempt, error, describe(error));
  }
}

/**
 * Edits `remote` to `content`. Any transient failure is checked before a retry: an edit that went
 * through uses the APPROVED template's one edit a day, so a blind repeat would fail or waste it.
 */
export async function ensureUpdated(
  run: ChangeRun,
  remote: RemoteTemplate,
  content: TemplateContent,
): Promise<StepResult> {
  const { ctx, app } = run;
  let current = remote;
  for (let attempt = 1; ; attempt++) {
    let error: RemoteError;
    try {
      const target = current;
      await run.send(true, (o) => ctx.provider.updateTemplate(app, target, content, o));
      return { ok: true, via: "updated", remote: { id: current.id } };
    } catch (e) {
      error = remoteError(e);
    }
    if (error.kind === "transient" || isAmbiguous(error)) {
      const id = current.id;
      const read = await reread(run, ctx.clock.now(), "edit", (t) => t.id === id);
      if (!read.ok) return read;
      if (!read.found || isBeingDeleted(read.found.status)) {
        return {
          ok: false,
          message: "the template was deleted during the edit; run plan again",
          errorKind: "not_found",
        };
      }
      if (sameContent(content, read.found)) {
        const note = "the edit took effect although its answer was lost";
        return { ok: true, via: "updated", remote: { id, status: read.found.status }, note };
      }
      current = read.found;
    } else if (error.kind === "not_found") {
      return failure(error, "the template no longer exists; run plan again: ");
    } else if (error.kind === "quota") {
      return quotaRefusal(error, current, ctx.clock.now());
    } else if (!error.retryable) {
      return failure(error);
    }
    if (attempt >= ctx.retry.maxAttempts) return gaveUp(attempt, error);
    await run.backoff(attempt, error, describe(error));
  }
}

/** Deletes `remote`. Already gone counts as done: a delete is what the plan asked, not a call. */
export async function ensureDeleted(run: ChangeRun, remote: RemoteTemplate): Promise<StepResult> {
  const { ctx, app } = run;
  let current = remote;
  for (let attempt = 1; ; attempt++) {
    let error: RemoteError;
    try {
      const target = current;
      await run.send(true, (o) => ctx.provider.deleteTemplate(app, target, o));
      return { ok: true, via: "deleted" };
    } catch (e) {
      error = remoteError(e);
    }
    if (error.kind === "not_found") return { ok: true, via: "deleted", note: "was already gone" };
    if (isAmbiguous(error)) {
      const id = current.id;
      const read = await reread(run, ctx.clock.now(), "delete", (t) => t.id === id);
      if (!read.ok) return read;
      if (!read.found || isBeingDeleted(read.found.status)) {
        return { ok: true, via: "deleted", note: "the delete took effect although its answer was lost" };
      }
      current = read.found;
    } else if (!error.retryable) {
      return failure(error);
    }
    if (attempt >= ctx.retry.maxAttempts) return gaveUp(attempt, error);
    await run.backoff(attempt, error, describe(error));
  }
}
