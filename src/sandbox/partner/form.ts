// Reading and checking the form fields of create and edit. The real API documents few of its
// validation messages (README, "Errors"); the ones here that are not documented are the sandbox's
// own wording, kept short and specific.

import type { SandboxRequest } from "../route.js";
import type { StoredTemplate } from "../state.js";
import { countVariables } from "./view.js";

export const CATEGORY_ERROR =
  "Invalid category provided, kindly use category from these option AUTHENTICATION, MARKETING, UTILITY.";

const CATEGORIES = ["AUTHENTICATION", "MARKETING", "UTILITY"];
const TEMPLATE_TYPES = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION", "PRODUCT", "CATALOG", "CAROUSEL"];
const EDITABLE_TYPES = ["TEXT", "IMAGE", "VIDEO", "DOCUMENT"];
const MEDIA_TYPES = ["IMAGE", "VIDEO", "DOCUMENT"];

export class FormError extends Error {}

/** The body of a form-urlencoded request. */
export function formOf(req: SandboxRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody.toString("utf8"));
}

function text(form: URLSearchParams, name: string): string | undefined {
  const v = form.get(name);
  return v === null || v.trim() === "" ? undefined : v;
}

function required(form: URLSearchParams, name: string): string {
  const v = text(form, name);
  if (v === undefined) throw new FormError(`${name} is required`);
  return v;
}

function bool(form: URLSearchParams, name: string): boolean | undefined {
  const v = text(form, name);
  if (v === undefined) return undefined;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw new FormError(`${name} must be true or false`);
}

function jsonArray(form: URLSearchParams, name: string): unknown[] | undefined {
  const v = text(form, name);
  if (v === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    throw new FormError(`${name} must be a JSON array string`);
  }
  if (!Array.isArray(parsed)) throw new FormError(`${name} must be a JSON array string`);
  return parsed;
}

function buttons(form: URLSearchParams): Record<string, unknown>[] | undefined {
  const list = jsonArray(form, "buttons");
  if (!list) return undefined;
  list.forEach((b, i) => {
    if (!b || typeof b !== "object" || typeof (b as Record<string, unknown>)["type"] !== "string") {
      throw new FormError("each button needs a type");
    }
    buttonShape(b as Record<string, unknown>, i);
  });
  return list as Record<string, unknown>[];
}

/**
 * The keys the reference's button shapes (§3.4) give each documented type, in their JSON types:
 * a URL `example` is an array of strings, a COPY_CODE `example` a string. Other types (FLOW, …)
 * pass as they are.
 */
function buttonShape(b: Record<string, unknown>, i: number): void {
  const type = String(b["type"]).toUpperCase();
  const strings: Record<string, readonly string[]> = {
    QUICK_REPLY: ["text"],
    URL: ["text", "url"],
    PHONE_NUMBER: ["text", "phone_number"],
    COPY_CODE: ["example"],
    OTP: ["otp_type"],
  };
  for (const key of strings[type] ?? []) {
    const v = b[key];
    if (typeof v !== "string" || v.trim() === "") {
      throw new FormError(`buttons[${i}] (${type}) needs ${key} as a non-empty string`);
    }
  }
  const example = b["example"];
  if (type === "URL" && example !== undefined) {
    if (!Array.isArray(example) || !example.every((e) => typeof e === "string")) {
      throw new FormError(`buttons[${i}] (URL) example must be an array of strings`);
    }
  }
}

function category(value: string): string {
  const c = value.toUpperCase();
  if (!CATEGORIES.includes(c)) throw new FormError(CATEGORY_ERROR);
  return c;
}

function maxLength(name: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max)
    throw new FormError(`${name} must be at most ${max} characters`);
}

/** A new template from the create form, before the duplicate and name-reuse checks. */
export function readCreateForm(
  form: URLSearchParams,
): Omit<
  StoredTemplate,
  "id" | "appId" | "status" | "createdOn" | "modifiedOn" | "submittedAt" | "approvedEdits"
> {
  const elementName = required(form, "elementName");
  maxLength("elementName", elementName, 180);
  if (!/^[a-z0-9_]+$/.test(elementName)) {
    throw new FormError("elementName may contain only lower-case letters, digits and underscores");
  }
  const content = required(form, "content");
  const cat = category(required(form, "category"));
  const templateType = required(form, "templateType").toUpperCase();
  if (!TEMPLATE_TYPES.includes(templateType)) throw new FormError(`Invalid templateType: ${templateType}`);
  const vertical = required(form, "vertical");
  maxLength("vertical", vertical, 180);
  const isLTO = bool(form, "isLTO") ?? false;
  const draft = {
    elementName,
    languageCode: text(form, "languageCode") ?? "en_US",
    category: cat,
    templateType,
    vertical,
    content,
    example: required(form, "example"),
    header: text(form, "header"),
    exampleHeader: text(form, "exampleHeader"),
    footer: text(form, "footer"),
    buttons: buttons(form) ?? [],
    cards: jsonArray(form, "cards"),
    enableSample: bool(form, "enableSample") ?? false,
    allowTemplateCategoryChange: bool(form, "allowTemplateCategoryChange") ?? false,
    exampleMedia: text(form, "exampleMedia"),
    mediaUrl: text(form, "mediaUrl"),
    mediaId: text(form, "mediaId"),
    isLTO,
    limitedOfferText: isLTO ? text(form, "limitedOfferText") : undefined,
    hasExpiration: isLTO ? bool(form, "hasExpiration") : undefined,
    parameterFormat: text(form, "parameterFormat")?.toUpperCase(),
  };
  if (isLTO) {
    if (draft.limitedOfferText === undefined)
      throw new FormError("limitedOfferText is required when isLTO is true");
    maxLength("limitedOfferText", draft.limitedOfferText, 16);
    if (draft.hasExpiration === undefined)
      throw new FormError("hasExpiration is required when isLTO is true");
    if (!["TEXT", "IMAGE", "VIDEO"].includes(templateType)) {
      throw new FormError("Limited time offer templates must be of type TEXT, IMAGE or VIDEO");
    }
    if (cat === "AUTHENTICATION")
      throw new FormError("Limited time offer templates must be MARKETING or UTILITY");
  }
  const types = draft.buttons.map((b) => String(b["type"]).toUpperCase());
  // Gupshup adds the multi-product button itself (GP-PRODUCT); a product template that brings
  // Meta's single-product `spm` button is taken as one (no Gupshup page documents SPM) (sandbox)
  if (templateType === "PRODUCT" && !types.includes("MPM") && !types.includes("SPM")) {
    draft.buttons = [...draft.buttons, { type: "MPM", text: "View items" }];
  }
  return withoutUndefined(draft);
}

/**
 * Applies an edit form to a copy of `t`. A field sent empty is cleared; a field not sent keeps its
 * value (`keep`) or is cleared (`clear`): Gupshup does not document which (sandbox setting
 * `editOmitted`). `content`, `example`, `category`, `templateType` and `enableSample` always keep
 * theirs when not sent: a template cannot be without them.
 */
export function applyEditForm(
  t: StoredTemplate,
  form: URLSearchParams,
  omitted: "keep" | "clear",
): StoredTemplate {
  const next: StoredTemplate = { ...t };
  delete next.raw; // a row loaded verbatim is the sandbox's own once it is edited
  const part = <K extends keyof StoredTemplate>(name: string, key: K): StoredTemplate[K] | undefined =>
    form.has(name)
      ? (text(form, name) as StoredTemplate[K] | undefined)
      : omitted === "keep"
        ? t[key]
        : undefined;
  const templateType = text(form, "templateType")?.toUpperCase();
  if (templateType !== undefined) {
    if (!EDITABLE_TYPES.includes(templateType)) {
      throw new FormError("templateType of an edit must be TEXT, IMAGE, VIDEO or DOCUMENT");
    }
    next.templateType = templateType;
  }
  const cat = text(form, "category");
  if (cat !== undefined) next.category = category(cat);
  next.content = text(form, "content") ?? t.content;
  next.example = text(form, "example") ?? t.example;
  next.enableSample = bool(form, "enableSample") ?? t.enableSample;
  next.header = part("header", "header");
  next.exampleHeader = part("exampleHeader", "exampleHeader");
  next.footer = part("footer", "footer");
  next.buttons = form.has("buttons") ? (buttons(form) ?? []) : omitted === "keep" ? t.buttons : [];
  next.exampleMedia = part("exampleMedia", "exampleMedia");
  next.mediaUrl = part("mediaUrl", "mediaUrl");
  next.mediaId = part("mediaId", "mediaId");
  return withoutUndefined(next);
}

/** Rules that hold for a template whatever created it; `handles` are the upload handles of its app. */
export function checkTemplate(t: Omit<StoredTemplate, "id">, handles: ReadonlySet<string>): void {
  maxLength("content", t.content, 1024);
  if (t.header !== undefined) {
    if (!["TEXT", "PRODUCT"].includes(t.templateType)) {
      throw new FormError("header is allowed only for TEXT templates");
    }
    if (t.category === "AUTHENTICATION")
      throw new FormError("header is not allowed for AUTHENTICATION templates");
    maxLength("header", t.header, 60);
    const vars = countVariables(t.header);
    if (vars > 1) throw new FormError("header may contain at most one variable");
    if (vars === 1 && t.exampleHeader === undefined) {
      throw new FormError("exampleHeader is required when the header has a variable");
    }
  }
  maxLength("footer", t.footer, 60);
  if (t.buttons.length > 10) throw new FormError("at most 10 buttons are allowed");
  if (MEDIA_TYPES.includes(t.templateType)) {
    if (t.exampleMedia === undefined) {
      throw new FormError(`exampleMedia is required for ${t.templateType} templates`);
    }
    if (!handles.has(t.exampleMedia)) throw new FormError("exampleMedia is not a valid media handle");
  }
  const types = t.buttons.map((b) => String(b["type"]).toUpperCase());
  if (t.templateType === "PRODUCT" && t.category !== "MARKETING") {
    throw new FormError("PRODUCT templates must be MARKETING");
  }
  if (t.templateType === "CATALOG" && (types.length !== 1 || types[0] !== "CATALOG")) {
    throw new FormError("CATALOG templates need exactly one CATALOG button");
  }
  if (t.templateType === "CAROUSEL" && !t.cards?.length)
    throw new FormError("cards are required for CAROUSEL");
  if (t.isLTO && t.hasExpiration && !types.includes("COPY_CODE")) {
    throw new FormError("A COPY_CODE button is required when hasExpiration is true");
  }
}

function withoutUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}
