// The Partner API's own test send, `/template/msg` (Gupshup format). A send is accepted only for an
// APPROVED template of the app, and an LTO with expiry needs an absolute, future `expiration`.

import { isObject, parseJson } from "../channels/checks.js";
import { errorBody, type SandboxEngine } from "../engine.js";
import type { SandboxRoute } from "../route.js";
import { PARTNER_SEND_FIELDS } from "./documented.js";
import { formOf } from "./form.js";

/** Before 2001 in ms, or a seconds value: clearly not an absolute epoch-millisecond time. */
const MIN_EPOCH_MS = 1_000_000_000_000;
/** A phone number with its country code, digits only. */
const DIGITS = /^[1-9]\d{7,14}$/;

/**
 * The documented optional fields, when sent, in their documented form: `channel` is `whatsapp`,
 * `sandbox` a boolean, `message` a JSON object string (`{"type":"image","image":{"link"|"id"}}`),
 * `postbackTexts` a JSON array string. What is wrong, or undefined.
 */
function optionalFields(form: URLSearchParams): string | undefined {
  const channel = form.get("channel");
  if (channel !== null && channel !== "whatsapp") return 'channel must be "whatsapp"';
  const sandbox = form.get("sandbox");
  if (sandbox !== null && sandbox !== "true" && sandbox !== "false") return "sandbox must be true or false";
  const message = form.get("message");
  if (message !== null && !documentedMessage(parseJson(message))) {
    return 'message must be a JSON object string such as {"type":"image","image":{"link":"https://…"}}';
  }
  const postback = form.get("postbackTexts");
  if (postback !== null && !Array.isArray(parseJson(postback)))
    return "postbackTexts must be a JSON array string";
  return undefined;
}

export function sendRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/template\/msg\/?$/,
      bucket: "send",
      documentedFields: PARTNER_SEND_FIELDS,
      formBody: true,
      handle(req, { appId }) {
        const denied = engine.checkApp(req, appId!);
        if (denied) return denied;
        const form = formOf(req);
        const source = form.get("source")?.trim();
        const destination = form.get("destination")?.trim();
        // both documented as the number with its country code, digits only (§6.1)
        if (!source || !DIGITS.test(source) || !form.get("src.name")?.trim()) {
          return errorBody(400, "Invalid App Details");
        }
        if (!destination || !DIGITS.test(destination)) return errorBody(400, "Invalid Destination");
        const optional = optionalFields(form);
        if (optional) return errorBody(400, optional);
        let template: { id?: unknown; params?: unknown; expiration?: unknown };
        try {
          template = JSON.parse(form.get("template") ?? "");
        } catch {
          return errorBody(400, "template must be a JSON string");
        }
        if (!template || typeof template !== "object" || typeof template.id !== "string") {
          return errorBody(400, "template.id is required");
        }
        if (
          template.params !== undefined &&
          !(Array.isArray(template.params) && template.params.every((p) => typeof p === "string"))
        ) {
          return errorBody(400, "template.params must be an array of strings");
        }
        const t = engine.findTemplate(template.id);
        if (!t || t.appId !== appId) return errorBody(400, "Invalid Template Id");
        if (t.status !== "APPROVED") return errorBody(400, `Template is not approved (status ${t.status})`);
        if (t.isLTO && t.hasExpiration) {
          const exp = template.expiration;
          if (exp === undefined) {
            return errorBody(400, "template.expiration is required for a limited time offer with expiration");
          }
          if (typeof exp !== "number" || !Number.isInteger(exp) || exp < MIN_EPOCH_MS) {
            return errorBody(400, "template.expiration must be an absolute UNIX time in milliseconds");
          }
          if (exp <= engine.now()) return errorBody(400, "template.expiration must be in the future");
        }
        const messageId = engine.newId();
        engine.recordSend({
          channel: "gupshup-partner",
          templateId: t.id,
          templateName: t.elementName,
          destination,
          messageId,
          at: engine.now(),
        });
        return { status: 200, body: { status: "submitted", messageId } };
      },
    },
  ];
}

/** `{"type":"image","image":{"link"|"id"}}` (video, document alike), or a carousel with `cards`. */
function documentedMessage(message: unknown): boolean {
  if (!isObject(message)) return false;
  if (message["type"] === "carousel") return Array.isArray(message["cards"]);
  const kinds = typeof message["type"] === "string" ? [message["type"]] : ["image", "video", "document"];
  return kinds.some((kind) => {
    const media = message[kind];
    return isObject(media) && (typeof media["link"] === "string" || typeof media["id"] === "string");
  });
}
