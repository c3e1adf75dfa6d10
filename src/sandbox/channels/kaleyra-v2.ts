// Simulator of Kaleyra v2 `POST /v2/{sid}/whatsapp/{number}/messages` (seeds 000 and 004,
// send-apis.md §6): a Meta template message, wrapped in `messaging_object` (seed 000) or flat
// (seed 004); the path holds the business number (or, as seed 004 prints, a WABA id).

import type { SandboxContext, SandboxResponse, SandboxRoute } from "../route.js";
import {
  approvedByName,
  checkCoupon,
  checkExpiration,
  checkId,
  checkSections,
  isHttpUrl,
  isNonEmptyString,
  isObject,
  type Json,
  PHONE,
  Problems,
  parseJson,
  type TemplateShape,
  templateShape,
} from "./checks.js";
import { kaleyraError } from "./kaleyra-errors.js";
import { FOREIGN_SENDER_PREFIX, hasPrefix, INVALID_KEY, RECIPIENT_PREFIX } from "./magic.js";

/** A business number with country code, or a WABA id (digits). */
const PATH_NUMBER = /^\+?\d{6,20}$/;
const BUTTON_TYPES: Record<string, string> = {
  copy_code: "COPY_CODE",
  url: "URL",
  mpm: "MPM",
  catalog: "CATALOG",
};

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

function checkComponents(value: unknown, shape: TemplateShape, now: number, problems: Problems): void {
  if (!Array.isArray(value)) {
    problems.add("template.components must be an array");
    return;
  }
  const components = value.filter(isObject);
  if (components.length !== value.length) problems.add("every component must be an object");
  const ofType = (t: string) => components.filter((c) => c["type"] === t);
  for (const c of components) {
    if (!["header", "body", "limited_time_offer", "button"].includes(String(c["type"]))) {
      problems.add(`unknown component type ${JSON.stringify(c["type"])}`);
    }
  }
  checkHeader(ofType("header")[0], shape, problems);
  checkBody(ofType("body")[0], shape, problems);
  checkOffer(ofType("limited_time_offer")[0], shape, now, problems);
  checkButtons(ofType("button"), shape, problems);
}

function firstParameter(component: Json | undefined, label: string, problems: Problems): Json | undefined {
  const parameters = component?.["parameters"];
  if (!Array.isArray(parameters) || !isObject(parameters[0])) {
    problems.add(`${label}.parameters must be a non-empty array of objects`);
    return undefined;
  }
  return parameters[0];
}

function checkHeader(header: Json | undefined, shape: TemplateShape, problems: Problems): void {
  const needed = shape.mediaHeader ?? (shape.productHeader ? "product" : undefined);
  if (!needed) {
    if (header && !shape.textHeader)
      problems.add("the template has no header, but a header component was sent");
    if (header && shape.textHeader) {
      const p = firstParameter(header, "header", problems);
      if (p && (p["type"] !== "text" || !isNonEmptyString(p["text"]))) {
        problems.add('the header parameter must be {"type":"text","text":…}');
      }
    }
    return;
  }
  if (!header) {
    problems.add(`a header component is required: the template has a ${needed} header`);
    return;
  }
  const p = firstParameter(header, "header", problems);
  if (!p) return;
  if (p["type"] !== needed)
    problems.add(`the header parameter type must be "${needed}", got ${JSON.stringify(p["type"])}`);
  const object = p[needed];
  if (!isObject(object)) {
    problems.add(`the header parameter needs a "${needed}" object`);
  } else if (needed === "product") {
    checkId(object["product_retailer_id"], "product.product_retailer_id", problems);
    checkId(object["catalog_id"], "product.catalog_id", problems);
  } else if (typeof object["id"] === "number") {
    problems.add(`${needed}.id must be a string media id, not a number`);
  } else if (!isNonEmptyString(object["id"]) && !isHttpUrl(object["link"])) {
    problems.add(`${needed} needs a media id or an http(s) link`);
  }
}

function checkBody(body: Json | undefined, shape: TemplateShape, problems: Problems): void {
  const parameters = body?.["parameters"];
  const count = Array.isArray(parameters) ? parameters.length : 0;
  if (body && !Array.isArray(parameters)) problems.add("body.parameters must be an array");
  if (count !== shape.bodyVariables) {
    problems.add(
      `the body has ${count} parameter(s); the template body has ${shape.bodyVariables} variable(s)`,
    );
  }
  (Array.isArray(parameters) ? parameters : []).forEach((p, i) => {
    if (!isObject(p) || p["type"] !== "text" || !isNonEmptyString(p["text"])) {
      problems.add(`body.parameters[${i}] must be {"type":"text","text":<non-empty string>}`);
    }
  });
}

function checkOffer(offer: Json | undefined, shape: TemplateShape, now: number, problems: Problems): void {
  if (!offer) {
    if (shape.hasExpiration)
      problems.add("a limited_time_offer component is required: the template has an offer expiration");
    return;
  }
  if (!shape.isLTO) {
    problems.add("limited_time_offer is only for limited-time-offer templates");
    return;
  }
  const p = firstParameter(offer, "limited_time_offer", problems);
  const inner = p?.["limited_time_offer"];
  if (p && (p["type"] !== "limited_time_offer" || !isObject(inner))) {
    problems.add(
      'the limited_time_offer parameter must be {"type":"limited_time_offer","limited_time_offer":{…}}',
    );
  } else if (isObject(inner)) {
    checkExpiration(inner["expiration_time_ms"], "expiration_time_ms", now, problems);
  }
}

function checkButtons(buttons: Json[], shape: TemplateShape, problems: Problems): void {
  const seen = new Set<number>();
  for (const b of buttons) {
    const subType = String(b["sub_type"] ?? "").toLowerCase();
    const index = b["index"];
    const label = `button ${subType || "?"}`;
    if (typeof index !== "number") {
      problems.add(`${label}: index must be a number, got ${JSON.stringify(index)}`);
      continue;
    }
    if (shape.buttons[index] === undefined || shape.buttons[index] !== BUTTON_TYPES[subType]) {
      problems.add(
        `${label}: index ${index} is not a ${subType} button of the template (buttons: ${shape.buttons.join(", ") || "none"})`,
      );
      continue;
    }
    seen.add(index);
    const p = firstParameter(b, label, problems);
    if (!p) continue;
    if (subType === "copy_code") {
      if (p["type"] !== "coupon_code") problems.add(`${label}: parameter type must be "coupon_code"`);
      checkCoupon(p["coupon_code"], "coupon_code", problems);
    } else if (subType === "url") {
      if (!shape.dynamicUrlIndexes.includes(index))
        problems.add(`${label}: the URL at index ${index} has no variable`);
      if (p["type"] !== "text" || !isNonEmptyString(p["text"])) {
        problems.add(`${label}: parameter must be {"type":"text","text":<URL suffix>}`);
      }
    } else {
      checkAction(p, subType, label, problems);
    }
  }
  const required = [
    ...(shape.copyCodeIndex !== undefined ? [[shape.copyCodeIndex, "copy_code"] as const] : []),
    ...shape.dynamicUrlIndexes.map((i) => [i, "url"] as const),
    ...(shape.mpmIndex !== undefined ? [[shape.mpmIndex, "mpm"] as const] : []),
  ];
  for (const [index, subType] of required) {
    if (!seen.has(index)) problems.add(`a ${subType} button component with index ${index} is required`);
  }
}

function checkAction(p: Json, subType: string, label: string, problems: Problems): void {
  const action = p["action"];
  if (p["type"] !== "action" || !isObject(action)) {
    problems.add(`${label}: parameter must be {"type":"action","action":{…}}`);
    return;
  }
  const thumbnail = action["thumbnail_product_retailer_id"];
  if (subType === "catalog") {
    if (thumbnail !== undefined) checkId(thumbnail, "action.thumbnail_product_retailer_id", problems);
    return;
  }
  checkId(thumbnail, "action.thumbnail_product_retailer_id", problems);
  const sections = Array.isArray(action["sections"]) ? action["sections"] : undefined;
  checkSections(
    sections?.map((s: unknown) => ({
      title: isObject(s) ? s["title"] : undefined,
      ids:
        isObject(s) && Array.isArray(s["product_items"])
          ? s["product_items"].map((item: unknown) =>
              isObject(item) ? item["product_retailer_id"] : undefined,
            )
          : undefined,
    })),
    "action.sections",
    problems,
  );
}
