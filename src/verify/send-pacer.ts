// Keeps test sends of channels outside the provider port (self-serve Gupshup, Kaleyra) within
// their API's budget: at most `perMinute` sends in any 60-second window per (app, channel). The
// Gupshup send pages say 10 a minute; their rate table says 10 a second; we budget the lower figure
// (send-apis.md §9, #27). Sends of the Partner API's own channel spend from the provider's budget
// instead. Sends under one key go one at a time, in the order they asked, so the report reads in a
// stable order.

import type { Clock } from "../model/clock.js";

export const DEFAULT_SENDS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

export class SendPacer {
  readonly #clock: Clock;
  readonly #perMinute: number;
  readonly #stamps = new Map<string, number[]>();
  readonly #queues = new Map<string, Promise<void>>();

  constructor(clock: Clock, perMinute = DEFAULT_SENDS_PER_MINUTE) {
    this.#clock = clock;
    this.#perMinute = Math.max(1, Math.floor(perMinute));
  }

  /** The gap a caller should leave before retrying a rate-limited send when the API did not say. */
  get spacingMs(): number {
    return Math.ceil(WINDOW_MS / this.#perMinute);
  }

  get perMinute(): number {
    return this.#perMinute;
  }

  /**
   * Runs `fn` when the budget of `key` allows, after every earlier call under that key has finished.
   * The send counts against the window from the moment it starts. `onWait` is told each wait.
   */
  run<T>(
    key: string,
    fn: () => Promise<T>,
    signal?: AbortSignal,
    onWait?: (waitMs: number) => void,
  ): Promise<T> {
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      await this.#waitForBudget(key, signal, onWait);
      return fn();
    });
    this.#queues.set(
      key,
      result.then(
        () => undefined,
        () => undefined,
      ),
    );
    return result;
  }

  async #waitForBudget(key: string, signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<void> {
    const stamps = this.#stamps.get(key) ?? [];
    this.#stamps.set(key, stamps);
    for (;;) {
      const now = this.#clock.now();
      while (stamps.length && stamps[0]! <= now - WINDOW_MS) stamps.shift();
      if (stamps.length < this.#perMinute) break;
      const waitMs = stamps[0]! + WINDOW_MS - now;
      onWait?.(waitMs);
      await this.#clock.sleep(waitMs, signal);
    }
    stamps.push(this.#clock.now());
  }
}
