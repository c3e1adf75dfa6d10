// Pacing for one (app, endpoint): a token bucket kept as a "theoretical arrival time" (GCRA), read
// from an injected Clock so a virtual clock makes waits free in tests.
//
// The capacity defaults to 1 on purpose. A bucket that starts full with `limit` tokens lets
// `limit` calls go at once and then keeps refilling, so the first 60 s see up to twice the limit:
// fine for a token-bucket server, a burst of 429s for a fixed or rolling "N per 60 s" window,
// which is what the Partner API documents. Spacing calls by window / limit satisfies every one of
// those servers, and finishes n calls in (n - 1) / limit windows: the rate-limit bound.

import type { Clock } from "../model/clock.js";

/** `limit` calls per `windowMs`. */
export interface Rate {
  limit: number;
  windowMs: number;
}

export interface TokenBucketOptions {
  /** Calls that may go back to back after an idle period (default 1: no burst). */
  capacity?: number;
  /** Extra spacing as a fraction of the exact interval (default 0). */
  safetyMargin?: number;
}

export class TokenBucket {
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #margin: number;
  #rate: Rate | undefined;
  #intervalMs = 0;
  /** When the next token is due if nothing is left; -Infinity when the bucket is full. */
  #tat = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #turn: Promise<unknown> = Promise.resolve();

  /** `rate` undefined: no pacing (an unknown limit), only pauses apply. */
  constructor(clock: Clock, rate: Rate | undefined, opts: TokenBucketOptions = {}) {
    this.#clock = clock;
    this.#capacity = Math.max(1, Math.floor(opts.capacity ?? 1));
    this.#margin = Math.max(0, opts.safetyMargin ?? 0);
    this.setRate(rate);
  }

  get rate(): Rate | undefined {
    return this.#rate;
  }

  /** Spacing between calls, in ms (0 when unpaced). */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Changes the pace from now on; tokens already granted stay granted. */
  setRate(rate: Rate | undefined): void {
    if (rate !== undefined && !(rate.limit > 0 && rate.windowMs > 0)) {
      throw new RangeError(`invalid rate: ${rate.limit} per ${rate.windowMs} ms`);
    }
    this.#rate = rate;
    this.#intervalMs = rate ? (rate.windowMs / rate.limit) * (1 + this.#margin) : 0;
  }

  /** No token before `at` (a server's Retry-After, or a cooldown). Never shortens an earlier pause. */
  pauseUntil(at: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, at);
  }

  /** How long until a token can be taken (0: now). */
  waitMs(now = this.#clock.now()): number {
    const burst = (this.#capacity - 1) * this.#intervalMs;
    return Math.max(0, this.#pausedUntil - now, this.#tat - burst - now);
  }

  /** Takes a token now. Callers check `waitMs()` first; taking early only pushes later tokens back. */
  take(now = this.#clock.now()): void {
    this.#tat = Math.max(this.#tat, now) + this.#intervalMs;
  }

  /** Runs `section` after every earlier section has finished: callers get tokens in the order they asked. */
  exclusive<T>(section: () => Promise<T>): Promise<T> {
    const run = this.#turn.then(section);
    this.#turn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
