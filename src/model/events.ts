// Typed events emitted by apply, verify and the rate budget. The core emits; render/ and cli/ decide
// how (or whether) to show them.

import type { TemplateKey } from "./template.js";

/** A pace: `limit` calls per `windowMs`. */
export interface RateView {
  limit: number;
  windowMs: number;
}

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
  /**
   * A rate budget holds its next request back long enough to notice (one event per wait):
   * `paused` after a 429, else pacing to `rate` (undefined while the limit is unknown).
   */
  | {
      type: "rate_wait";
      /** The app alias; absent for account-wide budgets (login). */
      app?: string;
      group: string;
      rate?: RateView;
      cause: "pace" | "paused";
      waitMs: number;
    }
  /** A 429 taught (or lowered) a budget's pace. */
  | { type: "rate_learned"; app?: string; group: string; rate: RateView }
  /** Verify sleeps before its next approval poll. */
  | { type: "approval_wait"; templates: number; apps: number; waitMs: number }
  | { type: "note"; message: string };

export type EventSink = (event: CoreEvent) => void;
