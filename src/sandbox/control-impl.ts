// The one implementation of SandboxControl (control.ts): what tests and the admin API may do to a
// running sandbox.

import { mergeConfig } from "./config.js";
import type { SandboxControl } from "./control.js";
import type { SandboxRuntime } from "./runtime.js";
import { emptyStats } from "./stats.js";

export function createControl(rt: SandboxRuntime): SandboxControl {
  const { engine, clock } = rt;
  return {
    clock,
    stats: () => ({ ...structuredClone(rt.stats), activeAppTokens: engine.activeUatCounts() }),
    resetStats: () => {
      rt.stats = emptyStats();
    },
    reset: () => {
      engine.reset();
      rt.limiter.reset();
      rt.stats = emptyStats();
    },
    config: () => structuredClone(engine.config),
    configure: (patch) => {
      engine.config = mergeConfig(engine.config, patch as Record<string, unknown>);
      return structuredClone(engine.config);
    },
    faults: () => structuredClone(rt.faults.config),
    setFaults: (next) => rt.setFaults(next),
    setTemplateStatus: (id, status, reason) => {
      engine.setTemplateStatus(id, status, reason);
      engine.flush();
    },
    loadRows: (appId, rows) => {
      const loaded = engine.loadRows(appId, rows);
      engine.flush();
      return loaded;
    },
    revokeTokens: () => {
      engine.revokeTokens();
      engine.flush();
    },
    sends: () => structuredClone(engine.state.sends),
    state: () => {
      engine.settle();
      return structuredClone(engine.state);
    },
  };
}
