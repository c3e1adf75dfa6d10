// Raw list rows: what a real account's `GET …/templates` returned, loaded verbatim (admin
// `POST /__sandbox/apps/{appId}/rows`, `waform sandbox --rows FILE`). The list returns such a row
// exactly as given, odd fields and all, until a write changes it; the other endpoints (duplicate
// check, edit, delete, sends) see it through the fields read from it here, best effort. Nothing
// here throws for a row: a real account's rows are whatever they are.

import { canonicalStatus } from "../../model/status.js";
import type { StoredTemplate } from "../state.js";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;
}

function filled(v: unknown): string | undefined {
  const s = text(v);
  return s !== undefined && s.trim() !== "" ? s : undefined;
}

function flag(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  return undefined;
}

function object(v: unknown): Json {
  if (isObject(v)) return v;
  if (typeof v !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(v);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** A stored template for one raw row. `id` is used when the row has none (the row still shows none). */
export function storedFromRow(row: Json, appId: string, now: number, id: string): StoredTemplate {
  const meta = object(row["containerMeta"]);
  const content = text(meta["data"]) ?? text(row["data"]) ?? "";
  const offer = isObject(meta["limitedTimeOffer"]) ? meta["limitedTimeOffer"] : undefined;
  const statusText = filled(row["status"]);
  const createdOn = typeof row["createdOn"] === "number" ? row["createdOn"] : now;
  const t: StoredTemplate = {
    id: filled(row["id"]) ?? id,
    appId,
    elementName: text(row["elementName"]) ?? "",
    languageCode: filled(row["languageCode"]) ?? "en_US",
    category: (text(row["category"]) ?? "").trim().toUpperCase(),
    templateType: (filled(row["templateType"]) ?? "TEXT").trim().toUpperCase(),
    vertical: text(row["vertical"]) ?? "",
    content,
    example: text(meta["sampleText"]) ?? text(object(row["meta"])["example"]) ?? content,
    buttons: Array.isArray(meta["buttons"])
      ? meta["buttons"].filter((b): b is Json => isObject(b) && typeof b["type"] === "string")
      : [],
    enableSample: flag(meta["enableSample"]) ?? false,
    allowTemplateCategoryChange: flag(meta["allowTemplateCategoryChange"]) ?? false,
    isLTO: offer !== undefined || flag(row["isLTO"]) === true,
    status: statusText === undefined ? "UNKNOWN" : canonicalStatus(statusText),
    createdOn,
    modifiedOn: typeof row["modifiedOn"] === "number" ? row["modifiedOn"] : createdOn,
    submittedAt: createdOn,
    approvedEdits: [],
    raw: { row: structuredClone(row), status: statusText ?? "" },
  };
  const optional: Partial<StoredTemplate> = {
    header: filled(meta["header"]),
    exampleHeader: filled(meta["sampleHeader"]),
    footer: filled(meta["footer"]),
    cards: Array.isArray(meta["cards"]) ? meta["cards"] : undefined,
    exampleMedia: filled(meta["sampleMedia"]),
    limitedOfferText: offer ? text(offer["text"]) : undefined,
    hasExpiration: offer ? flag(offer["has_expiration"]) : undefined,
    reason: filled(row["reason"]),
    externalId: filled(row["externalId"]),
    oldCategory: filled(row["oldCategory"]),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (t as unknown as Json)[k] = v;
  return t;
}

/**
 * A raw row as the list shows it: verbatim, except what the sandbox itself changed since (a forced
 * status): then status, reason, externalId and modifiedOn are the current ones.
 */
export function rawRowView(t: StoredTemplate & { raw: NonNullable<StoredTemplate["raw"]> }): Json {
  const row = structuredClone(t.raw.row);
  if (canonicalStatus(t.raw.status) === t.status) return row;
  row["status"] = t.status;
  if (t.reason === undefined) delete row["reason"];
  else row["reason"] = t.reason;
  if (t.externalId !== undefined) row["externalId"] = t.externalId;
  row["modifiedOn"] = t.modifiedOn;
  return row;
}
