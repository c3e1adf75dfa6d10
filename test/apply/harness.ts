// One apply test setup: a virtual clock (sleeps cost no real time), the run's rate budget on it,
// the memory provider spending from that budget, and the events of every run collected.

import { applyPlan } from "../../src/apply/apply.js";
import type { ApplyDeps, ApplyOptions, ApplyResult } from "../../src/apply/types.js";
import type { CoreEvent } from "../../src/model/events.js";
import type { Plan } from "../../src/plan/types.js";
import { type BudgetOptions, createBudget } from "../../src/providers/budget/index.js";
import { seededRandom } from "../../src/sandbox/random.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { START } from "./builders.js";
import { MemoryProvider, type MemoryProviderOptions } from "./memory-provider.js";

export function setup(
  opts: Partial<Omit<MemoryProviderOptions, "clock" | "budget">> & {
    start?: number;
    budget?: Omit<BudgetOptions, "clock" | "emit">;
  } = {},
) {
  const clock = new VirtualClock(opts.start ?? START);
  const events: CoreEvent[] = [];
  const budget = createBudget({ clock, ...opts.budget, emit: (e) => events.push(e) });
  const provider = new MemoryProvider({ ...opts, clock, budget });
  const apply = (
    plan: Plan,
    options: ApplyOptions = {},
    deps: Partial<ApplyDeps> = {},
  ): Promise<ApplyResult> =>
    applyPlan(
      plan,
      { provider, clock, emit: (e) => events.push(e), random: seededRandom(opts.seed ?? 7), ...deps },
      options,
    );
  return { clock, provider, budget, events, apply };
}

/** (app, name, language) of every remote template, sorted: duplicates show up as repeats. */
export function remoteKeys(provider: MemoryProvider): string[] {
  return provider
    .all()
    .map((t) => `${t.app}/${t.name}/${t.language}`)
    .sort();
}
