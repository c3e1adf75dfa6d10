// Wire JSON ↔ canonical model. This is the only module that knows the Partner API's field names
// and response shapes (reference: shared/reference/gupshup-partner-api.md, §1–§6). Everything it
// reads is untrusted: shapes are checked and a wrong one raises WireShapeError, never a TypeError.

import { normalizeLine, normalizeOptionalText, normalizeText } from "../../model/normalize.js";
import { normalizePhone } from "../../model/phone.js";
import {
  type Button,
  CATEGORIES,
  type Category,
  EDITABLE_HEADER_TYPES,
  type Header,
  type RemoteTemplate,
  type TemplateContent,
  type TemplateKey,
  type TemplateKind,
} from "../../model/template.js";
import { extractExamples, substitute } from "./text.js";

/** A response that is valid JSON but not what the Partner API documents. */
export class WireShapeError extends Error {
  override readonly name = "WireShapeError";
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

function nonEmpty(v: unknown): string | undefined {
  const s = str(v);
  return s !== undefined && s.trim() !== "" ? s : undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

function num(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A JSON value that may arrive as a JSON string (containerMeta, meta) or as the object itself. */
function jsonish(v: unknown): Json {
  if (isObject(v)) return v;
  if (typeof v === "string" && v.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(v);
      if (isObject(parsed)) return parsed;
    } catch {
      // fall through: an unparsable containerMeta is treated as absent, the row stays usable
    }
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Envelopes

/** The `message` of an error envelope: `{"status":"error","message":…}` or a relayed Meta `error`. */
export function errorMessageOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const direct = nonEmpty(body["message"]);
  if (direct) return direct;
  const error = body["error"];
  if (isObject(error)) return nonEmpty(error["message"]) ?? nonEmpty(error["error_user_msg"]);
  return nonEmpty(error);
}

/** Whether a 2xx body is nevertheless an error envelope. */
export function isErrorEnvelope(body: unknown): boolean {
  return (
    isObject(body) &&
    (body["status"] === "error" || (body["status"] === undefined && isObject(body["error"])))
  );
}

/** Login: `{"token":"<JWT>", …}`. */
export function parseLoginToken(body: unknown): string {
  const token = isObject(body) ? nonEmpty(body["token"]) : undefined;
  if (!token) throw new WireShapeError("the login response has no token");
  return token;
}

/** Legacy app token: `{"status":"success","token":{"token":"sk_…", …}}`. */
export function parseAppToken(body: unknown): string {
  const holder = isObject(body) ? body["token"] : undefined;
  const token = isObject(holder) ? nonEmpty(holder["token"]) : nonEmpty(holder);
  if (!token) throw new WireShapeError("the app token response has no token.token");
  return token;
}

/**
 * Universal app token (UAT) mint. The response shape is not published; accept the token as
 * `token` (string or `{token}`), `appToken` or `accessToken`, and an expiry under the usual names.
 */
export function parseUniversalAppToken(body: unknown): { token: string; expiresAt?: number } {
  if (!isObject(body)) throw new WireShapeError("the app token response is not an object");
  const holder = body["token"];
  const token =
    (isObject(holder) ? nonEmpty(holder["token"]) : nonEmpty(holder)) ??
    nonEmpty(body["appToken"]) ??
    nonEmpty(body["accessToken"]);
  if (!token) throw new WireShapeError("the app token response has no token");
  const source = isObject(holder) ? holder : body;
  const expiresAt = num(source["expiry"]) ?? num(source["expiresOn"]) ?? num(source["expiresAt"]);
  return expiresAt && expiresAt > 0 ? { token, expiresAt } : { token };
}

/** Upload: `{"handleId":{"message":"4::…"},"status":"success"}`. */
export function parseUploadHandle(body: unknown): string {
  const holder = isObject(body) ? body["handleId"] : undefined;
  const handle = isObject(holder) ? nonEmpty(holder["message"]) : nonEmpty(holder);
  if (!handle) throw new WireShapeError("the upload response has no handleId.message");
  return handle;
}

/** `/template/msg`: `{"status":"submitted","messageId":"…"}`. */
export function parseSendResult(body: unknown): { messageId: string } {
  const messageId = isObject(body) ? nonEmpty(body["messageId"]) : undefined;
  if (!messageId) throw new WireShapeError("the send response has no messageId");
  return { messageId };
}

/** List: `{"status":"success","templates":[…]}`. */
export function parseTemplateList(body: unknown): Json[] {
  const rows = isObject(body) ? body["templates"] : undefined;
  if (!Array.isArray(rows)) throw new WireShapeError("the template list response has no templates array");
  return rows.map((row, i) => {
    if (!isObject(row)) throw new WireShapeError(`template row ${i} is not an object`);
    return row;
  });
}

/** Create: `{"status":"success","template":{…}}`. */
export function parseCreatedTemplate(body: unknown): Json {
  const row = isObject(body) ? body["template"] : undefined;
  if (!isObject(row)) throw new WireShapeError("the create response has no template object");
  return row;
}

/** The Gupshup id of a list row, for de-duplicating pages. */
export function rowId(row: Json): string | undefined {
  return nonEmpty(row["id"]);
}

// ---------------------------------------------------------------------------------------------
// Buttons

/** Canonical URL-button example: the value of the trailing variable, also when a full URL was sent. */
function urlExample(url: string, example: unknown): string | undefined {
  const first = Array.isArray(example) ? example[0] : example;
  const value = nonEmpty(first);
  if (value === undefined) return undefined;
  const prefix = url.split("{{")[0] ?? "";
  return prefix && value.startsWith(prefix) && value.length > prefix.length
    ? value.slice(prefix.length)
    : value;
}

/**
 * Phone numbers as the declaration stores them (model/phone.ts), since the samples show both
 * `918016337728` and `+919872329959`; anything else is kept as is.
 */
function canonicalPhone(value: string): string {
  return normalizePhone(value) ?? normalizeLine(value);
}

/** Wire buttons → canonical. Button kinds waform does not model (FLOW, …) are left out. */
export function buttonsFromWire(list: unknown): Button[] {
  if (!Array.isArray(list)) return [];
  const out: Button[] = [];
  for (const b of list) {
    if (!isObject(b)) continue;
    const type = str(b["type"])?.toUpperCase();
    const text = normalizeLine(str(b["text"]) ?? "");
    switch (type) {
      case "QUICK_REPLY":
        out.push({ type: "quick_reply", text });
        break;
      case "URL": {
        const url = normalizeLine(str(b["url"]) ?? "");
        const example = urlExample(url, b["example"]);
        out.push(example === undefined ? { type: "url", text, url } : { type: "url", text, url, example });
        break;
      }
      case "PHONE_NUMBER":
        out.push({ type: "phone_number", text, phoneNumber: canonicalPhone(str(b["phone_number"]) ?? "") });
        break;
      case "COPY_CODE": {
        const example = Array.isArray(b["example"]) ? b["example"][0] : b["example"];
        out.push({ type: "copy_code", example: normalizeLine(str(example) ?? "") });
        break;
      }
      case "OTP":
        out.push({
          type: "otp",
          otpType: str(b["otp_type"])?.toUpperCase() === "ONE_TAP" ? "ONE_TAP" : "COPY_CODE",
          text,
        });
        break;
      case "MPM":
        out.push({ type: "mpm", text });
        break;
      case "CATALOG":
        out.push({ type: "catalog", text });
        break;
      case "SPM":
        out.push({ type: "spm", text });
        break;
    }
  }
  return out;
}

/**
 * Canonical buttons → the wire array. A URL example is sent as the variable value, as in the LTO
 * page and seed 003 (the generic create page shows a full URL instead: which one Gupshup forwards
 * correctly is unverified, reference §3.4).
 */
export function buttonsToWire(buttons: readonly Button[]): Json[] {
  return buttons.map(buttonToWire);
}

function buttonToWire(b: Button): Json {
  switch (b.type) {
    case "quick_reply":
      return { type: "QUICK_REPLY", text: b.text };
    case "url":
      return b.example === undefined
        ? { type: "URL", text: b.text, url: b.url }
        : { type: "URL", text: b.text, url: b.url, example: [b.example] };
    case "phone_number":
      return { type: "PHONE_NUMBER", text: b.text, phone_number: b.phoneNumber };
    case "copy_code":
      return { type: "COPY_CODE", example: b.example };
    case "otp":
      return { type: "OTP", otp_type: b.otpType, text: b.text };
    case "mpm":
      return { type: "MPM", text: b.text };
    case "catalog":
      return { type: "CATALOG", text: b.text };
    case "spm":
      return { type: "SPM", text: b.text };
  }
}

// ---------------------------------------------------------------------------------------------
// Templates: wire → canonical

const MEDIA_TYPES = { IMAGE: "image", VIDEO: "video", DOCUMENT: "document" } as const;

/**
 * Single-product templates have no documented Gupshup type. waform creates them as `PRODUCT` with
 * an `SPM` button and an undocumented `headerType=PRODUCT` field (unverified; the sandbox records it
 * in containerMeta), and recognises them by either mark.
 */
export const SINGLE_PRODUCT_HEADER_TYPE = "PRODUCT";

function headerFromWire(templateType: string, kind: TemplateKind, meta: Json, row: Json): Header | undefined {
  const media = MEDIA_TYPES[templateType as keyof typeof MEDIA_TYPES];
  if (media) {
    // the remote only knows the example URL when it recorded `mediaUrl`
    const example = nonEmpty(meta["mediaUrl"]) ?? nonEmpty(row["mediaUrl"]);
    return example === undefined ? { type: media } : { type: media, example: normalizeLine(example) };
  }
  if (templateType === "LOCATION") return { type: "location" };
  if (kind === "single_product") return { type: "product" };
  const text = nonEmpty(meta["header"]);
  if (text === undefined) return undefined;
  const header = normalizeText(text);
  const sample = nonEmpty(meta["sampleHeader"]);
  // like the declaration: the example is the header with its variable substituted (`exampleHeader`)
  return sample === undefined
    ? { type: "text", text: header }
    : { type: "text", text: header, example: normalizeLine(sample) };
}

function categoryOf(row: Json, where: string): Category {
  const value = str(row["category"])?.toUpperCase();
  if (!CATEGORIES.includes(value as Category)) {
    throw new WireShapeError(`${where} has an unknown category ${JSON.stringify(row["category"] ?? null)}`);
  }
  return value as Category;
}

/** One list (or create) row → the canonical remote template, keyed under the app's alias. */
export function templateFromWire(row: Json, appAlias: string): RemoteTemplate {
  const id = nonEmpty(row["id"]);
  const name = nonEmpty(row["elementName"]);
  if (!id || !name) throw new WireShapeError("a template row has no id or elementName");
  const where = `template ${name}`;
  const meta = jsonish(row["containerMeta"]);
  const templateType = (str(row["templateType"]) ?? "TEXT").toUpperCase();
  const buttons = buttonsFromWire(meta["buttons"]);

  const offer = isObject(meta["limitedTimeOffer"]) ? meta["limitedTimeOffer"] : undefined;
  const isLto = offer !== undefined || bool(row["isLTO"]) === true || bool(meta["isLTO"]) === true;
  const kind: TemplateKind = isLto
    ? "lto"
    : templateType === "CATALOG"
      ? "catalog"
      : templateType === "PRODUCT"
        ? str(meta["headerType"])?.toUpperCase() === SINGLE_PRODUCT_HEADER_TYPE ||
          buttons.some((b) => b.type === "spm")
          ? "single_product"
          : "multi_product"
        : "standard";

  const body = normalizeText(str(meta["data"]) ?? str(row["content"]) ?? "");
  const sample = nonEmpty(meta["sampleText"]) ?? nonEmpty(jsonish(row["meta"])["example"]);
  const footer = normalizeOptionalText(str(meta["footer"]));
  const header = headerFromWire(templateType, kind, meta, row);
  const content: TemplateContent = {
    category: categoryOf(row, where),
    kind,
    vertical: normalizeLine(str(row["vertical"]) ?? ""),
    body,
    bodyExamples: sample === undefined ? [] : extractExamples(body, normalizeText(sample)).map(normalizeLine),
    buttons,
    allowCategoryChange: bool(meta["allowTemplateCategoryChange"]) ?? false,
    ...(header ? { header } : {}),
    ...(footer !== undefined ? { footer } : {}),
  };
  if (isLto) {
    content.lto = {
      text: normalizeLine(str(offer?.["text"]) ?? str(row["limitedOfferText"]) ?? ""),
      hasExpiration: bool(offer?.["has_expiration"]) ?? bool(row["hasExpiration"]) ?? false,
    };
  }
  const remote: RemoteTemplate = {
    app: appAlias,
    name,
    language: str(row["languageCode"]) ?? "en_US",
    ...content,
    id,
    status: (str(row["status"]) ?? "UNKNOWN").toUpperCase(),
  };
  const optional = {
    reason: nonEmpty(row["reason"]),
    externalId: nonEmpty(row["externalId"]),
    oldCategory: nonEmpty(row["oldCategory"]),
    createdOn: num(row["createdOn"]),
    modifiedOn: num(row["modifiedOn"]),
    // `modifiedOn` also moves on approval; only `containerMeta.editTemplate: true` says the template
    // was edited, and then `modifiedOn` is the latest that edit can be (inferred, unverified)
    editedOn: bool(meta["editTemplate"]) === true ? num(row["modifiedOn"]) : undefined,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (remote as unknown as Json)[k] = v;
  return remote;
}

// ---------------------------------------------------------------------------------------------
// Templates: canonical → create / edit forms

/** The Gupshup `templateType` of a canonical template. */
export function templateTypeOf(content: TemplateContent): string {
  if (content.kind === "multi_product" || content.kind === "single_product") return "PRODUCT";
  if (content.kind === "catalog") return "CATALOG";
  switch (content.header?.type) {
    case "image":
      return "IMAGE";
    case "video":
      return "VIDEO";
    case "document":
      return "DOCUMENT";
    case "location":
      return "LOCATION";
    default:
      return "TEXT";
  }
}

/** The sample media of a media header, as uploaded: the handle for `exampleMedia`, the URL for `mediaUrl`. */
export interface MediaSample {
  handle: string;
  url?: string;
}

/** The fields create and edit share (components, examples, media). */
function componentFields(content: TemplateContent, media: MediaSample | undefined): [string, string][] {
  const fields: [string, string][] = [
    ["content", content.body],
    ["example", substitute(content.body, content.bodyExamples)],
    ["enableSample", "true"],
  ];
  const header = content.header;
  if (header?.type === "text") {
    fields.push(["header", header.text]);
    if (header.example !== undefined) fields.push(["exampleHeader", header.example]);
  }
  if (content.footer !== undefined) fields.push(["footer", content.footer]);
  if (content.buttons.length) fields.push(["buttons", JSON.stringify(buttonsToWire(content.buttons))]);
  if (media) {
    fields.push(["exampleMedia", media.handle]);
    // also record the public URL, so the remote keeps what the user declared (compared on list)
    if (media.url !== undefined) fields.push(["mediaUrl", media.url]);
  }
  return fields;
}

/** The create form (`POST /partner/app/{appId}/templates`, form-urlencoded). */
export function createForm(key: TemplateKey, content: TemplateContent, media?: MediaSample): URLSearchParams {
  const fields: [string, string][] = [
    ["elementName", key.name],
    ["languageCode", key.language],
    ["category", content.category],
    ["templateType", templateTypeOf(content)],
    ["vertical", content.vertical],
    ...componentFields(content, media),
    ["allowTemplateCategoryChange", String(content.allowCategoryChange)],
  ];
  if (content.kind === "single_product") fields.push(["headerType", SINGLE_PRODUCT_HEADER_TYPE]);
  if (content.lto) {
    fields.push(
      ["isLTO", "true"],
      ["limitedOfferText", content.lto.text],
      // documented as required; always sent, also when false (reference §3.5)
      ["hasExpiration", String(content.lto.hasExpiration)],
    );
  }
  return new URLSearchParams(fields);
}

const EDITABLE_TYPES: readonly string[] = EDITABLE_HEADER_TYPES.map((t) => t.toUpperCase());

/**
 * The edit form (`PUT /partner/app/{appId}/templates/{id}`): the complete desired components, since
 * Meta replaces all of them. Name, language and the LTO fields cannot be edited (plan: replace).
 */
export function editForm(content: TemplateContent, media?: MediaSample): URLSearchParams {
  const type = templateTypeOf(content);
  const fields: [string, string][] = [["category", content.category]];
  if (EDITABLE_TYPES.includes(type)) fields.push(["templateType", type]);
  fields.push(...componentFields(content, media));
  return new URLSearchParams(fields);
}
