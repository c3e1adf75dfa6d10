// What the steps of one change share: the run's dependencies, and the change's own bookkeeping
// (write attempts, whether anything went out yet), plus the two primitives every step uses:
// make a call through the port, and wait before a retry.

import type { AppConfig } from "../model/app.js";
import type { Clock } from "../model/clock.js";
import { RemoteError } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import type { TemplateKey } from "../model/template.js";
import type { CallOptions, TemplateProvider } from "../providers/port.js";
import type { RemoteReader } from "./remote-reader.js";
import { isAmbiguous, type RetryPolicy, retryDelayMs } from "./retry.js";

/** A write the server refused outright, so it cannot have taken effect. */
function definitelyRejected(error: unknown): boolean {
  return error instanceof RemoteError && !isAmbiguous(error) && error.kind !== "transient";
}

export interface RunContext {
  provider: TemplateProvider;
  reader: RemoteReader;
  clock: Clock;
  random: () => number;
  emit: EventSink;
  retry: RetryPolicy;
  /** Aborted on Ctrl-C or after an authentication failure: waits stop, requests in flight finish. */
  signal: AbortSignal;
}

export class ChangeRun {
  /** Write calls sent (create, edit, delete). */
  attempts = 0;
  /** A write succeeded or may have: from here on, an interruption may leave the change half done. */
  changedRemote = false;
  #started = false;

  constructor(
    readonly ctx: RunContext,
    readonly app: AppConfig,
    readonly key: TemplateKey,
    readonly action: string,
  ) {}

  get started(): boolean {
    return this.#started;
  }

  /**
   * Makes one port call for this change; `write` calls count as attempts. The run's stop signal
   * gives the call up while it waits for its budget; once its request is on the wire it runs to
   * its end, so a stop never leaves a write we know nothing about.
   */
  async send<T>(write: boolean, call: (opts: CallOptions) => Promise<T>): Promise<T> {
    const { signal: stop } = this.ctx;
    const waiting = new AbortController();
    const giveUp = () => waiting.abort(stop.reason);
    if (stop.aborted) giveUp();
    else stop.addEventListener("abort", giveUp, { once: true });
    let sent = false;
    const onSent = () => {
      stop.removeEventListener("abort", giveUp);
      // "started" means the first request left, not that the change was queued
      if (!this.#started) {
        this.#started = true;
        this.ctx.emit({ type: "change_started", key: this.key, action: this.action });
      }
      if (write && !sent) this.attempts++;
      sent = true;
    };
    try {
      const value = await call({ signal: waiting.signal, onSent });
      if (write) this.changedRemote = true;
      return value;
    } catch (error) {
      if (write && sent && !definitelyRejected(error)) this.changedRemote = true;
      throw error;
    } finally {
      stop.removeEventListener("abort", giveUp);
    }
  }

  /** Sleeps before retry number `attempt + 1`, telling listeners why. */
  async backoff(attempt: number, error: unknown, reason: string): Promise<void> {
    const waitMs = retryDelayMs(attempt, error, this.ctx.retry, this.ctx.random);
    this.ctx.emit({ type: "change_retry", key: this.key, attempt: attempt + 1, waitMs, reason });
    await this.ctx.clock.sleep(waitMs, this.ctx.signal);
  }
}
