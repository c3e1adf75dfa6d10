// Request counters, for tests and tooling ("the 11th call got 429", "list was called once per cycle").

export interface SandboxStats {
  /** Requests to the simulated APIs (admin calls under /__sandbox/ are not counted). */
  total: number;
  /** Per `METHOD /path` as requested. */
  byPath: Record<string, number>;
  /** Per app id, for paths under /partner/app/{appId}/. */
  byApp: Record<string, number>;
  /** Per rate-limit bucket (`templates`, `token`, `send`, …). */
  byBucket: Record<string, number>;
  /**
   * Form fields the endpoint does not document, per `METHOD /path` and field name: what a client
   * sends beyond the documentation (with `strict`, such requests are refused).
   */
  undocumentedFields: Record<string, Record<string, number>>;
  /** Answers with status 429, whether from a rate limit or injected. */
  rateLimited: number;
  /** Universal app tokens active now, per app id (apps with none left out): read from the state. */
  activeAppTokens: Record<string, number>;
  /** Injected faults by kind. */
  faults: {
    reset: number;
    lost: number;
    error: number;
    rateLimited: number;
    delayed: number;
    /** Of the delayed, those delayed by a latency spike. */
    spiked: number;
  };
}

/** What the request handler counts; `activeAppTokens` is read from the state when stats are asked for. */
export type RequestCounters = Omit<SandboxStats, "activeAppTokens">;

export function emptyStats(): RequestCounters {
  return {
    total: 0,
    byPath: {},
    byApp: {},
    byBucket: {},
    undocumentedFields: {},
    rateLimited: 0,
    faults: { reset: 0, lost: 0, error: 0, rateLimited: 0, delayed: 0, spiked: 0 },
  };
}

export function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (counter[key] ?? 0) + 1;
}
