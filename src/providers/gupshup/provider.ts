// The Gupshup Partner API as the provider port (providers/port.ts): template calls
// (templates.ts), test sends (sends.ts), each an app-scoped call (app-call.ts) with the app's token
// (auth*.ts), every request spent from the run's rate budget (http.ts, providers/budget).

import type { Clock } from "../../model/clock.js";
import { UserError } from "../../model/errors.js";
import type { EventSink } from "../../model/events.js";
import { systemClock } from "../../platform/clock.js";
import { authModeOf } from "../app-credential.js";
import type { RateBudget } from "../budget/index.js";
import type { ProviderPort } from "../port.js";
import { refuseDisabledTls } from "../tls.js";
import { createAppCall } from "./app-call.js";
import type { AuthMode, Env, GupshupAuth } from "./auth.js";
import { createLegacyAuth } from "./auth-legacy.js";
import { createUniversalAuth } from "./auth-universal.js";
import { resolveBaseUrl } from "./base-url.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUTS, type Timeouts, Transport } from "./http.js";
import { createMediaSamples } from "./media.js";
import { DEFAULT_PAGE_SIZE } from "./paging.js";
import { secretsFromEnv } from "./secrets.js";
import { createSends } from "./sends.js";
import { createTemplateCalls } from "./templates.js";

export interface GupshupProviderOptions {
  /** Credentials and GUPSHUP_BASE_URL are read from here only. */
  env: Env;
  /** Overrides GUPSHUP_BASE_URL. */
  baseUrl?: string;
  timeouts?: Partial<Timeouts>;
  /** List page size (see paging.ts). */
  pageSize?: number;
  /** Largest response body read, in bytes. */
  maxBodyBytes?: number;
  /** For token lifetimes and waits; defaults to the system clock. */
  clock?: Clock;
  /** Receives one line per request (method, path, status, duration; never headers or bodies). */
  log?: (line: string) => void;
  /**
   * Waits before each repeat of a read (GET) that failed transiently (5xx, reset, timeout), on
   * `clock`. None by default; the CLI passes READ_RETRY_DELAYS_MS.
   */
  readRetryDelaysMs?: readonly number[];
  /** The run's rate budget, spent by every request. Without one (tests), requests go at once. */
  budget?: RateBudget;
  /** The run's deadline: aborts every wait and request in flight (not the token revokes of `close`). */
  signal?: AbortSignal;
  /** Notes worth a line (a token that could not be revoked). */
  emit?: EventSink;
}

export interface GupshupProvider extends ProviderPort {
  readonly authMode: AuthMode;
}

export function createGupshupProvider(opts: GupshupProviderOptions): GupshupProvider {
  const baseUrl = resolveBaseUrl(opts.env, opts.baseUrl);
  refuseDisabledTls(baseUrl, opts.env);
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new UserError("page size must be a positive integer");
  const clock = opts.clock ?? systemClock;
  const secrets = secretsFromEnv(opts.env);
  const transport = new Transport({
    baseUrl,
    timeouts: { ...DEFAULT_TIMEOUTS, ...opts.timeouts },
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    secrets,
    clock,
    ...(opts.log && { log: opts.log }),
    ...(opts.readRetryDelaysMs && { readRetryDelaysMs: opts.readRetryDelaysMs }),
    ...(opts.budget && { budget: opts.budget }),
    ...(opts.signal && { signal: opts.signal }),
  });
  const deps = { env: opts.env, transport, secrets, clock };
  const auth: GupshupAuth =
    authModeOf(opts.env) === "universal" ? createUniversalAuth(deps) : createLegacyAuth(deps);
  const appCall = createAppCall(transport, auth);
  let closed: Promise<void> | undefined;

  return {
    authMode: auth.mode,
    ...createTemplateCalls(appCall, createMediaSamples(appCall), pageSize),
    ...createSends(appCall),
    close() {
      closed ??= (async () => {
        for (const warning of await auth.release())
          opts.emit?.({ type: "note", message: `warning: ${warning}` });
        await transport.close();
      })();
      return closed;
    },
  };
}
