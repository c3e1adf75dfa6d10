// The real clock: the one place that reads the system time and sets timers for waiting. The core
// (model/, plan/, apply/, verify/) is handed a Clock and never touches either; the composition root
// (cli/), the Gupshup provider's default and the sandbox's real-time clock use this one.

import type { Clock } from "../model/clock.js";

/**
 * Resolves after `ms` of real time; rejects with the signal's reason as soon as it is aborted, so
 * Ctrl-C ends a wait at once instead of after it.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const systemClock: Clock = { now: () => Date.now(), sleep };
