// What one running sandbox holds besides its simulated state: the fault injector and counters the
// admin API can replace, the rate limiter, the routes, and the timers of delayed answers (cleared
// on close). The request handler and the control object share it.

import type { SandboxClock } from "./clock.js";
import type { SandboxEngine } from "./engine.js";
import { type FaultConfig, FaultInjector } from "./faults.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { SandboxRoute } from "./route.js";
import { emptyStats, type RequestCounters } from "./stats.js";

export class SandboxRuntime {
  faults: FaultInjector;
  stats: RequestCounters = emptyStats();
  closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly engine: SandboxEngine,
    readonly limiter: RateLimiter,
    readonly routes: readonly SandboxRoute[],
    readonly clock: SandboxClock,
    readonly seed: number,
    faults: FaultConfig,
    readonly onError: (err: unknown) => void,
  ) {
    this.faults = new FaultInjector({ seed, ...faults });
  }

  setFaults(next: FaultConfig): void {
    this.faults = new FaultInjector({ seed: this.seed, ...next });
  }

  /** Waits `ms` of real time; cut short (never resolved) by close(). */
  delay(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.engine.flush();
  }
}
