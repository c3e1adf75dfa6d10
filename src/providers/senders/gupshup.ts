// Channel `gupshup`: Gupshup self-serve `POST /wa/api/v1/template/msg` with an `apikey` header
// (seed 002, send-apis.md §4).

import { baseUrl, type Env, requireEnv } from "./credentials.js";
import { gupshupTemplateMsgFields } from "./gupshup-template-msg.js";
import type { HttpClient } from "./http.js";
import { type PayloadInput, payloadInputOf } from "./input.js";
import type { PreparedRequest, SendChannel } from "./port.js";
import { interpretGupshupResponse } from "./responses.js";

export const GUPSHUP_API_DEFAULT_BASE_URL = "https://api.gupshup.io";

export function prepareGupshupApi(input: PayloadInput, env: Env): PreparedRequest {
  const fields = gupshupTemplateMsgFields(input, "gupshup");
  const apiKey = requireEnv(env, "GUPSHUP_API_KEY", "gupshup");
  return {
    method: "POST",
    url: `${baseUrl(env, "GUPSHUP_API_BASE_URL", GUPSHUP_API_DEFAULT_BASE_URL)}/wa/api/v1/template/msg`,
    // `apikey`, not `api-key` as on Kaleyra
    headers: { apikey: apiKey, "Content-Type": "application/x-www-form-urlencoded" },
    body: { kind: "form", fields },
    secretHeaders: ["apikey"],
  };
}

export function createGupshupApiChannel(env: Env, http: () => HttpClient): SendChannel {
  // a missing key or a bad base URL is found when the channel is made, before any template is written
  requireEnv(env, "GUPSHUP_API_KEY", "gupshup");
  baseUrl(env, "GUPSHUP_API_BASE_URL", GUPSHUP_API_DEFAULT_BASE_URL);
  return {
    name: "gupshup",
    prepare: async (req) => prepareGupshupApi(payloadInputOf(req), env),
    async send(req, signal) {
      const prepared = prepareGupshupApi(payloadInputOf(req), env);
      const res = await http().send(prepared, signal);
      return interpretGupshupResponse(res, { channel: "gupshup", secrets: [prepared.headers["apikey"]!] });
    },
  };
}
