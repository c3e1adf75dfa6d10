// Composition: the one place that builds the Gupshup provider, for the real API or the sandbox.

import type { EventSink } from "../model/events.js";
import type { RateBudget } from "../providers/budget/index.js";
import {
  createGupshupProvider,
  type GupshupProvider,
  READ_RETRY_DELAYS_MS,
} from "../providers/gupshup/index.js";

/** Names of the variables that configure how waform reaches Gupshup (credentials and base URL). */
const GUPSHUP_CONNECTION = /^GUPSHUP_(BASE_URL|PARTNER_TOKEN|EMAIL|SECRET|UNIVERSAL_TOKEN|APP_TOKEN_.+)$/;

export function createProvider(opts: {
  env: NodeJS.ProcessEnv;
  sandbox?: { baseUrl: string; env: Record<string, string> };
  log?: (line: string) => void;
  /** The run's budget; every request spends from it. */
  budget?: RateBudget;
  /** The run's deadline. */
  signal?: AbortSignal;
  emit?: EventSink;
}): GupshupProvider {
  const shared = {
    ...(opts.log && { log: opts.log }),
    ...(opts.budget && { budget: opts.budget }),
    ...(opts.signal && { signal: opts.signal }),
    ...(opts.emit && { emit: opts.emit }),
    readRetryDelaysMs: READ_RETRY_DELAYS_MS,
  };
  if (!opts.sandbox) return createGupshupProvider({ env: opts.env, ...shared });
  // against the sandbox, no real credential is used, whatever the environment holds
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(opts.env)) if (!GUPSHUP_CONNECTION.test(name)) env[name] = value;
  return createGupshupProvider({
    env: { ...env, ...opts.sandbox.env },
    baseUrl: opts.sandbox.baseUrl,
    ...shared,
  });
}
