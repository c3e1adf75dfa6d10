// Payload checks shared by the send simulators: the rules of send-apis.md that every channel
// enforces in its own wire form. Each check adds a readable problem instead of failing fast, so one
// refused request lists everything wrong with it.

import type { SandboxContext, SandboxTemplateView } from "../route.js";

export const MIN_ABSOLUTE_EPOCH_MS = 1e12;
export const MAX_COUPON_LENGTH = 15;
export const MAX_MPM_SECTIONS = 10;
export const MAX_MPM_PRODUCTS = 30;

/** E.164 digits with an optional `+`. */
export const PHONE = /^\+?[1-9]\d{6,14}$/;

export type Json = Record<string, unknown>;

export class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    this.list.push(problem);
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  toString(): string {
    return this.list.join("; ");
  }
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.trim() !== "";
}

export function isHttpUrl(v: unknown): boolean {
  return typeof v === "string" && /^https?:\/\/\S+$/.test(v);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An offer expiry: absolute epoch ms, in the future (send-apis.md decision #4). */
export function checkExpiration(value: unknown, field: string, now: number, problems: Problems): void {
  if (value === undefined || value === null) {
    problems.add(`${field} is required: the template has an offer expiration`);
  } else if (typeof value !== "number" || !Number.isInteger(value)) {
    problems.add(`${field} must be an integer (epoch milliseconds), got ${JSON.stringify(value)}`);
  } else if (value < MIN_ABSOLUTE_EPOCH_MS) {
    problems.add(`${field} ${value} looks like a duration: it must be an absolute UNIX time in milliseconds`);
  } else if (value <= now) {
    problems.add(`${field} ${new Date(value).toISOString()} is in the past`);
  }
}

export function checkCoupon(value: unknown, field: string, problems: Problems): void {
  if (!isNonEmptyString(value)) problems.add(`${field} is required: the template has a copy-code button`);
  else if (value.length > MAX_COUPON_LENGTH) {
    problems.add(`${field} ${JSON.stringify(value)} is longer than ${MAX_COUPON_LENGTH} characters`);
  }
}

/** A product or catalog id: a non-empty string (seed 004's "Integer" is wrong, decision #8). */
export function checkId(value: unknown, field: string, problems: Problems): void {
  if (typeof value === "number") problems.add(`${field} must be a string, not a number`);
  else if (!isNonEmptyString(value)) problems.add(`${field} is required (a non-empty string)`);
}

/** MPM sections as lists of product ids: 1–10 sections, ≤ 30 products, titles when several. */
export function checkSections(
  sections: { title: unknown; ids: unknown[] | undefined }[] | undefined,
  field: string,
  problems: Problems,
): void {
  if (!sections || sections.length === 0 || sections.length > MAX_MPM_SECTIONS) {
    problems.add(`${field} must hold 1 to ${MAX_MPM_SECTIONS} sections`);
    return;
  }
  let total = 0;
  sections.forEach((s, i) => {
    if (!s.ids || s.ids.length === 0) problems.add(`${field}[${i}] has no products`);
    s.ids?.forEach((id, j) => {
      checkId(id, `${field}[${i}] product ${j}`, problems);
    });
    total += s.ids?.length ?? 0;
    if (sections.length > 1 && !isNonEmptyString(s.title)) {
      problems.add(`${field}[${i}].title is required when there are several sections`);
    }
  });
  if (total > MAX_MPM_PRODUCTS) problems.add(`${field} holds ${total} products; at most ${MAX_MPM_PRODUCTS}`);
}

/** What a send must carry for one template, read from the sandbox's view of it. */
export interface TemplateShape {
  mediaHeader?: "image" | "video" | "document";
  productHeader: boolean;
  textHeader: boolean;
  bodyVariables: number;
  isLTO: boolean;
  hasExpiration: boolean;
  /** Button types by position (upper case). */
  buttons: string[];
  copyCodeIndex?: number;
  /** Positions of URL buttons whose URL has a variable. */
  dynamicUrlIndexes: number[];
  mpmIndex?: number;
  catalogIndex?: number;
}

export function templateShape(view: SandboxTemplateView): TemplateShape {
  const header = (view.headerType ?? "").toUpperCase();
  const type = view.templateType.toUpperCase();
  const buttons = view.buttonTypes.map((b) => b.toUpperCase());
  const media = ["IMAGE", "VIDEO", "DOCUMENT"].find((m) => m === header || (!view.headerType && m === type));
  const dynamicUrlIndexes: number[] = [];
  let url = 0;
  buttons.forEach((b, i) => {
    if (b !== "URL") return;
    if (/\{\{[^{}]+\}\}/.test(view.urls[url] ?? "")) dynamicUrlIndexes.push(i);
    url += 1;
  });
  const indexOf = (t: string) => (buttons.includes(t) ? buttons.indexOf(t) : undefined);
  const copyCodeIndex = indexOf("COPY_CODE");
  const productHeader = header === "PRODUCT" || buttons.includes("SPM");
  // a single-product template is stored as PRODUCT too (with an SPM button): it has no MPM button
  const mpmIndex = type === "PRODUCT" && !productHeader ? (indexOf("MPM") ?? 0) : indexOf("MPM");
  const catalogIndex = type === "CATALOG" ? (indexOf("CATALOG") ?? 0) : indexOf("CATALOG");
  return {
    ...(media && { mediaHeader: media.toLowerCase() as TemplateShape["mediaHeader"] }),
    productHeader,
    textHeader: header === "TEXT",
    bodyVariables: view.bodyVariables,
    isLTO: view.isLTO,
    hasExpiration: view.hasExpiration,
    buttons,
    ...(copyCodeIndex !== undefined && { copyCodeIndex }),
    dynamicUrlIndexes,
    ...(mpmIndex !== undefined && { mpmIndex }),
    ...(catalogIndex !== undefined && { catalogIndex }),
  };
}

export type Lookup = { view: SandboxTemplateView } | { problem: string };

/** Only APPROVED templates can be sent (rule SEND-007). */
export function approved(view: SandboxTemplateView | undefined, label: string): Lookup {
  if (!view) return { problem: `template ${label} does not exist` };
  if (view.status.toUpperCase() !== "APPROVED") {
    return { problem: `template ${label} is not approved (status ${view.status})` };
  }
  return { view };
}

/** By name (and language when given): an APPROVED one if any, else the reason. */
export function approvedByName(ctx: SandboxContext, name: string, language?: string): Lookup {
  const found = ctx.findTemplatesByName(name, language);
  const label = language ? `${name} (${language})` : name;
  return approved(found.find((t) => t.status.toUpperCase() === "APPROVED") ?? found[0], label);
}
