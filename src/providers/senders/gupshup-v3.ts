// Channel `gupshup-v3`: the Partner API's Meta-format send, `POST /partner/app/{appId}/v3/message`
// (reference §6.2, send-apis.md §3). The body is a WhatsApp Cloud API template message, the
// template named by name and language, every value in a documented place: `limited_time_offer`
// with an absolute `expiration_time_ms`, the coupon in the `copy_code` button at index 0, a URL
// suffix at index 1 after a copy code, header media, body parameters, MPM and catalog `action`
// parameters. It is the only documented way to send an LTO with its coupon through Gupshup, so it
// is the default channel for LTO templates. Like gupshup-partner, the request is made by the
// Gupshup provider (it owns the app token); `prepare` needs the token only to show it.

import { InternalError } from "../../model/errors.js";
import { appCredentialHeaders, authModeOf } from "../app-credential.js";
import { baseUrl, type Env } from "./credentials.js";
import {
  APP_TOKEN_PLACEHOLDER,
  type AppTokenGetter,
  GUPSHUP_PARTNER_DEFAULT_BASE_URL,
  secretTokens,
} from "./gupshup-partner.js";
import type { HttpClient } from "./http.js";
import { type PayloadInput, payloadInputOf } from "./input.js";
import { metaComponents } from "./meta-components.js";
import { digitsOnly } from "./phone.js";
import type { PreparedRequest, SendChannel } from "./port.js";
import { interpretMetaResponse } from "./responses.js";
import { collectSendValues } from "./send-values.js";

/** Posts the Meta message with the app's token; wired to the Gupshup provider's `sendMetaMessage`. */
export type MetaPost = (
  appId: string,
  message: unknown,
  signal?: AbortSignal,
) => Promise<{ messageId: string }>;

/** The JSON body of a `/v3/message` template send. Pure: golden tests fix `now` and nothing else. */
export function gupshupV3Message(input: PayloadInput): Record<string, unknown> {
  const values = collectSendValues(input);
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    // the reference sample and Meta's `wa_id`: digits with country code, no `+`
    to: digitsOnly(input.destination, "destination"),
    type: "template",
    template: {
      name: input.template.name,
      language: { code: input.template.language },
      components: metaComponents(values),
    },
  };
}

export function prepareGupshupV3(input: PayloadInput, env: Env, appToken: string): PreparedRequest {
  const message = gupshupV3Message(input);
  const base = baseUrl(env, "GUPSHUP_BASE_URL", GUPSHUP_PARTNER_DEFAULT_BASE_URL);
  return {
    method: "POST",
    url: `${base}/partner/app/${encodeURIComponent(input.app.appId)}/v3/message`,
    // the page documents `Authorization` and a JSON body, nothing more
    headers: {
      ...appCredentialHeaders(authModeOf(env), appToken, { authorizationOnly: true }),
      "Content-Type": "application/json",
    },
    body: { kind: "json", value: message },
    secretHeaders: [],
    secretValues: secretTokens(appToken),
  };
}

export interface GupshupV3Deps {
  env: Env;
  post?: MetaPost;
  appToken?: AppTokenGetter;
  http: () => HttpClient;
}

export function createGupshupV3Channel(deps: GupshupV3Deps): SendChannel {
  // a bad base URL is found when the channel is made, before any template is written
  baseUrl(deps.env, "GUPSHUP_BASE_URL", GUPSHUP_PARTNER_DEFAULT_BASE_URL);
  const token = async (appId: string, signal?: AbortSignal) =>
    deps.appToken ? deps.appToken(appId, signal) : APP_TOKEN_PLACEHOLDER;
  return {
    name: "gupshup-v3",
    // `post` is the provider's `sendMetaMessage`, which spends from the run's `send` budget
    ...(deps.post && { paced: true }),
    prepare: async (req) => {
      const input = payloadInputOf(req);
      gupshupV3Message(input); // refuse a bad payload before asking for a token
      return prepareGupshupV3(input, deps.env, await token(req.app.appId));
    },
    async send(req, signal) {
      const input = payloadInputOf(req);
      if (deps.post) return deps.post(req.app.appId, gupshupV3Message(input), signal);
      if (!deps.appToken) {
        throw new InternalError("the gupshup-v3 channel was created without `post` or `appToken`");
      }
      const appToken = await deps.appToken(req.app.appId, signal);
      const res = await deps.http().send(prepareGupshupV3(input, deps.env, appToken), signal);
      return interpretMetaResponse(res, { channel: "gupshup-v3", secrets: [appToken] });
    },
  };
}
