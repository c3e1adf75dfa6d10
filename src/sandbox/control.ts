// What tests and tooling can do to a running sandbox, in process (RunningSandbox) or over HTTP
// (the /__sandbox/ admin endpoints, admin.ts). One implementation serves both.

import type { SandboxClock } from "./clock.js";
import type { SandboxConfig } from "./config.js";
import type { FaultConfig } from "./faults.js";
import type { SandboxSend } from "./route.js";
import type { SandboxState } from "./state.js";
import type { SandboxStats } from "./stats.js";

export interface SandboxControl {
  readonly clock: SandboxClock;
  stats(): SandboxStats;
  resetStats(): void;
  /** Forgets every app, template, token and send, the rate-limit windows and the counters. */
  reset(): void;
  config(): SandboxConfig;
  /** Changes settings (approvalDelayMs, reviewRules, rateLimits, pageBase, …); unknown keys throw. */
  configure(patch: Partial<SandboxConfig>): SandboxConfig;
  faults(): FaultConfig;
  /** Replaces the fault configuration (`{}` turns faults off) and restarts its random sequence. */
  setFaults(faults: FaultConfig): void;
  /** Forces a template's status (e.g. PAUSED, DISABLED), as Meta would. */
  setTemplateStatus(id: string, status: string, reason?: string): void;
  /**
   * Adds list rows to an app exactly as given (a real account's old rows, odd ones included): the
   * list returns them verbatim until a write changes them. Returns how many were added.
   */
  loadRows(appId: string, rows: readonly unknown[]): number;
  /** Revokes every issued token, so the next app call gets 401 and the client must refresh. */
  revokeTokens(): void;
  sends(): SandboxSend[];
  /** A deep copy of the whole state. */
  state(): SandboxState;
}
