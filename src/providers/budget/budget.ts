// The process's rate budget: one window per (app, endpoint group) — per account for `login` —
// plus a bound on requests in flight over all apps. Built once by the composition root and handed
// to the provider, which spends from it for every request it makes (list pages, writes, re-reads,
// polls, sends, media uploads, token mints and logins alike), so a whole run — plan, apply and
// verify — shares one budget per (app, group) and provokes no 429 of its own.
//
// A limit that is known (documented, or configured) is paced exactly (rate-window.ts). A limit that
// is unknown is learned from the first 429:
//
// - until it is learned, the window lets one request of that app and group out at a time, so
//   crossing the limit costs exactly one 429 instead of one per request in flight;
// - at a 429 the window pauses until Retry-After, or one whole window when the server did not say
//   (the documented cooldown), and the limit is taken as the number of our requests the server
//   accepted in the window that ended at that 429: from `now + retryAfter - window` (a fixed window
//   resets then, a rolling one frees its oldest slot then) or else the last window before the
//   rejected request;
// - a 429 at a known pace (someone else spends the same budget, or a blip) lowers it by 10 %;
//   each window that then passes without a 429 raises it by 10 % again, up to the configured
//   limit, or the learned one (never above: probing would cost 429s); a 429 at the learned
//   ceiling itself lowers the ceiling too.
//
// 429s of requests sent before the last lowering are only honoured (pause), not learned from:
// they belong to the burst that taught us the limit.
//
// Requests waiting on one window leave in priority order (`normal` before `poll`), then in the
// order they asked. A wait long enough to notice is announced once, as a `rate_wait` event.

import type { Clock } from "../../model/clock.js";
import { RemoteError } from "../../model/errors.js";
import type { CoreEvent } from "../../model/events.js";
import type { CallPriority, EndpointGroup } from "../port.js";
import { DEFAULT_SAFETY_MARGIN, type Rate, RateWindow } from "./rate-window.js";
import { Semaphore } from "./semaphore.js";

/** Which budget a request spends from. */
export interface RequestMeter {
  /** The app whose budget it is (the alias names it in messages); absent for `login`. */
  app?: { appId: string; alias: string; rateLimitPerMinute?: number | undefined };
  group: EndpointGroup;
}

export interface SpendOptions {
  /** Gives the wait up: rejects with the signal's reason, nothing is sent. */
  signal?: AbortSignal | undefined;
  priority?: CallPriority | undefined;
}

export interface RateBudget {
  /**
   * Runs `send` once the window of the meter's budget and the in-flight bound allow, passing the
   * time the request leaves. A RemoteError of kind `rate_limited` thrown by `send` pauses and
   * teaches the window. Rejects with the signal's reason if aborted while waiting (never once
   * `send` runs).
   */
  spend<T>(meter: RequestMeter, send: (sentAt: number) => Promise<T>, opts?: SpendOptions): Promise<T>;
  /** The pace of a budget now: undefined while its limit is unknown. */
  rateOf(meter: RequestMeter): Rate | undefined;
}

export interface BudgetOptions {
  clock: Clock;
  /** Requests in flight at once over all apps (default 16). */
  parallelism?: number;
  /** Extra span on top of each window, as a fraction (default 0.02). */
  safetyMargin?: number;
  /** Known limits per group, over the documented ones (DOCUMENTED below). */
  limits?: Partial<Record<EndpointGroup, Rate>>;
  /** `rate_wait` (waits of at least `announceAfterMs`) and `rate_learned` events. */
  emit?: (event: CoreEvent) => void;
  /** Shortest wait worth announcing (default 1 s). */
  announceAfterMs?: number;
}

/** Requests in flight at once over all apps (`--parallelism`): plan's reads, apply's writes, verify's polls. */
export const DEFAULT_PARALLELISM = 16;

/** Limits the Partner API documents and that waform trusts without learning (reference §9, §1.2). */
const DOCUMENTED: Partial<Record<EndpointGroup, Rate>> = {
  login: { limit: 10, windowMs: 60_000 },
  token: { limit: 10, windowMs: 60_000 },
  // the send pages say 10 a minute, the rate table 10 a second: budget the lower (send-apis.md §9)
  send: { limit: 10, windowMs: 60_000 },
};

/** The window each group's limit is counted in when it has to be learned (rate table: per minute or per second). */
const WINDOW_MS: Record<EndpointGroup, number> = {
  login: 60_000,
  token: 60_000,
  templates: 60_000,
  delete: 1_000,
  media: 1_000,
  send: 60_000,
};

/**
 * The least a group is documented to allow (templates: 10 a minute per app). A 429 that comes
 * sooner is taken as someone else's burst, not as the limit: learning less would slow the whole
 * run for one blip, and if the limit really is lower, the next 429s lower the pace further.
 */
const DOCUMENTED_FLOOR: Partial<Record<EndpointGroup, number>> = { templates: 10, token: 10, login: 10 };

/** Lowering factor when a known pace still meets a 429, and the recovery per calm window. */
const DECREASE = 0.9;
const RECOVER = 1.1;
const PRIORITY: Record<CallPriority, number> = { normal: 0, poll: 1 };

interface Send {
  seq: number;
  at: number;
  rejected: boolean;
}

interface Waiter {
  priority: number;
  signal?: AbortSignal | undefined;
  grant: (send: Send, releaseSlot: () => void) => void;
}

class Lane {
  readonly window: RateWindow;
  readonly windowMs: number;
  readonly configured: boolean;
  /** The pace never goes above this: the configured limit, or the lowest one learned. */
  ceiling: Rate | undefined;
  inFlight = 0;
  /** When the pace was last lowered: 429s of requests sent before it taught nothing new. */
  lastChangedAt = Number.NEGATIVE_INFINITY;
  /** Start of the current stretch without a 429 (the end of the last pause). */
  calmSince = Number.NEGATIVE_INFINITY;
  /** The resume time of the last wait announced, so one wait is announced once. */
  announcedUntil = Number.NEGATIVE_INFINITY;
  readonly sends: Send[] = [];
  readonly queue: Waiter[] = [];
  pumping = false;
  #seq = 0;
  #wake: AbortController | undefined;

  constructor(
    readonly meter: RequestMeter,
    readonly clock: Clock,
    rate: Rate | undefined,
    safetyMargin: number,
  ) {
    this.windowMs = rate?.windowMs ?? WINDOW_MS[meter.group];
    this.window = new RateWindow(clock, rate, { safetyMargin, historyMs: this.windowMs });
    this.ceiling = rate;
    this.configured = rate !== undefined;
  }

  /** One request at a time while the limit is unknown; the window alone decides afterwards. */
  get full(): boolean {
    return this.window.rate === undefined && this.inFlight >= 1;
  }

  /** The waiter to serve next: highest priority, then first come (the queue is in arrival order). */
  head(): Waiter | undefined {
    let best: Waiter | undefined;
    for (const w of this.queue) if (!best || w.priority < best.priority) best = w;
    return best;
  }

  remove(waiter: Waiter): void {
    const i = this.queue.indexOf(waiter);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** After a calm window at a lowered pace, one step back up towards the ceiling. */
  recover(now: number): Rate | undefined {
    const rate = this.window.rate;
    if (!rate || !this.ceiling || rate.limit >= this.ceiling.limit) return undefined;
    if (now - this.calmSince < this.windowMs) return undefined;
    const raised = { ...rate, limit: Math.min(this.ceiling.limit, Math.ceil(rate.limit * RECOVER)) };
    this.window.setRate(raised);
    this.calmSince = now;
    return raised;
  }

  record(at: number): Send {
    const send = { seq: this.#seq++, at, rejected: false };
    this.sends.push(send);
    // keep two windows: enough for any count we make
    while (this.sends.length && this.sends[0]!.at < at - 2 * this.windowMs) this.sends.shift();
    return send;
  }

  /** Resolves after `ms` (or at the next release / queue change when `ms` is undefined), or at a poke. */
  async idle(ms?: number): Promise<void> {
    const wake = new AbortController();
    this.#wake = wake;
    try {
      if (ms === undefined) {
        await new Promise<void>((resolve) => wake.signal.addEventListener("abort", () => resolve()));
      } else {
        await this.clock.sleep(ms, wake.signal).catch(() => {});
      }
    } finally {
      if (this.#wake === wake) this.#wake = undefined;
    }
  }

  /** Something the pump waits on changed: a request finished, a waiter left. */
  poke(): void {
    this.#wake?.abort();
  }
}

export function createBudget(options: BudgetOptions): RateBudget {
  const { clock } = options;
  const slots = new Semaphore(options.parallelism ?? DEFAULT_PARALLELISM);
  const safetyMargin = options.safetyMargin ?? DEFAULT_SAFETY_MARGIN;
  const announceAfterMs = options.announceAfterMs ?? 1_000;
  const lanes = new Map<string, Lane>();

  function known(meter: RequestMeter): Rate | undefined {
    const perMinute = meter.app?.rateLimitPerMinute;
    if (meter.group === "templates" && perMinute !== undefined) return { limit: perMinute, windowMs: 60_000 };
    return options.limits?.[meter.group] ?? DOCUMENTED[meter.group];
  }

  function lane(meter: RequestMeter): Lane {
    // keyed by app id: two aliases of one app share its budget
    const id = `${meter.app?.appId ?? ""}\u0000${meter.group}`;
    let l = lanes.get(id);
    if (!l) {
      l = new Lane(meter, clock, known(meter), safetyMargin);
      lanes.set(id, l);
    }
    return l;
  }

  function announce(l: Lane, waitMs: number, now: number): void {
    if (waitMs < announceAfterMs || !options.emit) return;
    const until = now + waitMs;
    // a pump woken early that goes back to the same wait says nothing new
    if (Math.abs(until - l.announcedUntil) < announceAfterMs) return;
    l.announcedUntil = until;
    const rate = l.window.rate;
    options.emit({
      type: "rate_wait",
      ...(l.meter.app && { app: l.meter.app.alias }),
      group: l.meter.group,
      ...(rate && { rate }),
      cause: l.window.pausedUntil > now ? "paused" : "pace",
      waitMs,
    });
  }

  /** Serves a lane's queue: one grant at a time, each when the window and a slot allow. */
  async function pump(l: Lane): Promise<void> {
    if (l.pumping) return;
    l.pumping = true;
    try {
      for (let head = l.head(); head; head = l.head()) {
        if (l.full) {
          await l.idle();
          continue;
        }
        const now = clock.now();
        const ms = l.window.waitMs(now);
        if (ms > 0) {
          announce(l, ms, now);
          await l.idle(ms);
          continue;
        }
        let releaseSlot: () => void;
        try {
          releaseSlot = await slots.acquire(head.signal);
        } catch {
          continue; // the head gave up while waiting for a slot: its abort handler took it out
        }
        // while we waited for the slot the head may have left, or a 429 paused the window
        if (!l.queue.includes(head) || l.full || l.window.waitMs() > 0) {
          releaseSlot();
          continue;
        }
        l.remove(head);
        const at = clock.now();
        l.window.take(at);
        l.inFlight++;
        head.grant(l.record(at), releaseSlot);
      }
    } finally {
      l.pumping = false;
    }
  }

  function acquire(l: Lane, opts: SpendOptions): Promise<{ send: Send; releaseSlot: () => void }> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        l.remove(waiter);
        l.poke();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        priority: PRIORITY[opts.priority ?? "normal"],
        signal,
        grant: (send, releaseSlot) => {
          signal?.removeEventListener("abort", onAbort);
          resolve({ send, releaseSlot });
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      l.queue.push(waiter);
      void pump(l);
    });
  }

  function onRateLimited(l: Lane, send: Send, retryAfterMs: number | undefined): void {
    const now = clock.now();
    send.rejected = true;
    // no Retry-After: the documented cooldown, a whole window of silence
    const resumeAt = now + (retryAfterMs ?? l.windowMs);
    l.window.pauseUntil(resumeAt);
    l.calmSince = Math.max(l.calmSince, resumeAt);
    if (send.at < l.lastChangedAt) return;
    const current = l.window.rate;
    const rate = current
      ? { limit: Math.max(1, Math.floor(current.limit * DECREASE)), windowMs: current.windowMs }
      : { limit: acceptedBefore(l, send, retryAfterMs, now), windowMs: l.windowMs };
    l.window.setRate(rate);
    // a learned ceiling is an estimate: a 429 at that pace proves it too high; a configured one stays
    if (!l.configured && (!l.ceiling || (current && current.limit >= l.ceiling.limit))) l.ceiling = rate;
    l.lastChangedAt = now;
    options.emit?.({
      type: "rate_learned",
      ...(l.meter.app && { app: l.meter.app.alias }),
      group: l.meter.group,
      rate,
    });
  }

  /** Our requests the server accepted in the window that the 429 closed (at least the documented floor). */
  function acceptedBefore(l: Lane, send: Send, retryAfterMs: number | undefined, now: number): number {
    const from = retryAfterMs !== undefined ? now + retryAfterMs - l.windowMs : send.at - l.windowMs;
    let accepted = 0;
    for (const s of l.sends) if (s.seq < send.seq && s.at >= from && !s.rejected) accepted++;
    return Math.max(1, DOCUMENTED_FLOOR[l.meter.group] ?? 1, accepted);
  }

  return {
    async spend(meter, send, opts = {}) {
      const l = lane(meter);
      const { send: sent, releaseSlot } = await acquire(l, opts);
      try {
        const value = await send(sent.at);
        l.recover(clock.now());
        return value;
      } catch (e) {
        if (e instanceof RemoteError && e.kind === "rate_limited") onRateLimited(l, sent, e.retryAfterMs);
        throw e;
      } finally {
        l.inFlight--;
        releaseSlot();
        l.poke();
      }
    },
    rateOf: (meter) => lane(meter).window.rate,
  };
}
