// Typed events emitted by apply and verify. The core emits; render/ and cli/ decide how (or
// whether) to show them.

import type { TemplateKey } from "./template.js";

export type CoreEvent =
  | { type: "change_started"; key: TemplateKey; action: string }
  | { type: "change_retry"; key: TemplateKey; attempt: number; waitMs: number; reason: string }
  | {
      type: "change_done";
      key: TemplateKey;
      action: string;
      /** `blocked`: the API refused the change for a quota that time lifts (the message says when). */
      outcome: "ok" | "failed" | "blocked";
      message?: string;
    }
  | { type: "status_changed"; key: TemplateKey; from?: string; to: string; reason?: string }
  | { type: "test_sent"; key: TemplateKey; destination: string; messageId?: string; error?: string }
  | { type: "note"; message: string };

export type EventSink = (event: CoreEvent) => void;
