// When to retry a failed call and how long to wait first. Pure: the caller sleeps on its Clock.

import { RemoteError } from "../model/errors.js";

export interface RetryPolicy {
  /** Write attempts per change, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * The wait before attempt `attempt + 1`. None after a 429: the provider's rate budget has paused
 * that app's window (until Retry-After, else for a whole window) and holds the retry until then,
 * so a wait here would only add to it. Otherwise what the server asked for (Retry-After) when it
 * said, else "full jitter" exponential backoff, uniform in [0, min(max, base * 2^(attempt-1))),
 * which spreads retries of many changes that failed together.
 */
export function retryDelayMs(
  attempt: number,
  error: unknown,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (error instanceof RemoteError && error.kind === "rate_limited") return 0;
  if (error instanceof RemoteError && error.retryAfterMs !== undefined)
    return Math.max(0, error.retryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * True when the call may have taken effect although no success was seen: the provider says so, or
 * the failure is transient and no response came back (timeout, reset). Such a write must be
 * checked against the remote before it is repeated.
 */
export function isAmbiguous(error: RemoteError): boolean {
  return error.ambiguous || (error.kind === "transient" && error.status === undefined);
}
