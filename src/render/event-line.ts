// One line per core event, for CI logs and other non-TTY output: no colour, no cursor movement.
// Events quote the API (error messages, rejection reasons): each line is made inert as a whole.

import { formatDurationRounded } from "../model/duration.js";
import type { CoreEvent, RateView } from "../model/events.js";
import { templateKey } from "../model/template.js";
import { inertLine } from "./inert.js";

const PAST: Record<string, string> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
};

const PRESENT: Record<string, string> = {
  create: "creating",
  update: "updating",
  replace: "replacing",
  delete: "deleting",
};

export function formatEvent(event: CoreEvent): string {
  return inertLine(eventWords(event));
}

function eventWords(event: CoreEvent): string {
  switch (event.type) {
    case "change_started":
      return `${templateKey(event.key)}: ${PRESENT[event.action] ?? event.action}…`;
    case "change_retry":
      return `${templateKey(event.key)}: retry ${event.attempt} in ${formatDurationRounded(event.waitMs)} (${event.reason})`;
    case "change_done":
      if (event.outcome === "ok")
        return `${templateKey(event.key)}: ${PAST[event.action] ?? event.action}${event.message ? ` (${event.message})` : ""}`;
      return `${templateKey(event.key)}: ${event.action} ${event.outcome === "blocked" ? "BLOCKED" : "FAILED"}: ${event.message ?? "unknown error"}`;
    case "status_changed":
      return `${templateKey(event.key)}: ${event.from ? `${event.from} -> ` : ""}${event.to}${event.reason ? ` (${event.reason})` : ""}`;
    case "test_sent":
      return event.error
        ? `${templateKey(event.key)}: test send to ${event.destination} FAILED: ${event.error}`
        : `${templateKey(event.key)}: test sent to ${event.destination} (message ${event.messageId})`;
    case "rate_wait": {
      const paused = event.cause === "paused" ? ", paused after a 429" : "";
      return `rate limit: ${budgetName(event)}, ${event.rate ? formatRate(event.rate) : "limit not known yet"}${paused}, next call in ${seconds(event.waitMs)}`;
    }
    case "rate_learned":
      return `rate limit: ${budgetName(event)}, ${formatRate(event.rate)} learned from a 429; pacing to it`;
    case "approval_wait":
      return `waiting for approval: ${event.templates} template${event.templates === 1 ? "" : "s"} in ${event.apps} app${event.apps === 1 ? "" : "s"}, next check in ${seconds(event.waitMs)}`;
    case "note":
      return event.message;
  }
}

/** `app shop` for its template calls, `app shop (send)` for another group, `login` for the account's. */
function budgetName(event: { app?: string; group: string }): string {
  if (event.app === undefined) return event.group;
  return event.group === "templates" ? `app ${event.app}` : `app ${event.app} (${event.group})`;
}

/** `10/min`, `10/s`, `5/30 s`. */
function formatRate(rate: RateView): string {
  if (rate.windowMs === 60_000) return `${rate.limit}/min`;
  if (rate.windowMs === 1_000) return `${rate.limit}/s`;
  return `${rate.limit}/${Math.round(rate.windowMs / 1000)} s`;
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}
