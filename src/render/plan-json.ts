// `waform plan --format json`: the plan's public document (plan/plan-document.ts), byte for byte
// what `--out` saves. Spelled inert (render/inert.ts): other people's text keeps its exact value,
// but the characters JSON leaves raw (C1, bidi controls, U+2028) are written as `\uXXXX`, so the
// document parses back to exactly the same plan and never acts on a terminal it is printed to.

import { planToJson } from "../plan/plan-document.js";
import type { Plan } from "../plan/types.js";
import { inertJson } from "./inert.js";

export function renderPlanJson(plan: Plan): string {
  return inertJson(planToJson(plan));
}
