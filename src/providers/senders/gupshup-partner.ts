// Channel `gupshup-partner` (the default): `POST /partner/app/{appId}/template/msg` (seed 003,
// send-apis.md §2). The app token belongs to the Gupshup provider (it fetches, caches and
// rate-limits it), so sending goes through an injected `post`; `prepare` only needs the token to
// show the exact request.

import { InternalError } from "../../model/errors.js";
import { appCredentialHeaders, authModeOf } from "../app-credential.js";
import { baseUrl, type Env } from "./credentials.js";
import { gupshupTemplateMsgFields } from "./gupshup-template-msg.js";
import type { HttpClient } from "./http.js";
import { type PayloadInput, payloadInputOf } from "./input.js";
import type { PreparedRequest, SendChannel } from "./port.js";
import { interpretGupshupResponse } from "./responses.js";

export const GUPSHUP_PARTNER_DEFAULT_BASE_URL = "https://partner.gupshup.io";

/** Posts the form with the app's token; wired to the Gupshup provider's `sendTemplate`. */
export type PartnerPost = (
  appId: string,
  form: URLSearchParams,
  signal?: AbortSignal,
) => Promise<{ messageId: string }>;

export type AppTokenGetter = (appId: string, signal?: AbortSignal) => Promise<string>;

/** Shown in place of the token when no getter is wired: a preview shows where the token goes. */
export const APP_TOKEN_PLACEHOLDER = "<app token>";

/** The app token among a request's secrets; the placeholder is none, and stays readable. */
export function secretTokens(appToken: string): string[] {
  return appToken === APP_TOKEN_PLACEHOLDER ? [] : [appToken];
}

export function prepareGupshupPartner(input: PayloadInput, env: Env, appToken: string): PreparedRequest {
  const fields = gupshupTemplateMsgFields(input, "gupshup-partner");
  const base = baseUrl(env, "GUPSHUP_BASE_URL", GUPSHUP_PARTNER_DEFAULT_BASE_URL);
  return {
    method: "POST",
    url: `${base}/partner/app/${encodeURIComponent(input.app.appId)}/template/msg`,
    // as the provider sends it: raw in `Authorization` and `token` (legacy), or `Bearer <UAT>` alone
    headers: {
      ...appCredentialHeaders(authModeOf(env), appToken),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: { kind: "form", fields },
    secretHeaders: [],
    secretValues: secretTokens(appToken),
  };
}

export interface GupshupPartnerDeps {
  env: Env;
  post?: PartnerPost;
  appToken?: AppTokenGetter;
  http: () => HttpClient;
}

export function createGupshupPartnerChannel(deps: GupshupPartnerDeps): SendChannel {
  // a bad base URL is found when the channel is made, before any template is written
  baseUrl(deps.env, "GUPSHUP_BASE_URL", GUPSHUP_PARTNER_DEFAULT_BASE_URL);
  const token = async (appId: string, signal?: AbortSignal) =>
    deps.appToken ? deps.appToken(appId, signal) : APP_TOKEN_PLACEHOLDER;
  return {
    name: "gupshup-partner",
    ...(deps.post && { paced: true }),
    prepare: async (req) => {
      const input = payloadInputOf(req);
      gupshupTemplateMsgFields(input, "gupshup-partner"); // refuse a bad payload before asking for a token
      return prepareGupshupPartner(input, deps.env, await token(req.app.appId));
    },
    async send(req, signal) {
      const input = payloadInputOf(req);
      if (deps.post) {
        const form = new URLSearchParams(gupshupTemplateMsgFields(input, "gupshup-partner"));
        return deps.post(req.app.appId, form, signal);
      }
      if (!deps.appToken) {
        throw new InternalError("the gupshup-partner channel was created without `post` or `appToken`");
      }
      const appToken = await deps.appToken(req.app.appId, signal);
      const res = await deps.http().send(prepareGupshupPartner(input, deps.env, appToken), signal);
      return interpretGupshupResponse(res, { channel: "gupshup-partner", secrets: [appToken] });
    },
  };
}
