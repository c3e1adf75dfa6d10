// Authentication behind one interface with two modes (reference §1):
// - legacy (default): partner token (GUPSHUP_PARTNER_TOKEN, or one login per run with
//   GUPSHUP_EMAIL + GUPSHUP_SECRET) → per-app `sk_…` token from GET /partner/app/{appId}/token,
//   sent raw;
// - universal (when GUPSHUP_UNIVERSAL_TOKEN is set): one short-lived UAT per app and run, minted
//   with POST /partner/app/{appId}/token and `Authorization: Bearer <UT>`, revoked when the run ends.
// In both, GUPSHUP_APP_TOKEN_<ALIAS> given directly wins. App tokens are cached per app. Every
// credential request spends from its budget (`login` for the account, `token` per app). A fetched
// token is shared by every call of the app, so no one caller's signal cancels it (the run's
// deadline still does).

import type { Clock } from "../../model/clock.js";
import { RemoteError, UserError } from "../../model/errors.js";
import type { AuthMode } from "../app-credential.js";
import type { Transport } from "./http.js";
import type { SecretSet } from "./secrets.js";

export type Env = Readonly<Record<string, string | undefined>>;
export type { AuthMode } from "../app-credential.js";

/** Which app a call is for: the alias names its env override, the id its URL. */
export interface AppRef {
  alias: string;
  appId: string;
}

export interface GupshupAuth {
  readonly mode: AuthMode;
  /** The app's token (cached; fetched or minted on first use). */
  appToken(app: AppRef): Promise<string>;
  /**
   * After a 401 with `token`: drops it from the cache so the next `appToken` gets a fresh one.
   * False when nothing can be refreshed (the token was given directly in the environment).
   */
  invalidate(app: AppRef, token: string): boolean;
  /**
   * Gives back what this run minted (universal: revokes each app's UAT). Never throws: returns
   * one warning per credential it could not give back.
   */
  release(): Promise<string[]>;
}

export interface AuthDeps {
  env: Env;
  transport: Transport;
  secrets: SecretSet;
  clock: Clock;
}

/** `GUPSHUP_APP_TOKEN_<ALIAS>`: the alias upper-cased, every character other than A–Z and 0–9 as `_`. */
export function appTokenEnvName(alias: string): string {
  return `GUPSHUP_APP_TOKEN_${alias.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** An env value, with blank treated as unset. */
export function envValue(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** Re-throws a RemoteError with a first clause saying which credential step failed. */
export function withContext(err: unknown, context: string): never {
  if (err instanceof RemoteError) {
    throw new RemoteError(err.kind, `${context}: ${err.message}`, {
      ...(err.status !== undefined ? { status: err.status } : {}),
      ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
      ambiguous: err.ambiguous,
    });
  }
  throw err;
}

export function missingCredentials(app: AppRef, mode: AuthMode): UserError {
  const direct = appTokenEnvName(app.alias);
  return mode === "legacy"
    ? new UserError(
        `no Gupshup credentials for app '${app.alias}'`,
        `set GUPSHUP_PARTNER_TOKEN, or GUPSHUP_EMAIL and GUPSHUP_SECRET, or ${direct}`,
      )
    : new UserError(
        `no Gupshup credentials for app '${app.alias}'`,
        `set GUPSHUP_UNIVERSAL_TOKEN or ${direct}`,
      );
}

/** A cache of per-app token promises that forgets failures, so one bad fetch is not remembered. */
export class TokenCache {
  private entries = new Map<string, { token: Promise<string>; expiresAt: number; value?: string }>();

  constructor(private readonly clock: Clock) {}

  get(key: string, fetch: () => Promise<{ token: string; expiresAt: number }>): Promise<string> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.clock.now()) return hit.token;
    const entry: { token: Promise<string>; expiresAt: number; value?: string } = {
      expiresAt: Number.POSITIVE_INFINITY,
      token: fetch().then(
        (r) => {
          entry.expiresAt = r.expiresAt;
          entry.value = r.token;
          return r.token;
        },
        (err: unknown) => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          throw err;
        },
      ),
    };
    this.entries.set(key, entry);
    return entry.token;
  }

  /**
   * Forgets `key` if it still holds `token`. A fetch still under way started after `token` was
   * known to be bad (another caller's refresh): it stays, so one 401 seen by ten callers costs one
   * refresh, not ten (logins are limited to 10 a minute for the whole account).
   */
  drop(key: string, token: string): void {
    const hit = this.entries.get(key);
    if (hit?.value === token) this.entries.delete(key);
  }
}
