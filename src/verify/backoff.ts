// The poll schedule: a few seconds at first, when a fresh template may be approved quickly (Meta
// often answers in under a minute), growing to a minute so that a long review spends little of
// the app's 10-calls-a-minute budget that listing shares with creates and edits.

export interface BackoffOptions {
  /** First wait between polls. Default 3 s. */
  initialIntervalMs?: number;
  /** Longest wait between polls. Default 60 s. */
  maxIntervalMs?: number;
  /** Growth per cycle. Default 2. */
  factor?: number;
}

export const DEFAULT_INITIAL_INTERVAL_MS = 3_000;
export const DEFAULT_MAX_INTERVAL_MS = 60_000;
const DEFAULT_FACTOR = 2;

/** The wait before poll `n + 1`, for n = 0, 1, 2, … (pure). */
export function pollInterval(n: number, opts: BackoffOptions = {}): number {
  const initial = Math.max(0, opts.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS);
  const max = Math.max(initial, opts.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS);
  const factor = Math.max(1, opts.factor ?? DEFAULT_FACTOR);
  return Math.min(max, Math.round(initial * factor ** Math.max(0, n)));
}
