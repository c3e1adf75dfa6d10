// Wire JSON ↔ canonical model. This is the only module that knows the Partner API's field names
// and response shapes (reference: shared/reference/gupshup-partner-api.md, §1–§6). Everything it
// reads is untrusted: shapes are checked and a wrong one raises WireShapeError, never a TypeError.

import {
  type Button,
  EDITABLE_HEADER_TYPES,
  type RemoteTemplate,
  type TemplateContent,
  type TemplateKey,
} from "../../model/template.js";
import { substitute } from "./text.js";
import { isObject, type Json, jsonish, nonEmpty, num, WireShapeError } from "./wire-values.js";

export { isUnmanageable, type ReadTemplate, readButtons, templateFromWire } from "./row-reader.js";
export { WireShapeError } from "./wire-values.js";

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
  const expiresAt = instant(source["expiry"]) ?? instant(source["expiresOn"]) ?? instant(source["expiresAt"]);
  return expiresAt !== undefined ? { token, expiresAt } : { token };
}

/** Epoch seconds are below this (until the year 5138); epoch milliseconds above it (after 1973). */
const EPOCH_MS_FROM = 100_000_000_000;

/**
 * An instant as epoch ms, from epoch ms, epoch seconds or an ISO date (the mint's answer is not
 * published). Zero, negative and unreadable values are no instant: the caller keeps its own.
 */
function instant(v: unknown): number | undefined {
  const n = num(v);
  if (n !== undefined) return n <= 0 ? undefined : n < EPOCH_MS_FROM ? n * 1000 : n;
  const at = typeof v === "string" ? Date.parse(v) : Number.NaN;
  return Number.isNaN(at) || at <= 0 ? undefined : at;
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

/**
 * `/v3/message` (Meta format): `{"messaging_product":"whatsapp","contacts":[…],"messages":[{"id":"…"}]}`
 * (reference §6.2).
 */
export function parseMetaSendResult(body: unknown): { messageId: string } {
  const messages = isObject(body) ? body["messages"] : undefined;
  const first = Array.isArray(messages) ? messages[0] : undefined;
  const messageId = isObject(first) ? nonEmpty(first["id"]) : undefined;
  if (!messageId) throw new WireShapeError("the send response has no messages[0].id");
  return { messageId };
}

/**
 * List: `{"status":"success","templates":[…]}`. Only the envelope is checked here: each row is
 * read (or skipped with a warning) by row-reader.ts, so one odd row never fails the list.
 */
export function parseTemplateList(body: unknown): unknown[] {
  const rows = isObject(body) ? body["templates"] : undefined;
  if (!Array.isArray(rows)) throw new WireShapeError("the template list response has no templates array");
  return rows;
}

/**
 * Create: `{"status":"success","template":{…}}` (§3.8). Also read: the row as a JSON string (as
 * containerMeta comes), and under `templates` as the metalibrary create answers (§3.11), as an
 * object or a list of exactly one row.
 */
export function parseCreatedTemplate(body: unknown): Json {
  const holder = isObject(body) ? body : {};
  const one = Array.isArray(holder["templates"]) && holder["templates"].length === 1;
  const row = jsonish(
    holder["template"] ?? (one ? (holder["templates"] as unknown[])[0] : holder["templates"]),
  );
  if (row.kind !== "object") throw new WireShapeError("the create response has no template object");
  return row.value;
}

/** The Gupshup id of a list row, for de-duplicating pages. */
export function rowId(row: unknown): string | undefined {
  return isObject(row) ? nonEmpty(row["id"]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Buttons

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

/**
 * Every form field waform sends, per call, with where the reference documents it. What waform
 * sends follows the documentation exactly; a test holds createForm and editForm to these lists and
 * the sandbox's strict mode refuses anything else.
 */
export const DOCUMENTED_CREATE_FIELDS = [
  "elementName", // §3.2
  "languageCode", // §3.2
  "category", // §3.2
  "templateType", // §3.2
  "vertical", // §3.2
  "content", // §3.2
  "example", // §3.2
  "enableSample", // §3.2
  "header", // §3.2 (TEXT), §3.3 (PRODUCT)
  "exampleHeader", // §3.2
  "footer", // §3.2
  "buttons", // §3.2, §3.4
  "exampleMedia", // §3.2, §3.7
  "allowTemplateCategoryChange", // §3.2
  "isLTO", // §3.5
  "limitedOfferText", // §3.5
  "hasExpiration", // §3.5
] as const;

/** §4: the edit page's field list (waform sends no `mediaId` / `mediaUrl`: the handle suffices). */
export const DOCUMENTED_EDIT_FIELDS = [
  "content",
  "templateType",
  "example",
  "enableSample",
  "header",
  "footer",
  "buttons",
  "exampleMedia",
  "category",
  "exampleHeader",
] as const;

/** The sample of a media header for create or edit: an upload handle, sent as `exampleMedia`. */
export interface MediaSample {
  handle: string;
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
  if (media) fields.push(["exampleMedia", media.handle]);
  return fields;
}

/**
 * The create form (`POST /partner/app/{appId}/templates`, form-urlencoded). A single-product
 * template has no documented Gupshup create (SPM-007): it is sent as `PRODUCT` with Meta's `spm`
 * button, which is how the reader recognises it (unverified).
 */
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
 * Meta replaces all of them. Whether Gupshup keeps or clears a field an edit omits is undocumented,
 * so a part the remote has and the declaration does not is sent empty, which removes it under
 * either rule. Name, language and the LTO fields cannot be edited (plan: replace).
 */
export function editForm(
  content: TemplateContent,
  media?: MediaSample,
  remote?: Pick<RemoteTemplate, "header" | "footer" | "buttons">,
): URLSearchParams {
  const type = templateTypeOf(content);
  const fields: [string, string][] = [["category", content.category]];
  if (EDITABLE_TYPES.includes(type)) fields.push(["templateType", type]);
  fields.push(...componentFields(content, media));
  const sent = new Set(fields.map(([name]) => name));
  const clear = (name: string, value: string) => {
    if (!sent.has(name)) fields.push([name, value]);
  };
  if (remote?.header?.type === "text") {
    clear("header", "");
    if (remote.header.example !== undefined) clear("exampleHeader", "");
  }
  if (remote?.footer !== undefined) clear("footer", "");
  if (remote?.buttons.length) clear("buttons", "[]");
  return new URLSearchParams(fields);
}
