// The sandbox's tunable behaviour. Every field has a default that mimics the real Partner API
// (README.md, "Configuration"); tests and the admin API change them at run time.

/**
 * Meta review, simulated: a PENDING template whose body matches `pattern` is REJECTED with `reason`
 * (`$1`…`$9`: the pattern's groups).
 */
export interface ReviewRule {
  /** A JavaScript regular expression source, matched against the template body. */
  pattern: string;
  flags?: string;
  reason: string;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface SandboxConfig {
  /** How long a template stays PENDING before review decides it. */
  approvalDelayMs: number;
  reviewRules: ReviewRule[];
  /** Per-bucket limits (per app when the path has an app id); `false` turns rate limiting off. */
  rateLimits: false | Record<string, RateLimit>;
  /** Whether list pages are numbered from 0 or from 1 (the real base is undocumented). */
  pageBase: 0 | 1;
  /** Accept any partner token (the "no setup" mode), or only those the login endpoint issued. */
  acceptAnyPartnerToken: boolean;
  /**
   * Send a wait header with 429 answers: `true` a `Retry-After`, `"x-rate-limit"` the
   * `X-Rate-Limit-Retry-After-Seconds` only the paginated-list page documents; `false` none, as
   * the other pages document.
   */
  retryAfterHeader: boolean | "x-rate-limit";
  /**
   * Refuse a second template with the same (elementName, languageCode), as the Partner API does.
   * `false` models a server whose duplicate check lags behind a retry: chaos tests use it to show
   * that only the client's reconciliation keeps a retried create from making a duplicate.
   */
  rejectDuplicates: boolean;
  /** Refuse (400) form requests that carry fields the endpoint does not document (they are always reported). */
  strict: boolean;
  /**
   * What an edit does to a field it omits, which Gupshup does not document: `keep` its value, or
   * `clear` it (Meta replaces all components). A field sent empty is cleared either way.
   */
  editOmitted: "keep" | "clear";
}

const MINUTE = 60_000;

export const DEFAULT_RATE_LIMITS: Record<string, RateLimit> = {
  login: { limit: 10, windowMs: MINUTE },
  token: { limit: 10, windowMs: MINUTE },
  // revoking UATs has its own documented 10 / 60 s (whether it shares the mint's count is unknown)
  "token-revoke": { limit: 10, windowMs: MINUTE },
  templates: { limit: 10, windowMs: MINUTE },
  delete: { limit: 10, windowMs: 1000 },
  media: { limit: 10, windowMs: 1000 },
  send: { limit: 10, windowMs: MINUTE },
};

/** Buckets a route names but the table above does not know: the documented default of 10 / s. */
export const FALLBACK_RATE_LIMIT: RateLimit = { limit: 10, windowMs: 1000 };

export const DEFAULT_REVIEW_RULES: ReviewRule[] = [
  { pattern: "REJECT_ME", reason: "INVALID_FORMAT" },
  // the body chooses the reason: `… REJECT_AS(Tag content is not allowed) …`
  { pattern: "REJECT_AS\\(([^)]*)\\)", reason: "$1" },
];

export function defaultConfig(): SandboxConfig {
  return {
    approvalDelayMs: 10_000,
    reviewRules: DEFAULT_REVIEW_RULES.map((r) => ({ ...r })),
    rateLimits: { ...DEFAULT_RATE_LIMITS },
    pageBase: 0,
    acceptAnyPartnerToken: true,
    retryAfterHeader: false,
    rejectDuplicates: true,
    strict: false,
    editOmitted: "clear",
  };
}

/** Applies a partial change (from the admin API or options), checking types so a typo fails loudly. */
export function mergeConfig(base: SandboxConfig, patch: Record<string, unknown>): SandboxConfig {
  const next: SandboxConfig = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case "approvalDelayMs":
        if (typeof value !== "number" || value < 0) throw new TypeError("approvalDelayMs must be >= 0");
        next.approvalDelayMs = value;
        break;
      case "reviewRules":
        if (!Array.isArray(value)) throw new TypeError("reviewRules must be an array");
        for (const r of value as ReviewRule[]) {
          if (typeof r?.pattern !== "string" || typeof r?.reason !== "string") {
            throw new TypeError("each review rule needs a string pattern and reason");
          }
          new RegExp(r.pattern, r.flags); // throws on a bad pattern
        }
        next.reviewRules = value as ReviewRule[];
        break;
      case "rateLimits":
        if (value === false) next.rateLimits = false;
        else if (value && typeof value === "object") {
          next.rateLimits = { ...(next.rateLimits || DEFAULT_RATE_LIMITS) };
          for (const [bucket, limit] of Object.entries(value as Record<string, RateLimit>)) {
            if (typeof limit?.limit !== "number" || typeof limit?.windowMs !== "number") {
              throw new TypeError(`rateLimits.${bucket} needs numeric limit and windowMs`);
            }
            next.rateLimits[bucket] = { limit: limit.limit, windowMs: limit.windowMs };
          }
        } else throw new TypeError("rateLimits must be false or an object");
        break;
      case "pageBase":
        if (value !== 0 && value !== 1) throw new TypeError("pageBase must be 0 or 1");
        next.pageBase = value;
        break;
      case "editOmitted":
        if (value !== "keep" && value !== "clear")
          throw new TypeError('editOmitted must be "keep" or "clear"');
        next.editOmitted = value;
        break;
      case "retryAfterHeader":
        if (typeof value !== "boolean" && value !== "x-rate-limit")
          throw new TypeError('retryAfterHeader must be a boolean or "x-rate-limit"');
        next.retryAfterHeader = value;
        break;
      case "acceptAnyPartnerToken":
      case "rejectDuplicates":
      case "strict":
        if (typeof value !== "boolean") throw new TypeError(`${key} must be a boolean`);
        next[key] = value;
        break;
      default:
        throw new TypeError(`unknown sandbox setting: ${key}`);
    }
  }
  return next;
}
