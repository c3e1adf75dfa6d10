// The universal scheme (reference §1.2, field evidence §1): a Universal Token (UT) from
// GUPSHUP_UNIVERSAL_TOKEN mints one Universal App Token (UAT) per app and run with
// `Authorization: Bearer <UT>`. The API allows 3 active UATs per app (and 10 mints a minute), and a
// CI pipeline runs waform on every push, so each run:
//
// - mints at most one UAT per app, on the first call that needs it, for the shortest lifetime the
//   API accepts (1 h, plus a margin for our clock running behind the server's);
// - before minting a replacement (near expiry in a long run, or after a 401), revokes the one it
//   holds, so it never holds two;
// - revokes what it minted when it ends (normally, on error, on Ctrl-C): `release()`. The revoke
//   path (`POST …/token/revoke`, form `name`) comes from one documentation page and is unconfirmed,
//   so a failed revoke is a warning: the token expires by itself within the hour.
//
// How a UAT is presented on template and send calls: `appCredentialHeaders` (../app-credential.ts).

import { RemoteError, UserError } from "../../model/errors.js";
import {
  type AppRef,
  type AuthDeps,
  appTokenEnvName,
  envValue,
  type GupshupAuth,
  missingCredentials,
  withContext,
} from "./auth.js";
import { parseUniversalAppToken } from "./mapping.js";
import { jsonOrShapeError } from "./wire-call.js";

/** The shortest UAT lifetime the API accepts (it refuses an expiry below now + 1 h). */
const UAT_MIN_LIFETIME_MS = 3_600_000;
/** Added to the minimum: our clock may be a little behind the server's. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** Replace a UAT this long before it expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** How long a revoke may take at the end of a run before it is given up (with a warning). */
const REVOKE_TIMEOUT_MS = 10_000;
/** The API's cap on active UATs per app, for the message when it is reached. */
const MAX_ACTIVE_UATS = 3;
/** How the API (and the sandbox) says the cap is reached: "Maximum active tokens reached". */
const MAX_ACTIVE = /max(imum)?\b.*\bactive\b.*\btokens?\b|\bactive\b.*\btokens?\b.*\blimit/i;

interface Minted {
  app: AppRef;
  name: string;
  token: string;
  /** When to stop using it (its expiry less the refresh margin). */
  renewAt: number;
  expiresAt: number;
  revoked: boolean;
}

export function createUniversalAuth(deps: AuthDeps): GupshupAuth {
  const { env, transport, secrets, clock } = deps;
  const universal = envValue(env, "GUPSHUP_UNIVERSAL_TOKEN");
  const bearer = { authorization: `Bearer ${universal}` };
  /** Each app's current UAT (or the mint under way). */
  const current = new Map<string, Promise<Minted>>();
  /** Every UAT this run minted, for `release()`. */
  const minted: Minted[] = [];
  /** Revokes that failed along the way (a replaced UAT), reported by `release()`. */
  const warnings: string[] = [];
  let sequence = 0;

  const mint = async (app: AppRef): Promise<Minted> => {
    if (!universal) throw missingCredentials(app, "universal");
    const now = clock.now();
    // unique among the app's active UATs, also across concurrent runs
    sequence += 1;
    const name = `waform-${now.toString(36)}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
    const expiry = now + UAT_MIN_LIFETIME_MS + CLOCK_SKEW_MS;
    let uat: { token: string; expiresAt?: number };
    try {
      uat = await jsonOrShapeError(
        transport,
        {
          method: "POST",
          path: `/partner/app/${encodeURIComponent(app.appId)}/token`,
          headers: bearer,
          form: new URLSearchParams({ name, expiry: String(expiry) }),
          meter: { app, group: "token" },
          repeatable: true,
        },
        parseUniversalAppToken,
      );
    } catch (err) {
      if (err instanceof RemoteError && MAX_ACTIVE.test(err.message)) throw tooManyTokens(app);
      return withContext(
        err,
        `minting an app token for app '${app.alias}' with GUPSHUP_UNIVERSAL_TOKEN failed`,
      );
    }
    secrets.add(uat.token);
    // an expiry already inside the refresh margin is not believed (it would make every call mint
    // again): the token is used until it is refused, and a 401 replaces it
    const told =
      uat.expiresAt !== undefined && uat.expiresAt > now + REFRESH_MARGIN_MS ? uat.expiresAt : expiry;
    const expiresAt = Math.min(told, expiry);
    const entry: Minted = {
      app,
      name,
      token: uat.token,
      expiresAt,
      renewAt: expiresAt - REFRESH_MARGIN_MS,
      revoked: false,
    };
    minted.push(entry);
    return entry;
  };

  /** Revokes one UAT; a warning (never an error) when that fails. */
  const revoke = async (entry: Minted): Promise<string | undefined> => {
    if (entry.revoked) return undefined;
    entry.revoked = true;
    try {
      await transport.json({
        method: "POST",
        path: `/partner/app/${encodeURIComponent(entry.app.appId)}/token/revoke`,
        headers: bearer,
        form: new URLSearchParams({ name: entry.name }),
        meter: { app: entry.app, group: "token" },
        repeatable: true,
        // a run stopped by its deadline or by Ctrl-C still gives its tokens back
        outlivesRun: true,
        signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS),
      });
      return undefined;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return `could not revoke app token ${entry.name} of app '${entry.app.alias}' (${why}); it expires by itself at ${new Date(entry.expiresAt).toISOString()}`;
    }
  };

  /** The app's UAT: the current one while it is fresh, else (after revoking it) a new one. */
  const uatOf = (app: AppRef): Promise<Minted> => {
    const held = current.get(app.appId);
    const next = (held ?? Promise.resolve(undefined))
      .catch(() => undefined)
      .then(async (old) => {
        if (old && !old.revoked && old.renewAt > clock.now()) return old;
        const failed = old && (await revoke(old));
        if (failed) warnings.push(failed);
        return mint(app);
      });
    current.set(app.appId, next);
    next.catch(() => {
      if (current.get(app.appId) === next) current.delete(app.appId);
    });
    return next;
  };

  return {
    mode: "universal",
    async appToken(app) {
      const given = envValue(env, appTokenEnvName(app.alias));
      if (given) return given;
      for (;;) {
        const held = current.get(app.appId);
        if (!held) return (await uatOf(app)).token;
        const entry = await held.catch(() => undefined);
        if (entry && !entry.revoked && entry.renewAt > clock.now()) return entry.token;
        // stale or failed: the first caller to notice replaces it, the others wait for that
        if (current.get(app.appId) === held) return (await uatOf(app)).token;
      }
    },
    invalidate(app, token) {
      if (envValue(env, appTokenEnvName(app.alias))) return false;
      // the next appToken revokes it (if it still can) and mints a replacement
      for (const entry of minted) if (entry.token === token) entry.renewAt = Number.NEGATIVE_INFINITY;
      return true;
    },
    async release() {
      const failed = await Promise.all(minted.map(revoke));
      return [...warnings.splice(0), ...failed.filter((w): w is string => w !== undefined)];
    },
  };
}

function tooManyTokens(app: AppRef): UserError {
  return new UserError(
    `app '${app.alias}' already has the ${MAX_ACTIVE_UATS} active app tokens (UATs) the Partner API allows, so waform cannot mint one for this run`,
    `waform revokes its own token when a run ends; these were left by other clients, or by runs that were killed. Revoke them (POST /partner/app/${app.appId}/token/revoke-all with the universal token, or in the Partner Portal), wait for them to expire (at most 24 h), or give the app a token of its own in ${appTokenEnvName(app.alias)}`,
  );
}
