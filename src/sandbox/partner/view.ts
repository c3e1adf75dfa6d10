// The read-only view of a stored template that send simulators (channels/) are given.

import type { SandboxTemplateView } from "../route.js";
import type { StoredTemplate } from "../state.js";

const VARIABLE = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Distinct `{{…}}` variables in a text. */
export function countVariables(text: string): number {
  return new Set([...text.matchAll(VARIABLE)].map((m) => m[1])).size;
}

export function templateView(t: StoredTemplate): SandboxTemplateView {
  const single =
    t.templateType === "PRODUCT" && t.buttons.some((b) => String(b["type"]).toUpperCase() === "SPM");
  const headerType = single
    ? "PRODUCT"
    : ["IMAGE", "VIDEO", "DOCUMENT", "LOCATION"].includes(t.templateType)
      ? t.templateType
      : t.header
        ? "TEXT"
        : undefined;
  return {
    id: t.id,
    appId: t.appId,
    elementName: t.elementName,
    languageCode: t.languageCode,
    status: t.status,
    category: t.category,
    templateType: t.templateType,
    isLTO: t.isLTO,
    hasExpiration: t.isLTO && t.hasExpiration === true,
    buttonTypes: t.buttons.map((b) => String(b["type"] ?? "").toUpperCase()),
    urls: t.buttons
      .filter((b) => String(b["type"]).toUpperCase() === "URL")
      .map((b) => String(b["url"] ?? "")),
    bodyVariables: countVariables(t.content),
    ...(headerType ? { headerType } : {}),
  };
}
