// Sliding-window rate limits per (bucket, app), on the sandbox clock. A refused call does not count
// against the window, as with a token bucket that stays empty.

import type { SandboxClock } from "./clock.js";
import { FALLBACK_RATE_LIMIT, type SandboxConfig } from "./config.js";

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimiter {
  private calls = new Map<string, number[]>();

  constructor(
    private readonly config: () => SandboxConfig,
    private readonly clock: SandboxClock,
  ) {}

  take(bucket: string, appId: string | undefined): RateDecision {
    const limits = this.config().rateLimits;
    if (limits === false) return { ok: true };
    const { limit, windowMs } = limits[bucket] ?? FALLBACK_RATE_LIMIT;
    const key = `${bucket}\u0000${appId ?? ""}`;
    const now = this.clock.now();
    const recent = (this.calls.get(key) ?? []).filter((at) => at > now - windowMs);
    if (recent.length >= limit) {
      this.calls.set(key, recent);
      return { ok: false, retryAfterMs: recent[0]! + windowMs - now };
    }
    recent.push(now);
    this.calls.set(key, recent);
    return { ok: true };
  }

  reset(): void {
    this.calls.clear();
  }
}
