// Simulator of Kaleyra v2 `POST /v2/{sid}/whatsapp/{number}/messages` (seeds 000 and 004,
// send-apis.md §6): a Meta template message, wrapped in `messaging_object` (seed 000) or flat
// (seed 004); the path holds the business number (or, as seed 004 prints, a WABA id).

import type { SandboxContext, SandboxResponse, SandboxRoute } from "../route.js";
import {
  approvedByName,
  isNonEmptyString,
  isObject,
  type Json,
  PHONE,
  Problems,
  parseJson,
  templateShape,
} from "./checks.js";
import { kaleyraError } from "./kaleyra-errors.js";
import { FOREIGN_SENDER_PREFIX, hasPrefix, INVALID_KEY, RECIPIENT_PREFIX } from "./magic.js";
import { checkComponents } from "./meta-components.js";

/** A business number with country code, or a WABA id (digits). */
const PATH_NUMBER = /^\+?\d{6,20}$/;

export const kaleyraV2Route: SandboxRoute = {
  method: "POST",
  pattern: /^\/v2\/(?<sid>[^/]+)\/whatsapp\/(?<number>[^/]+)\/messages$/,
  handle(req, params, ctx) {
    const key = req.headers["api-key"]?.trim();
    if (!key || key === INVALID_KEY) return kaleyraError.auth("RBC001");
    // the server has already URL-decoded the path parameters
    const number = params["number"] ?? "";
    if (!PATH_NUMBER.test(number) || hasPrefix(number, FOREIGN_SENDER_PREFIX))
      return kaleyraError.phoneNumber();
    if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
      return kaleyraError.payload("Content-Type must be application/json");
    }
    const body = parseJson(req.rawBody.toString("utf8"));
    if (!isObject(body)) return kaleyraError.payload("the body must be a JSON object");
    return check(body, ctx);
  },
};

function check(body: Json, ctx: SandboxContext): SandboxResponse {
  const problems = new Problems();
  // seed 000 wraps the Meta message; seed 004 puts its fields at the top level
  const message = isObject(body["messaging_object"]) ? body["messaging_object"] : body;
  if (message === body && body["messaging_product"] === undefined) {
    return kaleyraError.payload("messaging_object is required");
  }
  if (message["messaging_product"] !== "whatsapp") problems.add('messaging_product must be "whatsapp"');
  if (message["recipient_type"] !== undefined && message["recipient_type"] !== "individual") {
    problems.add('recipient_type must be "individual"');
  }
  const to = message["to"];
  if (typeof to !== "string" || !PHONE.test(to) || hasPrefix(to, RECIPIENT_PREFIX.invalidDestination)) {
    problems.add("to must be the recipient number in E.164 form");
  } else if (hasPrefix(to, RECIPIENT_PREFIX.lowBalance)) return kaleyraError.lowBalance();
  else if (hasPrefix(to, RECIPIENT_PREFIX.serverError)) return kaleyraError.internal();
  if (message["type"] !== "template") {
    problems.add(`type must be "template" (it defaults to text), got ${JSON.stringify(message["type"])}`);
  }
  checkExtraInfo(body["extra_info"], problems);

  const template = message["template"];
  if (!isObject(template)) {
    problems.add("template is required");
    return kaleyraError.payload(problems.toString());
  }
  const language = template["language"];
  const code = isObject(language) ? language["code"] : undefined;
  if (!isNonEmptyString(code)) problems.add("template.language.code is required");
  if (isObject(language) && language["policy"] !== undefined && language["policy"] !== "deterministic") {
    problems.add('template.language.policy must be "deterministic"');
  }
  const name = template["name"];
  if (!isNonEmptyString(name)) problems.add("template.name is required");
  if (!isNonEmptyString(name) || !isNonEmptyString(code)) return kaleyraError.payload(problems.toString());

  const found = approvedByName(ctx, name, code);
  if ("problem" in found) {
    problems.add(found.problem);
    return kaleyraError.payload(problems.toString());
  }
  checkComponents(template["components"], templateShape(found.view), ctx.now(), problems);
  if (!problems.empty) return kaleyraError.payload(problems.toString());

  const messageId = ctx.newId();
  ctx.recordSend({
    channel: "kaleyra-v2",
    templateId: found.view.id,
    templateName: name,
    destination: to as string,
    messageId,
    at: ctx.now(),
  });
  return {
    status: 202,
    body: { code: "WA202", message: "Request Accepted", data: { message_id: messageId }, error: {} },
  };
}

function checkExtraInfo(extra: unknown, problems: Problems): void {
  if (extra === undefined) return;
  if (!isObject(extra)) {
    problems.add("extra_info must be an object");
    return;
  }
  for (const field of ["ref", "ref1", "ref2", "wa_source"]) {
    if (extra[field] !== undefined && typeof extra[field] !== "string")
      problems.add(`extra_info.${field} must be a string`);
  }
}
