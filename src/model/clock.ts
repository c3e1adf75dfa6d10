/**
 * Time as a dependency. The core never reads the system clock: it is handed a Clock, so tests can
 * use a virtual one and approval delays or quotas need no real waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` (virtual or real); rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
