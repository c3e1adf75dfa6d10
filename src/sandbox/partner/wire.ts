// How a stored template looks on the wire: the `<Template>` object of list and create responses,
// with `containerMeta` as a JSON string, shaped after the published samples (seed 003).

import type { AppState, StoredTemplate } from "../state.js";
import { rawRowView } from "./raw-rows.js";

const BUTTON_CODES: Record<string, string> = {
  COPY_CODE: "CC",
  PHONE_NUMBER: "PN",
  QUICK_REPLY: "QR",
  URL: "URL",
  MPM: "MPM",
  CATALOG: "CATALOG",
  SPM: "SPM",
  OTP: "OTP",
  FLOW: "FLOW",
};

function buttonType(b: Record<string, unknown>): string {
  return String(b["type"] ?? "").toUpperCase();
}

/** `"CC,PN,QR,URL"`: the sorted, distinct button kinds. */
export function buttonSupported(buttons: readonly Record<string, unknown>[]): string {
  return [...new Set(buttons.map((b) => BUTTON_CODES[buttonType(b)] ?? buttonType(b)))].sort().join(",");
}

/** The human-readable `data` string (display only; clients must not diff on it). */
function displayData(t: StoredTemplate): string {
  const parts: string[] = [];
  if (t.isLTO) parts.push(t.limitedOfferText ?? "", String(t.hasExpiration ?? false));
  for (const b of t.buttons) {
    const type = buttonType(b);
    if (type === "COPY_CODE") parts.push("[Copy offer code,{{1}}]");
    else if (type === "URL") parts.push(`[${b["text"]},${b["url"]}]`);
    else if (type === "PHONE_NUMBER") parts.push(`[${b["text"]},${b["phone_number"]}]`);
    else parts.push(`[${b["text"] ?? type}]`);
  }
  const head = t.header ? `${t.header}\n` : "";
  const foot = t.footer ? `\n${t.footer}` : "";
  return parts.length ? `${head}${t.content}${foot}\n${parts.join(" | ")}` : `${head}${t.content}${foot}`;
}

function containerMeta(t: StoredTemplate): string {
  const meta: Record<string, unknown> = { appId: t.appId, data: t.content };
  if (t.header !== undefined) meta["header"] = t.header;
  if (t.footer !== undefined) meta["footer"] = t.footer;
  if (t.buttons.length) meta["buttons"] = t.buttons;
  if (t.cards) meta["cards"] = t.cards;
  meta["sampleText"] = t.example;
  if (t.exampleHeader !== undefined) meta["sampleHeader"] = t.exampleHeader;
  if (t.exampleMedia !== undefined) meta["sampleMedia"] = t.exampleMedia;
  meta["enableSample"] = t.enableSample;
  meta["editTemplate"] = t.approvedEdits.length > 0;
  meta["allowTemplateCategoryChange"] = t.allowTemplateCategoryChange;
  meta["addSecurityRecommendation"] = false;
  if (t.isLTO) {
    meta["limitedTimeOffer"] = { text: t.limitedOfferText ?? "", has_expiration: t.hasExpiration ?? false };
  }
  return JSON.stringify(meta);
}

export function wireTemplate(t: StoredTemplate, app: AppState): Record<string, unknown> {
  if (t.raw) return rawRowView({ ...t, raw: t.raw });
  const row: Record<string, unknown> = {
    appId: t.appId,
    buttonSupported: buttonSupported(t.buttons),
    category: t.category,
    containerMeta: containerMeta(t),
    createdOn: t.createdOn,
    data: displayData(t),
    elementName: t.elementName,
  };
  if (t.externalId !== undefined) row["externalId"] = t.externalId;
  Object.assign(row, {
    id: t.id,
    languageCode: t.languageCode,
    languagePolicy: "deterministic",
    meta: JSON.stringify({ example: t.example }),
    modifiedOn: t.modifiedOn,
    namespace: app.namespace,
  });
  if (t.oldCategory !== undefined) row["oldCategory"] = t.oldCategory;
  if (t.parameterFormat !== undefined) row["parameterFormat"] = t.parameterFormat;
  Object.assign(row, {
    priority: 1,
    quality: "UNKNOWN",
    retry: 0,
    stage: "NONE",
    status: t.status,
    templateType: t.templateType,
    vertical: t.vertical,
    wabaId: app.wabaId,
  });
  if (t.reason !== undefined) row["reason"] = t.reason;
  return row;
}
