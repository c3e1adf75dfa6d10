// One apply test setup: a virtual clock (sleeps cost no real time), the memory provider on it, and
// the events of every run collected.

import { applyPlan } from "../../src/apply/apply.js";
import type { ApplyDeps, ApplyOptions, ApplyResult } from "../../src/apply/types.js";
import type { CoreEvent } from "../../src/model/events.js";
import type { Plan } from "../../src/plan/types.js";
import { seededRandom } from "../../src/sandbox/random.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { START } from "./builders.js";
import { MemoryProvider, type MemoryProviderOptions } from "./memory-provider.js";

export function setup(opts: Partial<Omit<MemoryProviderOptions, "clock">> & { start?: number } = {}) {
  const clock = new VirtualClock(opts.start ?? START);
  const provider = new MemoryProvider({ clock, ...opts });
  const events: CoreEvent[] = [];
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
  return { clock, provider, events, apply };
}

/** (app, name, language) of every remote template, sorted: duplicates show up as repeats. */
export function remoteKeys(provider: MemoryProvider): string[] {
  return provider
    .all()
    .map((t) => `${t.app}/${t.name}/${t.language}`)
    .sort();
}
