// The legacy chain: partner token → `sk_…` app token (reference §1.1). With GUPSHUP_EMAIL and
// GUPSHUP_SECRET the run logs in once, whatever the number of apps (the login is limited to 10 a
// minute for the whole account), and again only when the partner token is refused or 22 h old.

import { RemoteError } from "../../model/errors.js";
import {
  type AppRef,
  type AuthDeps,
  appTokenEnvName,
  envValue,
  type GupshupAuth,
  missingCredentials,
  TokenCache,
  withContext,
} from "./auth.js";
import { parseAppToken, parseLoginToken } from "./mapping.js";
import { jsonOrShapeError } from "./wire-call.js";

/** Partner tokens live 24 h; log in again a little before (a public client uses 22 h). */
const PARTNER_TOKEN_TTL_MS = 22 * 3_600_000;
const PARTNER = "partner";

export function createLegacyAuth(deps: AuthDeps): GupshupAuth {
  const { env, transport, secrets, clock } = deps;
  const partnerCache = new TokenCache(clock);
  const appCache = new TokenCache(clock);
  const givenPartner = envValue(env, "GUPSHUP_PARTNER_TOKEN");
  const email = envValue(env, "GUPSHUP_EMAIL");
  const secret = envValue(env, "GUPSHUP_SECRET");

  const login = async () => {
    const form = new URLSearchParams({ email: email!, secret: secret!, password: secret! });
    // the pages disagree on `secret` vs `password`: send both (reference §1.1, unverified)
    const call = {
      method: "POST" as const,
      path: "/partner/account/login",
      form,
      meter: { group: "login" as const },
      repeatable: true,
    };
    try {
      const token = await jsonOrShapeError(transport, call, parseLoginToken);
      secrets.add(token);
      return { token, expiresAt: clock.now() + PARTNER_TOKEN_TTL_MS };
    } catch (err) {
      return withContext(err, "Gupshup login with GUPSHUP_EMAIL and GUPSHUP_SECRET failed");
    }
  };

  const partnerToken = (app: AppRef): Promise<string> => {
    if (givenPartner) return Promise.resolve(givenPartner);
    if (!email || !secret) return Promise.reject(missingCredentials(app, "legacy"));
    return partnerCache.get(PARTNER, login);
  };

  const fetchAppToken = async (app: AppRef) => {
    const path = `/partner/app/${encodeURIComponent(app.appId)}/token`;
    const get = async (partner: string) =>
      jsonOrShapeError(
        transport,
        {
          method: "GET",
          path,
          headers: { authorization: partner },
          meter: { app, group: "token" },
        },
        parseAppToken,
      );
    let partner = await partnerToken(app);
    let token: string;
    try {
      try {
        token = await get(partner);
      } catch (err) {
        // a logged-in partner token may have expired early: log in again, once
        if (!(err instanceof RemoteError && err.status === 401) || givenPartner) throw err;
        partnerCache.drop(PARTNER, partner);
        partner = await partnerToken(app);
        token = await get(partner);
      }
    } catch (err) {
      const which = givenPartner ? "GUPSHUP_PARTNER_TOKEN" : "the partner token";
      return withContext(err, `fetching the app token of app '${app.alias}' with ${which} failed`);
    }
    secrets.add(token);
    // `sk_…` app tokens do not expire (expiresOn 0)
    return { token, expiresAt: Number.POSITIVE_INFINITY };
  };

  return {
    mode: "legacy",
    appToken(app) {
      const given = envValue(env, appTokenEnvName(app.alias));
      if (given) return Promise.resolve(given);
      return appCache.get(app.appId, () => fetchAppToken(app));
    },
    invalidate(app, token) {
      if (envValue(env, appTokenEnvName(app.alias))) return false;
      appCache.drop(app.appId, token);
      return true;
    },
    // `sk_…` app tokens are the app's standing credential and a partner token simply expires:
    // nothing of this run is left to give back
    release: async () => [],
  };
}
