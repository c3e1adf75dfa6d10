// Simulator of Gupshup self-serve `POST /wa/api/v1/template/msg` (seed 002, send-apis.md §4):
// form-urlencoded, `apikey` header, template by Gupshup id with a flat `params` list. The older
// `/sm/api/v1/template/msg`, which a production client (glific) still calls, answers the same
// (field-evidence.md §2).

import { SELF_SERVE_SEND_FIELDS } from "../partner/documented.js";
import type { SandboxContext, SandboxResponse, SandboxRoute } from "../route.js";
import {
  approved,
  checkCoupon,
  checkExpiration,
  checkId,
  checkSections,
  isHttpUrl,
  isNonEmptyString,
  isObject,
  type Json,
  Problems,
  parseJson,
  type TemplateShape,
  templateShape,
} from "./checks.js";
import { hasPrefix, INVALID_KEY, RECIPIENT_PREFIX } from "./magic.js";

const DIGITS = /^[1-9]\d{6,14}$/;

function error(status: number, message: string): SandboxResponse {
  return { status, body: { status: "error", message } };
}

export const gupshupApiRoute: SandboxRoute = {
  method: "POST",
  pattern: /^\/(?:wa|sm)\/api\/v1\/template\/msg$/,
  documentedFields: SELF_SERVE_SEND_FIELDS,
  handle(req, _params, ctx) {
    const key = req.headers["apikey"]?.trim();
    if (!key || key === INVALID_KEY) return error(401, "Authentication Failed");
    if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return error(400, "Content-Type must be application/x-www-form-urlencoded");
    }
    const form = new URLSearchParams(req.rawBody.toString("utf8"));

    const destination = form.get("destination") ?? "";
    if (!DIGITS.test(destination) || hasPrefix(destination, RECIPIENT_PREFIX.invalidDestination)) {
      return error(400, "Invalid Destination");
    }
    if (hasPrefix(destination, RECIPIENT_PREFIX.serverError)) {
      return error(
        500,
        "Internal server error. Please try again later and If Issue still persist than contact Gupshup Dev Support",
      );
    }
    return check(form, destination, ctx);
  },
};

function check(form: URLSearchParams, destination: string, ctx: SandboxContext): SandboxResponse {
  const problems = new Problems();
  if (form.get("channel") !== "whatsapp") problems.add('channel must be "whatsapp"');
  if (!DIGITS.test(form.get("source") ?? "")) problems.add("source must be the sender number, digits only");
  if (!isNonEmptyString(form.get("src.name"))) return error(400, "Invalid App Details");

  const template = parseJson(form.get("template") ?? "");
  if (!isObject(template)) return error(400, "template must be a JSON object {id, params, expiration}");
  if (!isNonEmptyString(template["id"])) return error(400, "template.id (the template id) is required");
  const found = approved(ctx.findTemplateById(template["id"]), template["id"]);
  if ("problem" in found) return error(400, found.problem);
  const shape = templateShape(found.view);

  checkTemplateObject(template, shape, ctx.now(), problems);
  checkMessage(form.get("message"), shape, problems);
  const postback = form.get("postbackTexts");
  if (postback !== null && !Array.isArray(parseJson(postback)))
    problems.add("postbackTexts must be a JSON array");
  if (!problems.empty) return error(400, problems.toString());

  const messageId = ctx.newId();
  ctx.recordSend({
    channel: "gupshup",
    templateId: found.view.id,
    templateName: found.view.elementName,
    destination,
    messageId,
    at: ctx.now(),
  });
  return { status: 202, body: { status: "success", messageId } };
}

/**
 * `params` is [header variable?, ...body, coupon?, URL suffixes…, thumbnail?] (the order waform
 * sends; Gupshup does not document it). The sandbox cannot see whether a text header has a
 * variable, so one extra leading value is allowed for templates with a text header.
 */
function checkTemplateObject(template: Json, shape: TemplateShape, now: number, problems: Problems): void {
  const params = template["params"];
  if (!Array.isArray(params)) {
    problems.add("template.params must be an array of strings");
    return;
  }
  params.forEach((p, i) => {
    if (!isNonEmptyString(p)) problems.add(`template.params[${i}] must be a non-empty string`);
  });
  const thumbnail = shape.mpmIndex !== undefined ? 1 : 0;
  const min =
    shape.bodyVariables +
    (shape.copyCodeIndex !== undefined ? 1 : 0) +
    shape.dynamicUrlIndexes.length +
    thumbnail;
  const max = min + (shape.textHeader ? 1 : 0) + (shape.catalogIndex !== undefined ? 1 : 0);
  if (params.length < min || params.length > max) {
    problems.add(
      `template.params has ${params.length} value(s); the template takes ${min === max ? min : `${min} to ${max}`} ` +
        "(body variables, then the coupon code, URL suffix and thumbnail product id)",
    );
  } else if (shape.copyCodeIndex !== undefined) {
    const offset = shape.textHeader && params.length === max ? 1 : 0;
    checkCoupon(params[offset + shape.bodyVariables], "the coupon code in template.params", problems);
  }

  if (shape.hasExpiration) checkExpiration(template["expiration"], "template.expiration", now, problems);
  else if (template["expiration"] !== undefined) {
    if (!shape.isLTO) problems.add("template.expiration is only for limited-time-offer templates");
    else checkExpiration(template["expiration"], "template.expiration", now, problems);
  }

  if (shape.mpmIndex !== undefined) {
    const mpm = template["mpm"];
    const sections = isObject(mpm) && Array.isArray(mpm["sections"]) ? mpm["sections"] : undefined;
    checkSections(
      sections?.map((s: unknown) => ({
        title: isObject(s) ? s["title"] : undefined,
        ids: isObject(s) && Array.isArray(s["products"]) ? s["products"] : undefined,
      })),
      "template.mpm.sections",
      problems,
    );
    if (params.length > 0)
      checkId(params[params.length - 1], "the thumbnail product id (last param)", problems);
  } else if (template["mpm"] !== undefined) {
    problems.add("template.mpm is only for multi-product templates");
  }
}

function checkMessage(raw: string | null, shape: TemplateShape, problems: Problems): void {
  if (!shape.mediaHeader) {
    if (raw !== null) problems.add("message is only for templates with a media header");
    return;
  }
  const kind = shape.mediaHeader;
  const message = parseJson(raw ?? "");
  if (!isObject(message)) {
    problems.add(
      `message is required: the template has a ${kind} header ({"type":"${kind}","${kind}":{"link":…}})`,
    );
    return;
  }
  if (message["type"] !== undefined && message["type"] !== kind) {
    problems.add(`message.type must be "${kind}", got ${JSON.stringify(message["type"])}`);
  }
  const media = message[kind];
  if (!isObject(media)) problems.add(`message.${kind} must be an object with a link or an id`);
  else if (!isHttpUrl(media["link"]) && !isNonEmptyString(media["id"])) {
    problems.add(`message.${kind} needs an http(s) link or a media id`);
  }
}
