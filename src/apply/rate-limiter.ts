// One token bucket per (app, endpoint), plus a bound on requests in flight over all apps. A limit
// that is configured is paced exactly; a limit that is unknown is learned from the first 429:
//
// - until it is learned, the bucket lets one request of that app and endpoint out at a time, so
//   crossing the limit costs exactly one 429 instead of one per request in flight;
// - at a 429 the bucket pauses until Retry-After (or one window when the server did not say), and
//   the limit is taken as the number of our requests the server accepted in the window that ended
//   at that 429: from `now + retryAfter - window` (a fixed window resets then, a rolling one frees
//   its oldest slot then) or else the last window before the rejected request;
// - a 429 at a known pace (someone else spends the same budget, or a blip) lowers it by 10 %;
//   each window that then passes without a 429 raises it by 10 % again, up to the configured
//   limit, or the learned one (never above: probing would cost 429s); a 429 at the learned
//   ceiling itself lowers the ceiling too.
//
// 429s of requests sent before the last lowering are only honoured (pause), not learned from:
// they belong to the burst that taught us the limit.

import type { AppConfig } from "../model/app.js";
import type { Clock } from "../model/clock.js";
import { RemoteError } from "../model/errors.js";
import type { Endpoint } from "../providers/port.js";
import { Semaphore } from "./semaphore.js";
import { type Rate, TokenBucket } from "./token-bucket.js";
import type { RateLimits } from "./types.js";

export interface LearnedLimit {
  app: AppConfig;
  endpoint: Endpoint;
  rate: Rate;
}

export interface RateLimiterOptions {
  /** Requests in flight at once over all apps (default 16). */
  parallelism?: number;
  limits?: RateLimits;
  /** Told each time a limit is learned or lowered after a 429. */
  onLearn?: (learned: LearnedLimit) => void;
}

export interface RateLimiter {
  /**
   * Runs `fn` once the bucket of (app, endpoint) and the in-flight bound allow, passing the time
   * the request goes out. A RemoteError of kind `rate_limited` thrown by `fn` pauses and teaches
   * the bucket. Rejects with the signal's reason if aborted while waiting (never once `fn` runs).
   */
  run<T>(
    app: AppConfig,
    endpoint: Endpoint,
    fn: (sentAt: number) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>;
  /** The pace of a bucket now: undefined while the limit is unknown. */
  rateOf(app: AppConfig, endpoint: Endpoint): Rate | undefined;
}

export const DEFAULT_PARALLELISM = 16;
const DEFAULT_SAFETY_MARGIN = 0.02;
/** Lowering factor when a learned or configured pace still meets a 429, and the recovery per clean window. */
const DECREASE = 0.9;
const RECOVER = 1.1;

/**
 * The least a path is documented to allow (templates: 10 a minute per app). A 429 that comes
 * sooner is taken as someone else's burst, not as the limit: learning less would slow the whole
 * run for one blip, and if the limit really is lower, the next 429s lower the pace further.
 */
const DOCUMENTED_FLOOR: Partial<Record<Endpoint, number>> = { templates: 10, token: 10 };

/** The window each path's limit is counted in (Partner API rate table: per minute or per second). */
const WINDOW_MS: Record<Endpoint, number> = {
  token: 60_000,
  templates: 60_000,
  delete: 1_000,
  media: 1_000,
  send: 60_000,
};

interface Send {
  seq: number;
  at: number;
  rejected: boolean;
}

class Lane {
  readonly bucket: TokenBucket;
  readonly windowMs: number;
  inFlight = 0;
  /** When the pace was last lowered: 429s of requests sent before it taught nothing new. */
  lastChangedAt = Number.NEGATIVE_INFINITY;
  /** Start of the current stretch without a 429 (the end of the last pause). */
  calmSince = Number.NEGATIVE_INFINITY;
  /** The pace never goes above this: the configured limit, or the lowest one learned. */
  ceiling: Rate | undefined;
  readonly configured: boolean;
  readonly sends: Send[] = [];
  #seq = 0;
  #freed: (() => void)[] = [];

  constructor(
    readonly app: AppConfig,
    readonly endpoint: Endpoint,
    clock: Clock,
    rate: Rate | undefined,
    safetyMargin: number,
  ) {
    this.windowMs = rate?.windowMs ?? WINDOW_MS[endpoint];
    this.bucket = new TokenBucket(clock, rate, { safetyMargin });
    this.ceiling = rate;
    this.configured = rate !== undefined;
  }

  /** After a clean window at a lowered pace, one step back up towards the ceiling. */
  recover(now: number): Rate | undefined {
    const rate = this.bucket.rate;
    if (!rate || !this.ceiling || rate.limit >= this.ceiling.limit) return undefined;
    if (now - this.calmSince < this.windowMs) return undefined;
    const raised = { ...rate, limit: Math.min(this.ceiling.limit, Math.ceil(rate.limit * RECOVER)) };
    this.bucket.setRate(raised);
    this.calmSince = now;
    return raised;
  }

  /** One request at a time while the limit is unknown; the pace alone decides afterwards. */
  get full(): boolean {
    return this.bucket.rate === undefined && this.inFlight >= 1;
  }

  record(at: number): Send {
    const send = { seq: this.#seq++, at, rejected: false };
    this.sends.push(send);
    // keep two windows: enough for any count we make
    while (this.sends.length && this.sends[0]!.at < at - 2 * this.windowMs) this.sends.shift();
    return send;
  }

  /** Resolves at the next release; rejects on abort. */
  freed(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#freed = this.#freed.filter((f) => f !== wake);
        reject(signal?.reason);
      };
      const wake = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#freed.push(wake);
    });
  }

  release(): void {
    this.inFlight--;
    const waiters = this.#freed;
    this.#freed = [];
    for (const wake of waiters) wake();
  }
}

export function createRateLimiter(clock: Clock, options: RateLimiterOptions = {}): RateLimiter {
  const slots = new Semaphore(options.parallelism ?? DEFAULT_PARALLELISM);
  const limits = options.limits ?? {};
  const safetyMargin = limits.safetyMargin ?? DEFAULT_SAFETY_MARGIN;
  const lanes = new Map<string, Lane>();

  function configured(app: AppConfig, endpoint: Endpoint): Rate | undefined {
    const perMinute = app.rateLimitPerMinute ?? limits.templatesPerMinute;
    if (endpoint === "templates" && perMinute !== undefined) return { limit: perMinute, windowMs: 60_000 };
    if (endpoint === "delete" && limits.deletesPerSecond !== undefined) {
      return { limit: limits.deletesPerSecond, windowMs: 1_000 };
    }
    return undefined;
  }

  function lane(app: AppConfig, endpoint: Endpoint): Lane {
    // keyed by app id: two aliases of one app share its budget
    const id = `${app.appId}\u0000${endpoint}`;
    let l = lanes.get(id);
    if (!l) {
      l = new Lane(app, endpoint, clock, configured(app, endpoint), safetyMargin);
      lanes.set(id, l);
    }
    return l;
  }

  async function waitReady(l: Lane, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      if (l.full) {
        await l.freed(signal);
        continue;
      }
      const ms = l.bucket.waitMs();
      if (ms <= 0) return;
      await clock.sleep(ms, signal);
    }
  }

  /** Waits for the bucket, then for an in-flight slot; never holds a slot while the bucket waits. */
  function acquire(l: Lane, signal?: AbortSignal): Promise<{ send: Send; releaseSlot: () => void }> {
    return l.bucket.exclusive(async () => {
      for (;;) {
        await waitReady(l, signal);
        const releaseSlot = await slots.acquire(signal);
        // a 429 may have paused the bucket while we waited for the slot
        if (!l.full && l.bucket.waitMs() <= 0) {
          const now = clock.now();
          l.bucket.take(now);
          l.inFlight++;
          return { send: l.record(now), releaseSlot };
        }
        releaseSlot();
      }
    });
  }

  function onRateLimited(l: Lane, send: Send, retryAfterMs: number | undefined): void {
    const now = clock.now();
    send.rejected = true;
    const resumeAt = now + (retryAfterMs ?? l.windowMs);
    l.bucket.pauseUntil(resumeAt);
    l.calmSince = Math.max(l.calmSince, resumeAt);
    if (send.at < l.lastChangedAt) return;
    const current = l.bucket.rate;
    const rate = current
      ? { limit: Math.max(1, Math.floor(current.limit * DECREASE)), windowMs: current.windowMs }
      : { limit: acceptedBefore(l, send, retryAfterMs, now), windowMs: l.windowMs };
    l.bucket.setRate(rate);
    // a learned ceiling is an estimate: a 429 at that pace proves it too high; a configured one stays
    if (!l.configured && (!l.ceiling || (current && current.limit >= l.ceiling.limit))) l.ceiling = rate;
    l.lastChangedAt = now;
    options.onLearn?.({ app: l.app, endpoint: l.endpoint, rate });
  }

  /** Our requests the server accepted in the window that the 429 closed (at least the documented floor). */
  function acceptedBefore(l: Lane, send: Send, retryAfterMs: number | undefined, now: number): number {
    const from = retryAfterMs !== undefined ? now + retryAfterMs - l.windowMs : send.at - l.windowMs;
    let accepted = 0;
    for (const s of l.sends) if (s.seq < send.seq && s.at >= from && !s.rejected) accepted++;
    return Math.max(1, DOCUMENTED_FLOOR[l.endpoint] ?? 1, accepted);
  }

  return {
    async run(app, endpoint, fn, signal) {
      const l = lane(app, endpoint);
      const { send, releaseSlot } = await acquire(l, signal);
      try {
        const value = await fn(send.at);
        l.recover(clock.now());
        return value;
      } catch (e) {
        if (e instanceof RemoteError && e.kind === "rate_limited") onRateLimited(l, send, e.retryAfterMs);
        throw e;
      } finally {
        l.release();
        releaseSlot();
      }
    },
    rateOf: (app, endpoint) => lane(app, endpoint).bucket.rate,
  };
}
