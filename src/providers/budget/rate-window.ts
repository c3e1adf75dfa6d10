// Pacing for one budget: at most `limit` requests in any window of `windowMs`, kept as the log of
// when our requests left, read from an injected Clock (a virtual clock makes waits free in tests).
//
// Why a window and not a token bucket: the Partner API documents "N per minute" with a cooldown of
// one window, i.e. a fixed or rolling window. Any schedule with at most N requests in every span of
// one window satisfies both kinds, and the fastest such schedule sends N at once and the next N one
// window later: n requests take (⌈n / N⌉ − 1) windows, the bound a limit implies. Spacing requests
// evenly (window / N apart) would take (n − 1) / N windows, up to twice as long for small n; a
// bucket that starts full lets 2N through in the first window, which a window server answers
// with 429s.
//
// The span counted is one window plus a margin (2 % of it, at least 100 ms): the server stamps a
// request when it arrives, after a latency that differs from one request to the next.

import type { Clock } from "../../model/clock.js";

/** `limit` requests per `windowMs`. */
export interface Rate {
  limit: number;
  windowMs: number;
}

export const DEFAULT_SAFETY_MARGIN = 0.02;
const MIN_MARGIN_MS = 100;

export class RateWindow {
  readonly #clock: Clock;
  readonly #margin: number;
  #rate: Rate | undefined;
  /** How much history to keep: the window of the path, also while its limit is unknown. */
  readonly #historyMs: number;
  /** When each recent request left, oldest first. */
  #sent: number[] = [];
  #pausedUntil = Number.NEGATIVE_INFINITY;

  /**
   * `rate` undefined: no pacing (an unknown limit), only pauses apply; what was sent is still
   * remembered for `historyMs` (default: the rate's window, else a minute), so a limit learned
   * later counts the requests already made.
   */
  constructor(
    clock: Clock,
    rate: Rate | undefined,
    opts: { safetyMargin?: number; historyMs?: number } = {},
  ) {
    this.#clock = clock;
    this.#margin = Math.max(0, opts.safetyMargin ?? DEFAULT_SAFETY_MARGIN);
    this.#historyMs = opts.historyMs ?? rate?.windowMs ?? 60_000;
    this.setRate(rate);
  }

  get rate(): Rate | undefined {
    return this.#rate;
  }

  get pausedUntil(): number {
    return this.#pausedUntil;
  }

  /** The span a request counts in: the window plus the margin. */
  get spanMs(): number {
    const w = this.#rate?.windowMs ?? 0;
    return w + Math.max(w * this.#margin, MIN_MARGIN_MS);
  }

  /** Changes the pace from now on; requests already sent keep counting. */
  setRate(rate: Rate | undefined): void {
    if (rate !== undefined && !(rate.limit >= 1 && rate.windowMs > 0)) {
      throw new RangeError(`invalid rate: ${rate.limit} per ${rate.windowMs} ms`);
    }
    this.#rate = rate && { limit: Math.floor(rate.limit), windowMs: rate.windowMs };
  }

  /** No request before `at` (a server's Retry-After, or a cooldown). Never shortens an earlier pause. */
  pauseUntil(at: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, at);
  }

  /** How long until a request may leave (0: now). */
  waitMs(now = this.#clock.now()): number {
    const paused = this.#pausedUntil - now;
    const rate = this.#rate;
    if (!rate) return Math.max(0, paused);
    this.#prune(now);
    const full =
      this.#sent.length >= rate.limit ? this.#sent[this.#sent.length - rate.limit]! + this.spanMs - now : 0;
    return Math.max(0, paused, full);
  }

  /** Counts a request leaving now. Callers check `waitMs()` first. */
  take(now = this.#clock.now()): void {
    this.#sent.push(now);
    this.#prune(now);
  }

  #prune(now: number): void {
    // older requests count in no window, whatever limit is learned later
    const horizon = now - 2 * Math.max(this.spanMs, this.#historyMs);
    let drop = 0;
    while (drop < this.#sent.length && this.#sent[drop]! <= horizon) drop++;
    if (drop) this.#sent.splice(0, drop);
  }
}
