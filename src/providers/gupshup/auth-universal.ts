// The universal scheme (reference §1.2): a Universal Token (UT) from GUPSHUP_UNIVERSAL_TOKEN mints
// one short-lived Universal App Token (UAT) per app with `Authorization: Bearer <UT>`.
// Unverified: how a UAT is presented on template and send calls. We send `Bearer <UAT>` (the form
// every UT/UAT page uses); a legacy `sk_…` token given directly is still sent raw.

import {
  type AppRef,
  type AuthDeps,
  appTokenEnvName,
  envValue,
  type GupshupAuth,
  legacyHeaders,
  missingCredentials,
  TokenCache,
  withContext,
} from "./auth.js";
import { parseUniversalAppToken } from "./mapping.js";
import { jsonOrShapeError } from "./wire-call.js";

/**
 * Minted UATs live 2 h: the minimum accepted is 1 h from the server's now (a margin for clock skew),
 * and each app allows only 3 active UATs, so short lives keep repeated runs from exhausting them.
 */
const UAT_LIFETIME_MS = 2 * 3_600_000;
/** Mint a new one this long before the old one expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export function createUniversalAuth(deps: AuthDeps): GupshupAuth {
  const { env, transport, secrets, clock } = deps;
  const cache = new TokenCache(clock);
  const universal = envValue(env, "GUPSHUP_UNIVERSAL_TOKEN");
  let minted = 0;

  const mint = async (app: AppRef, signal?: AbortSignal) => {
    if (!universal) throw missingCredentials(app, "universal");
    const now = clock.now();
    // UAT names must be unique among the app's active tokens
    minted += 1;
    const name = `waform-${now.toString(36)}-${minted}-${Math.random().toString(36).slice(2, 6)}`;
    const form = new URLSearchParams({ name, expiry: String(now + UAT_LIFETIME_MS) });
    try {
      const uat = await jsonOrShapeError(
        transport,
        {
          method: "POST",
          path: `/partner/app/${encodeURIComponent(app.appId)}/token`,
          headers: { authorization: `Bearer ${universal}` },
          form,
          ...(signal ? { signal } : {}),
        },
        parseUniversalAppToken,
      );
      secrets.add(uat.token);
      const expiresAt = Math.min(uat.expiresAt ?? now + UAT_LIFETIME_MS, now + UAT_LIFETIME_MS);
      return { token: uat.token, expiresAt: expiresAt - REFRESH_MARGIN_MS };
    } catch (err) {
      return withContext(
        err,
        `minting an app token for app '${app.alias}' with GUPSHUP_UNIVERSAL_TOKEN failed`,
      );
    }
  };

  return {
    mode: "universal",
    appToken(app, signal) {
      const given = envValue(env, appTokenEnvName(app.alias));
      if (given) return Promise.resolve(given);
      return cache.get(app.appId, () => mint(app, signal));
    },
    headersFor: (token) =>
      token.startsWith("sk_") ? legacyHeaders(token) : { authorization: `Bearer ${token}` },
    invalidate(app, token) {
      if (envValue(env, appTokenEnvName(app.alias))) return false;
      cache.drop(app.appId, token);
      return true;
    },
  };
}
