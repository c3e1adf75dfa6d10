// Channel `kaleyra-v1`: `POST /v1/{sid}/messages`, a multipart form with `type=mediatemplate`
// (seed 001, send-apis.md §5). Values that are JSON or CSV in other APIs are strings here:
// `params` is a quoted CSV, `coupon_code` carries literal double quotes (decision #10) and
// `limited_time_offer` is a JSON-array string (decision #11).

import { UserError } from "../../model/errors.js";
import { baseUrl, type Env, requireEnv } from "./credentials.js";
import type { HttpClient } from "./http.js";
import { type PayloadInput, payloadInputOf } from "./input.js";
import { e164 } from "./phone.js";
import type { PreparedRequest, SendChannel } from "./port.js";
import { interpretKaleyraResponse } from "./responses.js";
import { collectSendValues } from "./send-values.js";

export const KALEYRA_V1_DEFAULT_BASE_URL = "https://api.kaleyra.io";

/** The form fields of a Kaleyra v1 template send. */
export function kaleyraV1Fields(input: PayloadInput): [string, string][] {
  const values = collectSendValues(input);
  const refuse = (what: string): never => {
    throw new UserError(
      `${values.key}: kaleyra-v1 documents no way to send ${what}`,
      "use --channel kaleyra-v2 or a Gupshup channel",
    );
  };
  const header = values.header;
  if (header?.type === "product") refuse("a single-product template");
  if (header?.type === "text") refuse("a header variable");
  if (header && header.type !== "text" && header.type !== "product" && !header.link) {
    refuse("header media by id (it takes a public URL: set test.headerMedia.link)");
  }
  if (values.buttons.some((b) => b.type === "mpm" || b.type === "catalog"))
    refuse("multi-product or catalog templates");
  const urls = values.buttons.filter((b) => b.type === "url");
  if (urls.length > 1) refuse("more than one URL variable (there is a single `param_url`)");

  const fields: [string, string][] = [
    ["to", e164(input.destination, "destination")],
    ["type", "mediatemplate"],
    ["template_name", input.template.name],
    ["channel", "whatsapp"],
    ["from", e164(input.app.source, `app ${input.app.alias}: source`)],
  ];
  if (values.body.length > 0) fields.push(["params", values.body.map((b) => quoted(b.value)).join(",")]);
  const coupon = values.buttons.find((b) => b.type === "copy_code");
  if (coupon) fields.push(["coupon_code", quoted(coupon.couponCode)]);
  if (values.expirationMs !== undefined) {
    fields.push([
      "limited_time_offer",
      JSON.stringify([
        { type: "limited_time_offer", limited_time_offer: { expiration_time_ms: values.expirationMs } },
      ]),
    ]);
  }
  const url = urls[0];
  if (url) fields.push(["param_url", url.suffix]);
  if (header && header.type !== "text" && header.type !== "product") fields.push(["media_url", header.link!]);
  return fields;
}

/** `"value"`, inner quotes doubled as in CSV (how Kaleyra unescapes them is unverified). */
function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

export function prepareKaleyraV1(input: PayloadInput, env: Env): PreparedRequest {
  const fields = kaleyraV1Fields(input);
  const apiKey = requireEnv(env, "KALEYRA_API_KEY", "kaleyra-v1");
  const sid = requireEnv(env, "KALEYRA_SID", "kaleyra-v1");
  return {
    method: "POST",
    url: `${baseUrl(env, "KALEYRA_BASE_URL", KALEYRA_V1_DEFAULT_BASE_URL)}/v1/${encodeURIComponent(sid)}/messages`,
    // multipart: the Content-Type with its boundary is set when the body is encoded
    headers: { "api-key": apiKey },
    body: { kind: "multipart", fields },
    secretHeaders: ["api-key"],
  };
}

export function createKaleyraV1Channel(env: Env, http: () => HttpClient): SendChannel {
  // a missing key or a bad base URL is found when the channel is made, before any template is written
  requireEnv(env, "KALEYRA_API_KEY", "kaleyra-v1");
  requireEnv(env, "KALEYRA_SID", "kaleyra-v1");
  baseUrl(env, "KALEYRA_BASE_URL", KALEYRA_V1_DEFAULT_BASE_URL);
  return {
    name: "kaleyra-v1",
    prepare: async (req) => prepareKaleyraV1(payloadInputOf(req), env),
    async send(req, signal) {
      const prepared = prepareKaleyraV1(payloadInputOf(req), env);
      const res = await http().send(prepared, signal);
      return interpretKaleyraResponse(res, {
        channel: "kaleyra-v1",
        secrets: [prepared.headers["api-key"]!],
      });
    },
  };
}
