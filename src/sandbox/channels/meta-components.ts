// Meta's template-message components (send-apis.md §1), checked against the template they name:
// shared by every simulator that carries Meta's format (Kaleyra v2, the Partner API's /v3/message).

import {
  checkCoupon,
  checkExpiration,
  checkId,
  checkSections,
  isHttpUrl,
  isNonEmptyString,
  isObject,
  type Json,
  type Problems,
  type TemplateShape,
} from "./checks.js";

const BUTTON_TYPES: Record<string, string> = {
  copy_code: "COPY_CODE",
  url: "URL",
  mpm: "MPM",
  catalog: "CATALOG",
};

export function checkComponents(value: unknown, shape: TemplateShape, now: number, problems: Problems): void {
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
