// The tolerant reader of template rows (reference §2.3–§2.5, field-evidence.md §3). Real accounts
// hold rows no current create would produce: legacy categories, rows without containerMeta, a
// containerMeta that is not JSON, button and template types waform does not model, statuses in any
// spelling. Every row that has a name and an id becomes either a RemoteTemplate (waform understands
// all of it) or an UnmanageableTemplate (listed with the reason, never changed); a row without a
// name or an id is skipped with a warning naming its position. Nothing here throws for a row.

import type { Diagnostic } from "../../model/diagnostic.js";
import { normalizeLine, normalizeOptionalText, normalizeText } from "../../model/normalize.js";
import { normalizePhone } from "../../model/phone.js";
import { canonicalStatus } from "../../model/status.js";
import {
  type Button,
  CATEGORIES,
  type Category,
  type Header,
  type RawRemoteValues,
  type RemoteTemplate,
  type TemplateKind,
  type UnmanageableReason,
  type UnmanageableTemplate,
} from "../../model/template.js";
import type { RemoteListing } from "../port.js";
import { extractExamples } from "./text.js";
import {
  bool,
  isObject,
  type Json,
  jsonish,
  jsonObject,
  nonEmpty,
  num,
  shown,
  str,
  WireShapeError,
} from "./wire-values.js";

export type ReadTemplate = RemoteTemplate | UnmanageableTemplate;

export function isUnmanageable(t: ReadTemplate): t is UnmanageableTemplate {
  return "unmanageable" in t;
}

/** Why a part of a row cannot be managed; the first one found is the row's reason. */
interface Problem {
  reason: UnmanageableReason;
  detail: string;
}

/** Template types waform models, and the kind/header they imply. `LTO` is gupshup-mcp's spelling of a TEXT LTO. */
const KNOWN_TYPES = new Set(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION", "PRODUCT", "CATALOG", "LTO"]);
const MEDIA_TYPES = { IMAGE: "image", VIDEO: "video", DOCUMENT: "document" } as const;

/**
 * Single-product templates have no documented Gupshup type: waform creates them as `PRODUCT` with
 * Meta's `spm` button and recognises them by it. Rows made by earlier waform versions carry an
 * undocumented `headerType: PRODUCT` mark in containerMeta instead; it is still read.
 */
const LEGACY_SINGLE_PRODUCT_MARK = "PRODUCT";

// ---------------------------------------------------------------------------------------------
// Buttons

interface ReadButtons {
  buttons: Button[];
  /** Button types waform does not model, verbatim. */
  unknown: string[];
  damaged?: string;
}

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

function readButton(b: Json): Button | undefined {
  const type = str(b["type"])?.trim().toUpperCase();
  const text = normalizeLine(str(b["text"]) ?? "");
  switch (type) {
    case "QUICK_REPLY":
      return { type: "quick_reply", text };
    case "URL": {
      const url = normalizeLine(str(b["url"]) ?? "");
      const example = urlExample(url, b["example"]);
      return example === undefined ? { type: "url", text, url } : { type: "url", text, url, example };
    }
    case "PHONE_NUMBER":
      return { type: "phone_number", text, phoneNumber: canonicalPhone(str(b["phone_number"]) ?? "") };
    case "COPY_CODE": {
      const example = Array.isArray(b["example"]) ? b["example"][0] : b["example"];
      return { type: "copy_code", example: normalizeLine(str(example) ?? "") };
    }
    case "OTP": {
      const otp = str(b["otp_type"])?.trim().toUpperCase() ?? "COPY_CODE";
      // ZERO_TAP and anything newer carry fields waform does not model
      return otp === "COPY_CODE" || otp === "ONE_TAP" ? { type: "otp", otpType: otp, text } : undefined;
    }
    case "MPM":
      return { type: "mpm", text };
    case "CATALOG":
      return { type: "catalog", text };
    case "SPM":
      return { type: "spm", text };
    default:
      return undefined;
  }
}

/** containerMeta.buttons: a list (or a JSON string of one) of button objects. */
export function readButtons(list: unknown): ReadButtons {
  if (list === undefined || list === null) return { buttons: [], unknown: [] };
  const parsed = typeof list === "string" ? parseList(list) : list;
  if (!Array.isArray(parsed))
    return { buttons: [], unknown: [], damaged: "containerMeta.buttons is not a list" };
  const out: ReadButtons = { buttons: [], unknown: [] };
  parsed.forEach((b, i) => {
    if (!isObject(b)) {
      out.damaged ??= `button ${i + 1} is not an object`;
      return;
    }
    const button = readButton(b);
    if (button) out.buttons.push(button);
    else {
      const type = str(b["type"]) ?? shown(b["type"] ?? null);
      out.unknown.push(type.toUpperCase() === "OTP" ? `OTP ${str(b["otp_type"]) ?? ""}`.trim() : type);
    }
  });
  return out;
}

function parseList(text: string): unknown {
  if (text.trim() === "") return [];
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Rows

interface Identity {
  app: string;
  name: string;
  language: string;
  id: string;
  status: string;
  raw: RawRemoteValues;
  optional: Partial<Pick<RemoteTemplate, "reason" | "createdOn" | "modifiedOn">>;
}

function identityOf(row: Json, appAlias: string, id: string, name: string): Identity {
  const statusText = nonEmpty(row["status"]);
  const status = statusText === undefined ? "UNKNOWN" : canonicalStatus(statusText);
  const raw: RawRemoteValues = {};
  // upper-casing alone is a spelling; anything more is kept as the provider wrote it
  if (statusText !== undefined && statusText.toUpperCase() !== status) raw.status = statusText;
  const optional: Identity["optional"] = {};
  const reason = nonEmpty(row["reason"]) ?? nonEmpty(row["rejectedReason"]);
  if (reason !== undefined) optional.reason = reason;
  const createdOn = num(row["createdOn"]);
  if (createdOn !== undefined) optional.createdOn = createdOn;
  const modifiedOn = num(row["modifiedOn"]);
  if (modifiedOn !== undefined) optional.modifiedOn = modifiedOn;
  return {
    app: appAlias,
    name,
    language: nonEmpty(row["languageCode"])?.trim() ?? "en_US",
    id,
    status,
    raw,
    optional,
  };
}

function unmanageable(
  row: Json,
  who: Identity,
  problem: Problem,
  unknownButtons: string[],
): UnmanageableTemplate {
  const raw: RawRemoteValues = { ...who.raw };
  const category = str(row["category"]);
  if (category !== undefined) raw.category = category;
  const templateType = str(row["templateType"]);
  if (templateType !== undefined) raw.templateType = templateType;
  if (unknownButtons.length) raw.buttonTypes = unknownButtons;
  return {
    app: who.app,
    name: who.name,
    language: who.language,
    id: who.id,
    status: who.status,
    ...who.optional,
    unmanageable: problem,
    raw,
  };
}

function categoryProblem(row: Json): Problem | undefined {
  const value = str(row["category"]);
  if (value === undefined || value.trim() === "")
    return { reason: "unknown_category", detail: "the row has no category" };
  if (CATEGORIES.includes(value.trim().toUpperCase() as Category)) return undefined;
  return {
    reason: "unknown_category",
    detail: `category ${shown(value)} is not one waform manages (${CATEGORIES.join(", ")})`,
  };
}

function headerOf(templateType: string, kind: TemplateKind, meta: Json): Header | undefined | Problem {
  const media = MEDIA_TYPES[templateType as keyof typeof MEDIA_TYPES];
  if (media) {
    // the sample URL is write-only (the remote keeps only the upload handle): never read back
    const handle = nonEmpty(meta["sampleMedia"]);
    return handle === undefined ? { type: media } : { type: media, handle: handle.trim() };
  }
  if (templateType === "LOCATION") return { type: "location" };
  if (kind === "single_product") return { type: "product" };
  const value = meta["header"];
  if (value !== undefined && value !== null && typeof value !== "string") {
    return { reason: "damaged_metadata", detail: "containerMeta.header is not text" };
  }
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  const header = normalizeText(text);
  const sample = nonEmpty(meta["sampleHeader"]);
  // like the declaration: the example is the header with its variable substituted (`exampleHeader`)
  return sample === undefined
    ? { type: "text", text: header }
    : { type: "text", text: header, example: normalizeLine(sample) };
}

function isProblem(v: unknown): v is Problem {
  return isObject(v) && typeof v["reason"] === "string" && typeof v["detail"] === "string";
}

/**
 * One row (of a list or a create response) → a managed or an unmanageable template, keyed under
 * the app's alias. Throws WireShapeError only for a row with no id or no elementName.
 */
export function templateFromWire(row: Json, appAlias: string): ReadTemplate {
  const id = nonEmpty(row["id"]);
  const name = nonEmpty(row["elementName"]);
  if (!id || !name) throw new WireShapeError(`a template row has no ${id ? "elementName" : "id"}`);
  const who = identityOf(row, appAlias, id, name);
  const container = jsonish(row["containerMeta"]);
  const meta = container.kind === "object" ? container.value : {};
  const read = readButtons(meta["buttons"]);
  const fail = (problem: Problem) => unmanageable(row, who, problem, read.unknown);

  const category = categoryProblem(row);
  if (category) return fail(category);
  const typeText = nonEmpty(row["templateType"])?.trim().toUpperCase() ?? "TEXT";
  if (!KNOWN_TYPES.has(typeText)) {
    return fail({
      reason: "unknown_type",
      detail: `template type ${shown(row["templateType"])} is not one waform models`,
    });
  }
  if (container.kind === "damaged") {
    return fail({ reason: "damaged_metadata", detail: `containerMeta cannot be read: ${container.why}` });
  }
  if (read.damaged) return fail({ reason: "damaged_metadata", detail: read.damaged });
  if (read.unknown.length) {
    return fail({
      reason: "unknown_button",
      detail: `button type${read.unknown.length === 1 ? "" : "s"} ${read.unknown.map((t) => shown(t)).join(", ")} ${read.unknown.length === 1 ? "is" : "are"} not modelled: an edit would drop ${read.unknown.length === 1 ? "it" : "them"}`,
    });
  }
  if (container.kind === "absent") {
    const missing = missingMetadata(row, typeText);
    if (missing) return fail(missing);
  }

  const templateType = typeText === "LTO" ? "TEXT" : typeText;
  const offerValue = meta["limitedTimeOffer"];
  const offer = jsonish(offerValue);
  if (offer.kind === "damaged") {
    return fail({
      reason: "damaged_metadata",
      detail: `containerMeta.limitedTimeOffer cannot be read: ${offer.why}`,
    });
  }
  const buttons = read.buttons;
  const isLto =
    offer.kind === "object" ||
    typeText === "LTO" ||
    bool(row["isLTO"]) === true ||
    bool(meta["isLTO"]) === true;
  const kind: TemplateKind = isLto
    ? "lto"
    : templateType === "CATALOG"
      ? "catalog"
      : templateType === "PRODUCT"
        ? str(meta["headerType"])?.toUpperCase() === LEGACY_SINGLE_PRODUCT_MARK ||
          buttons.some((b) => b.type === "spm")
          ? "single_product"
          : "multi_product"
        : "standard";

  const bodyValue = meta["data"] ?? row["content"] ?? (container.kind === "absent" ? row["data"] : undefined);
  const bodyText = str(bodyValue);
  if (bodyText === undefined || bodyText.trim() === "") {
    return fail({
      reason: container.kind === "absent" ? "missing_metadata" : "damaged_metadata",
      detail:
        container.kind === "absent" ? "the row has no body text" : "containerMeta has no body text (data)",
    });
  }
  const header = headerOf(templateType, kind, meta);
  if (isProblem(header)) return fail(header);
  const footerValue = meta["footer"];
  if (footerValue !== undefined && footerValue !== null && typeof footerValue !== "string") {
    return fail({ reason: "damaged_metadata", detail: "containerMeta.footer is not text" });
  }

  const body = normalizeText(bodyText);
  const sample = nonEmpty(meta["sampleText"]) ?? nonEmpty(jsonObject(row["meta"])["example"]);
  const footer = normalizeOptionalText(str(footerValue));
  // one object, its keys set in the order the content and identity have always had (a spread of
  // each part cost a copy per row of every list)
  const remote = {
    app: who.app,
    name: who.name,
    language: who.language,
    category: (str(row["category"]) ?? "").trim().toUpperCase() as Category,
    kind,
    vertical: normalizeLine(str(row["vertical"]) ?? ""),
    body,
    bodyExamples: sample === undefined ? [] : extractExamples(body, normalizeText(sample)).map(normalizeLine),
    buttons,
    allowCategoryChange: bool(meta["allowTemplateCategoryChange"]) ?? false,
  } as RemoteTemplate;
  if (header) remote.header = header;
  if (footer !== undefined) remote.footer = footer;
  if (isLto) {
    const o = offer.kind === "object" ? offer.value : {};
    remote.lto = {
      text: normalizeLine(str(o["text"]) ?? str(row["limitedOfferText"]) ?? ""),
      hasExpiration: bool(o["has_expiration"]) ?? bool(row["hasExpiration"]) ?? false,
    };
  }
  remote.id = who.id;
  remote.status = who.status;
  Object.assign(remote, who.optional);
  const externalId = nonEmpty(row["externalId"]);
  if (externalId !== undefined) remote.externalId = externalId;
  const oldCategory = nonEmpty(row["oldCategory"]);
  if (oldCategory !== undefined) remote.oldCategory = oldCategory.trim();
  const correct =
    nonEmpty(meta["correctCategory"]) ??
    nonEmpty(row["correctCategory"]) ??
    nonEmpty(row["correct_category"]);
  if (correct !== undefined) remote.correctCategory = correct.trim();
  // `modifiedOn` also moves on approval; only `containerMeta.editTemplate: true` says the template
  // was edited, and then `modifiedOn` is the latest that edit can be (inferred, unverified)
  if (bool(meta["editTemplate"]) === true && remote.modifiedOn !== undefined)
    remote.editedOn = remote.modifiedOn;
  return remote;
}

/**
 * A row without containerMeta keeps its body in `data` and its example in `meta` (2021 rows).
 * Parts only containerMeta holds cannot be recovered: such a row is managed only when it has none.
 */
function missingMetadata(row: Json, templateType: string): Problem | undefined {
  const supported = nonEmpty(row["buttonSupported"]);
  if (supported !== undefined) {
    return {
      reason: "missing_metadata",
      detail: `the row has buttons (${supported.trim()}) but no containerMeta to read them from`,
    };
  }
  if (templateType === "PRODUCT" || templateType === "CATALOG") {
    return { reason: "missing_metadata", detail: `a ${templateType} row needs containerMeta for its button` };
  }
  if (templateType in MEDIA_TYPES) {
    // an edit must send the sample again, and only containerMeta names it (sampleMedia)
    return { reason: "missing_metadata", detail: `a ${templateType} row needs containerMeta for its sample` };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Lists

/** Reads one app's list, page by page, into a RemoteListing. Positions count from 1 over all pages. */
export class ListingReader {
  readonly listing: RemoteListing = { templates: [], unmanageable: [], warnings: [] };
  #position = 0;

  constructor(
    private readonly appAlias: string,
    private readonly where: string,
  ) {}

  add(rows: readonly unknown[]): void {
    for (const row of rows) this.#read(row, ++this.#position);
  }

  #read(row: unknown, position: number): void {
    const missing = !isObject(row)
      ? `is not an object (${Array.isArray(row) ? "a list" : row === null ? "null" : typeof row})`
      : !nonEmpty(row["id"])
        ? `has no id${nonEmpty(row["elementName"]) ? ` (elementName ${shown(row["elementName"])})` : ""}`
        : !nonEmpty(row["elementName"])
          ? `has no elementName (id ${shown(row["id"])})`
          : undefined;
    if (missing !== undefined || !isObject(row)) {
      this.listing.warnings.push(skipped(this.appAlias, this.where, position, missing ?? "is not an object"));
      return;
    }
    const t = templateFromWire(row, this.appAlias);
    if (isUnmanageable(t)) this.listing.unmanageable.push(t);
    else this.listing.templates.push(t);
  }
}

export const SKIPPED_ROW_CODE = "REMOTE-001";

function skipped(app: string, where: string, position: number, what: string): Diagnostic {
  return {
    severity: "warning",
    code: SKIPPED_ROW_CODE,
    message: `app ${app}: row ${position} of the template list ${what}; it was skipped (${where})`,
    hint: "waform can neither show nor change a template it cannot name; look it up in the Gupshup console",
  };
}
