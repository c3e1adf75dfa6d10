// The rate budget: what the composition root builds once and the provider spends from.

export {
  type BudgetOptions,
  createBudget,
  DEFAULT_PARALLELISM,
  type RateBudget,
  type RequestMeter,
  type SpendOptions,
} from "./budget.js";
export type { Rate } from "./rate-window.js";
