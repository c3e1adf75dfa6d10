export { applyPlan, DEFAULT_PER_APP_CONCURRENCY } from "./apply.js";
export { withRateLimits } from "./rate-limited-provider.js";
export {
  createRateLimiter,
  DEFAULT_PARALLELISM,
  type LearnedLimit,
  type RateLimiter,
  type RateLimiterOptions,
} from "./rate-limiter.js";
export { DEFAULT_RETRY, type RetryPolicy } from "./retry.js";
export type { Rate } from "./token-bucket.js";
export * from "./types.js";
