// Channel `kaleyra-v2`: `POST /v2/{sid}/whatsapp/{number}/messages` with a Meta message (seeds 000
// and 004, send-apis.md §6). By default the path holds the business (sender) number and the body
// wraps the message in `messaging_object`, for SPM too (decisions #1, #2, #3); seed 004's
// `{waba_id}` path and flat body are options.

import { baseUrl, type Env, requireEnv } from "./credentials.js";
import type { HttpClient } from "./http.js";
import { type PayloadInput, payloadInputOf } from "./input.js";
import { metaComponents } from "./meta-components.js";
import { e164 } from "./phone.js";
import type { PreparedRequest, SendChannel } from "./port.js";
import { interpretKaleyraResponse } from "./responses.js";
import { collectSendValues } from "./send-values.js";

export const KALEYRA_V2_DEFAULT_BASE_URL = "https://api.in.kaleyra.io";
const MAX_REF_LENGTH = 255;

export interface KaleyraV2Options {
  /** `wrapped` (default): `{messaging_object, extra_info}`; `flat`: Meta fields at the top level (seed 004). */
  body?: "wrapped" | "flat";
  /** `phone` (default): the app's sender number; `waba`: `wabaId` or KALEYRA_WABA_ID (seed 004). */
  path?: "phone" | "waba";
  wabaId?: string;
  /** Adds `language.policy: "deterministic"` (seed 004 marks it mandatory; decision #7 omits it). */
  languagePolicy?: boolean;
  /** `extra_info.ref` (≤ 255 chars); default `waform:<app>/<name>/<language>`. */
  ref?: string;
}

/** The JSON body of a Kaleyra v2 template send. */
export function kaleyraV2Body(input: PayloadInput, options: KaleyraV2Options = {}): Record<string, unknown> {
  const values = collectSendValues(input);
  const message = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: e164(input.destination, "destination"),
    type: "template",
    template: {
      name: input.template.name,
      language: {
        ...(options.languagePolicy && { policy: "deterministic" }),
        code: input.template.language,
      },
      components: metaComponents(values),
    },
  };
  const extraInfo = {
    wa_source: "api",
    ref: (options.ref ?? `waform:${values.key}`).slice(0, MAX_REF_LENGTH),
  };
  return options.body === "flat"
    ? { ...message, extra_info: extraInfo }
    : { messaging_object: message, extra_info: extraInfo };
}

export function prepareKaleyraV2(
  input: PayloadInput,
  env: Env,
  options: KaleyraV2Options = {},
): PreparedRequest {
  const body = kaleyraV2Body(input, options);
  const apiKey = requireEnv(env, "KALEYRA_API_KEY", "kaleyra-v2");
  const sid = requireEnv(env, "KALEYRA_SID", "kaleyra-v2");
  // the sample path keeps the `+` of the number literally
  const number =
    options.path === "waba"
      ? encodeURIComponent(options.wabaId ?? requireEnv(env, "KALEYRA_WABA_ID", "kaleyra-v2 (waba path)"))
      : e164(input.app.source, `app ${input.app.alias}: source`);
  const base = baseUrl(env, "KALEYRA_BASE_URL", KALEYRA_V2_DEFAULT_BASE_URL);
  return {
    method: "POST",
    url: `${base}/v2/${encodeURIComponent(sid)}/whatsapp/${number}/messages`,
    headers: { "Content-Type": "application/json", "api-key": apiKey },
    body: { kind: "json", value: body },
    secretHeaders: ["api-key"],
  };
}

export function createKaleyraV2Channel(
  env: Env,
  http: () => HttpClient,
  options: KaleyraV2Options = {},
): SendChannel {
  // a missing key or a bad base URL is found when the channel is made, before any template is written
  requireEnv(env, "KALEYRA_API_KEY", "kaleyra-v2");
  requireEnv(env, "KALEYRA_SID", "kaleyra-v2");
  baseUrl(env, "KALEYRA_BASE_URL", KALEYRA_V2_DEFAULT_BASE_URL);
  return {
    name: "kaleyra-v2",
    prepare: async (req) => prepareKaleyraV2(payloadInputOf(req), env, options),
    async send(req, signal) {
      const prepared = prepareKaleyraV2(payloadInputOf(req), env, options);
      const res = await http().send(prepared, signal);
      return interpretKaleyraResponse(res, {
        channel: "kaleyra-v2",
        secrets: [prepared.headers["api-key"]!],
      });
    },
  };
}
