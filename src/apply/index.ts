export { applyPlan, DEFAULT_PER_APP_CONCURRENCY } from "./apply.js";
export { DEFAULT_RETRY, type RetryPolicy } from "./retry.js";
export * from "./types.js";
