// The sandbox's sense of time. Approval delays, token lifetimes, edit quotas and rate-limit windows
// all read this clock, so tests can jump hours ahead without waiting. Injected latency is the one
// thing that stays in real time (it exists to exercise the client's real timeouts).

import type { Clock } from "../model/clock.js";
import { sleep, systemClock } from "../platform/clock.js";

/** A Clock that can be moved forward by hand. */
export interface SandboxClock extends Clock {
  /** Moves time forward by `ms` and wakes the sleepers that are due. */
  advance(ms: number): void;
}

interface Sleeper {
  due: number;
  resolve(): void;
}

/** Time that only moves when `advance` is called. `sleep` resolves once the clock reaches the deadline. */
export function createVirtualClock(startMs: number): SandboxClock {
  let now = startMs;
  let sleepers: Sleeper[] = [];
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        if (ms <= 0) return resolve();
        const sleeper: Sleeper = {
          due: now + ms,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        sleepers.push(sleeper);
      });
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
      now += ms;
      const due = sleepers.filter((s) => s.due <= now).sort((a, b) => a.due - b.due);
      sleepers = sleepers.filter((s) => s.due > now);
      for (const s of due) s.resolve();
    },
  };
}

/**
 * Real time plus an offset that `advance` grows: what the standalone and embedded sandboxes use, so
 * approvals happen on their own but `/__sandbox/clock/advance` can still skip a 24 h quota.
 */
export function createOffsetClock(): SandboxClock {
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    sleep,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
      offset += ms;
    },
  };
}
