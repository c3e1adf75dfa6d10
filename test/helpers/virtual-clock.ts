// A Clock whose time only moves when the test (or the code under test) lets it. With auto-advance
// (the default) a sleep costs no real time: once every pending promise has settled, the clock jumps
// to the earliest sleeper and wakes it, so parallel sleepers wake in the order real time would.

import type { Clock } from "../../src/model/clock.js";

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  #sleepers: Sleeper[] = [];
  #tickScheduled = false;
  readonly autoAdvance: boolean;
  readonly #busy: () => boolean;

  /**
   * `start` defaults to 2025-01-01T00:00:00Z so epoch-ms values in tests look real. `busy`: while
   * it says so (real I/O in flight, e.g. an HTTP request to a sandbox on this clock), time does not
   * jump, so a request takes no virtual time and the server stamps it when the client sent it.
   */
  constructor(start = Date.UTC(2025, 0, 1), opts: { autoAdvance?: boolean; busy?: () => boolean } = {}) {
    this.#now = start;
    this.autoAdvance = opts.autoAdvance ?? true;
    this.#busy = opts.busy ?? (() => false);
  }

  now(): number {
    return this.#now;
  }

  /** Number of sleeps not yet woken. */
  get pending(): number {
    return this.#sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve, reject, signal };
      if (signal) {
        sleeper.onAbort = () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        };
        signal.addEventListener("abort", sleeper.onAbort, { once: true });
      }
      this.#sleepers.push(sleeper);
      this.#scheduleTick();
    });
  }

  /** Moves time forward by `ms`, waking every sleeper due by then (in time order). */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#earliest();
      if (!next || next.at > target) break;
      this.#wake(next.at);
      await flush();
    }
    this.#now = target;
  }

  #earliest(): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.#sleepers) {
      if (!best || s.at < best.at || (s.at === best.at && s.seq < best.seq)) best = s;
    }
    return best;
  }

  #wake(at: number): void {
    this.#now = Math.max(this.#now, at);
    const due = this.#sleepers.filter((s) => s.at <= this.#now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.#sleepers = this.#sleepers.filter((s) => s.at > this.#now);
    for (const s of due) {
      if (s.signal && s.onAbort) s.signal.removeEventListener("abort", s.onAbort);
      s.resolve();
    }
  }

  #scheduleTick(): void {
    if (!this.autoAdvance || this.#tickScheduled) return;
    this.#tickScheduled = true;
    // setImmediate runs after every pending microtask, i.e. once the code under test is idle
    setImmediate(() => {
      if (this.#busy()) {
        // look again once the I/O under way has had a chance to finish
        setTimeout(() => {
          this.#tickScheduled = false;
          this.#scheduleTick();
        }, 1);
        return;
      }
      this.#tickScheduled = false;
      const next = this.#earliest();
      if (!next) return;
      this.#wake(next.at);
      if (this.#sleepers.length) this.#scheduleTick();
    });
  }
}

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
