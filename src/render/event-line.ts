// One line per core event, for CI logs and other non-TTY output: no colour, no cursor movement.

import { formatDurationRounded } from "../model/duration.js";
import type { CoreEvent } from "../model/events.js";
import { templateKey } from "../model/template.js";

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
  switch (event.type) {
    case "change_started":
      return `${templateKey(event.key)}: ${PRESENT[event.action] ?? event.action}…`;
    case "change_retry":
      return `${templateKey(event.key)}: retry ${event.attempt} in ${formatDurationRounded(event.waitMs)} (${event.reason})`;
    case "change_done":
      return event.outcome === "ok"
        ? `${templateKey(event.key)}: ${PAST[event.action] ?? event.action}${event.message ? ` (${event.message})` : ""}`
        : `${templateKey(event.key)}: ${event.action} FAILED: ${event.message ?? "unknown error"}`;
    case "status_changed":
      return `${templateKey(event.key)}: ${event.from ? `${event.from} -> ` : ""}${event.to}${event.reason ? ` (${event.reason})` : ""}`;
    case "test_sent":
      return event.error
        ? `${templateKey(event.key)}: test send to ${event.destination} FAILED: ${event.error}`
        : `${templateKey(event.key)}: test sent to ${event.destination} (message ${event.messageId})`;
    case "note":
      return event.message;
  }
}
