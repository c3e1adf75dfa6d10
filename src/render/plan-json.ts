// `waform plan --format json`: the plan's public document (plan/plan-document.ts), byte for byte
// what `--out` saves.

import { planToJson } from "../plan/plan-document.js";
import type { Plan } from "../plan/types.js";

export function renderPlanJson(plan: Plan): string {
  return planToJson(plan);
}
