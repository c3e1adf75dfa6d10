// Templates of every kind a test send covers, with their test blocks, and a fixed clock. Shared
// by the payload goldens and the sandbox agreement tests.

import type { AppConfig } from "../../../src/model/app.js";
import type { DesiredTemplate, TestSpec } from "../../../src/model/template.js";
import type { PayloadInput } from "../../../src/providers/senders/input.js";
import type { TestSendRequest } from "../../../src/providers/senders/port.js";

/** 2026-01-01T00:00:00Z */
export const NOW = Date.UTC(2026, 0, 1);
export const DAY_MS = 86_400_000;
export const DESTINATION = "+918888998545";

export const APP: AppConfig = {
  alias: "shop",
  appId: "a41b30f4-d202-4fdb-911e-3a8fbfbfb797",
  appName: "august18",
  source: "+918929874278",
  prune: false,
};

/** Fake credentials: goldens never hold them (headers are masked), tests look for them. */
export const ENV = {
  GUPSHUP_API_KEY: "gs-key-2b9c4f0e77d14c3aa1d0",
  KALEYRA_API_KEY: "Akal-key-1f2e3d4c5b6a7980",
  KALEYRA_SID: "HXAP16XXXXXX97IN",
};
export const APP_TOKEN = "sk_4087b15819a34606be15483456dcf636";

function template(
  name: string,
  fields: Partial<DesiredTemplate> & Pick<DesiredTemplate, "kind" | "body">,
  test: Partial<TestSpec>,
): DesiredTemplate {
  return {
    app: APP.alias,
    name,
    language: "en_US",
    category: "MARKETING",
    vertical: "retail",
    bodyExamples: [],
    buttons: [],
    allowCategoryChange: false,
    protect: false,
    source: { file: "templates.yaml", line: 1, col: 1 },
    ...fields,
    test: { destinations: [DESTINATION], params: [], ...test },
  };
}

export const TEMPLATES = {
  /** LTO with expiry (duration), image header by link, copy code and a URL variable. */
  "lto-expiry-image-url": template(
    "summer_lto",
    {
      kind: "lto",
      header: { type: "image", example: "https://cdn.example.com/summer.jpg" },
      body: "Hi {{1}}, use code {{2}} before the offer ends!",
      bodyExamples: ["Ana", "SUMMER25"],
      buttons: [
        { type: "copy_code", example: "SUMMER25" },
        { type: "url", text: "Shop now", url: "https://shop.example.com/offer/{{1}}", example: "summer" },
      ],
      lto: { text: "Summer sale", hasExpiration: true },
    },
    {
      params: ["Pablo", "CARIBE25"],
      couponCode: "CARIBE25",
      urlSuffix: "n3mtql",
      expiry: { kind: "duration", ms: 14 * DAY_MS },
    },
  ),
  /** LTO without expiry, no header, copy code and a static URL; values from the examples. */
  "lto-no-expiry": template(
    "sale_lto",
    {
      kind: "lto",
      body: "Our sale is on. Use the code below.",
      buttons: [
        { type: "copy_code", example: "250FF" },
        { type: "url", text: "Visit", url: "https://shop.example.com/sale" },
      ],
      lto: { text: "Sale", hasExpiration: false },
    },
    {},
  ),
  /** LTO with an absolute expiry and a video header given by id and link, copy code only. */
  "lto-expiry-video": template(
    "flash_lto",
    {
      kind: "lto",
      header: { type: "video" },
      body: "Flash sale for {{1}}!",
      bodyExamples: ["Ana"],
      buttons: [{ type: "copy_code", example: "FLASH" }],
      lto: { text: "Flash", hasExpiration: true },
    },
    {
      params: ["Pablo"],
      headerMedia: { id: "1602186516975000", link: "https://cdn.example.com/flash.mp4" },
      expiry: { kind: "absolute", epochMs: Date.UTC(2026, 1, 1) },
    },
  ),
  /** A standard template whose only parameterised button is a URL: its index is 0. */
  "standard-url": template(
    "order_shipped",
    {
      kind: "standard",
      category: "UTILITY",
      body: "Hello {{1}}, order {{2}} has shipped.",
      bodyExamples: ["Ana", "A-1"],
      buttons: [
        { type: "url", text: "Track", url: "https://track.example.com/{{1}}", example: "A-1" },
        { type: "phone_number", text: "Call us", phoneNumber: "+918016337728" },
      ],
    },
    { params: ["Pablo", "B-42"], urlSuffix: "B-42" },
  ),
  "single-product": template(
    "abandoned_cart_offer",
    {
      kind: "single_product",
      header: { type: "product" },
      body: "Use {{1}} to get {{2}} off your cart.",
      bodyExamples: ["25OFF", "25%"],
      buttons: [{ type: "spm", text: "View" }],
    },
    { params: ["25OFF", "25%"], product: { catalogId: "194000000003835", productRetailerId: "nqr00003ez" } },
  ),
  "multi-product": template(
    "new_arrivals",
    {
      kind: "multi_product",
      header: { type: "text", text: "Picks for {{1}}", example: "Picks for Ana" },
      body: "Take a look at {{1}}.",
      bodyExamples: ["our bestsellers"],
      buttons: [{ type: "mpm", text: "View items" }],
    },
    {
      headerParam: "Pablo",
      params: ["our new arrivals"],
      sections: [
        { title: "Shoes", productRetailerIds: ["sku-1", "sku-2"] },
        { title: "Bags", productRetailerIds: ["sku-3"] },
      ],
      thumbnailProductRetailerId: "sku-2",
    },
  ),
  catalog: template(
    "browse_catalog",
    {
      kind: "catalog",
      body: "Browse our catalog, {{1}}.",
      bodyExamples: ["Ana"],
      buttons: [{ type: "catalog", text: "View catalog" }],
    },
    { params: ["Pablo"], thumbnailProductRetailerId: "sku-9" },
  ),
} satisfies Record<string, DesiredTemplate>;

export type FixtureName = keyof typeof TEMPLATES;

/** A stable fake Gupshup id per fixture. */
export function remoteIdOf(name: string): string {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).padStart(8, "0");
  return `${hex}-0e4f-42f7-ae70-4603bae593ff`;
}

export function inputOf(t: DesiredTemplate, overrides: Partial<PayloadInput> = {}): PayloadInput {
  return {
    template: t,
    test: t.test!,
    remoteId: remoteIdOf(t.name),
    app: APP,
    destination: DESTINATION,
    now: NOW,
    ...overrides,
  };
}

export function requestOf(t: DesiredTemplate, overrides: Partial<TestSendRequest> = {}): TestSendRequest {
  return {
    app: APP,
    template: t,
    remote: {
      app: t.app,
      name: t.name,
      language: t.language,
      category: t.category,
      kind: t.kind,
      vertical: t.vertical,
      ...(t.header && { header: t.header }),
      body: t.body,
      bodyExamples: t.bodyExamples,
      buttons: t.buttons,
      ...(t.lto && { lto: t.lto }),
      allowCategoryChange: t.allowCategoryChange,
      id: remoteIdOf(t.name),
      status: "APPROVED",
    },
    destination: DESTINATION,
    now: NOW,
    ...overrides,
  };
}

/** A copy of a fixture with its test block changed. */
export function withTest(t: DesiredTemplate, test: Partial<TestSpec>): DesiredTemplate {
  return { ...t, test: { ...t.test!, ...test } };
}
