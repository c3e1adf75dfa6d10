// The Partner API's Meta-format send, `POST /partner/app/{appId}/v3/message` (reference §6.2,
// send-apis.md §3): a WhatsApp Cloud API template message as JSON, the template named by name and
// language within the app, checked with Meta's documented rules (channels/meta-components.ts).
// Errors use Meta's `{"error":{…}}` envelope, as a passthrough would relay it; the codes and the
// wording are the sandbox's (Gupshup documents none for this path).

import {
  approved,
  isNonEmptyString,
  isObject,
  type Json,
  Problems,
  parseJson,
  templateShape,
} from "../channels/checks.js";
import { checkComponents } from "../channels/meta-components.js";
import type { SandboxEngine } from "../engine.js";
import type { SandboxResponse, SandboxRoute } from "../route.js";
import { templateView } from "./view.js";

/** A recipient: country code and number, digits only (`wa_id`), an optional `+` tolerated as Meta does. */
const TO = /^\+?[1-9]\d{7,14}$/;

function metaError(status: number, code: number, message: string, details?: string): SandboxResponse {
  return {
    status,
    body: {
      error: {
        message: `(#${code}) ${message}`,
        type: "OAuthException",
        code,
        ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}),
      },
    },
  };
}

export function v3MessageRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/v3\/message\/?$/,
      bucket: "v3",
      handle(req, { appId }) {
        const denied = engine.checkApp(req, appId!);
        if (denied) return denied;
        if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
          return metaError(400, 100, "Invalid parameter", "Content-Type must be application/json");
        }
        const body = parseJson(req.rawBody.toString("utf8"));
        if (!isObject(body))
          return metaError(400, 100, "Invalid parameter", "the body must be a JSON object");
        return send(engine, appId!, body);
      },
    },
  ];
}

function send(engine: SandboxEngine, appId: string, message: Json): SandboxResponse {
  const problems = new Problems();
  if (message["messaging_product"] !== "whatsapp") problems.add('messaging_product must be "whatsapp"');
  if (message["recipient_type"] !== undefined && message["recipient_type"] !== "individual") {
    problems.add('recipient_type must be "individual"');
  }
  const to = message["to"];
  if (typeof to !== "string" || !TO.test(to))
    problems.add("to must be the recipient's number with country code");
  if (message["type"] !== "template")
    problems.add(`type must be "template", got ${JSON.stringify(message["type"])}`);
  const template = message["template"];
  const language = isObject(template) ? template["language"] : undefined;
  const code = isObject(language) ? language["code"] : undefined;
  const name = isObject(template) ? template["name"] : undefined;
  if (!isNonEmptyString(name)) problems.add("template.name is required");
  if (!isNonEmptyString(code)) problems.add("template.language.code is required");
  if (!isObject(template) || !isNonEmptyString(name) || !isNonEmptyString(code)) {
    return metaError(400, 131008, "Required parameter is missing", problems.toString());
  }
  engine.settle();
  const candidates = engine
    .templatesOf(appId)
    .filter((t) => t.elementName === name && t.languageCode === code)
    .map(templateView);
  const found = approved(
    candidates.find((t) => t.status === "APPROVED") ?? candidates[0],
    `${name} (${code})`,
  );
  if ("problem" in found)
    return metaError(404, 132001, "Template name does not exist in the translation", found.problem);
  checkComponents(template["components"], templateShape(found.view), engine.now(), problems);
  if (!problems.empty)
    return metaError(
      400,
      132000,
      "Number of parameters does not match the expected number of params",
      problems.toString(),
    );

  const messageId = `wamid.${engine.newId()}`;
  const waId = (to as string).replace(/^\+/, "");
  engine.recordSend({
    channel: "gupshup-v3",
    templateId: found.view.id,
    templateName: name,
    destination: waId,
    messageId,
    at: engine.now(),
  });
  return {
    status: 200,
    body: {
      messaging_product: "whatsapp",
      contacts: [{ input: to, wa_id: waId }],
      messages: [{ id: messageId }],
    },
  };
}
