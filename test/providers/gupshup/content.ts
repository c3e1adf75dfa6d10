// Canonical template contents used across the Gupshup client tests.

import type { TemplateContent, TemplateKey } from "../../../src/model/template.js";

export const key = (name: string, language = "en"): TemplateKey => ({ app: "shop", name, language });

export function ltoContent(overrides: Partial<TemplateContent> = {}): TemplateContent {
  return {
    category: "MARKETING",
    kind: "lto",
    vertical: "offers",
    body: "Hi {{1}}, your summer deal is here.",
    bodyExamples: ["Pablo"],
    buttons: [
      { type: "copy_code", example: "250FF" },
      {
        type: "url",
        text: "Shop Now",
        url: "https://www.luckyshrub.com/shop?promo={{1}}",
        example: "summer2023",
      },
    ],
    lto: { text: "Offer ends soon", hasExpiration: true },
    allowCategoryChange: false,
    ...overrides,
  };
}

export function standardContent(overrides: Partial<TemplateContent> = {}): TemplateContent {
  return {
    category: "UTILITY",
    kind: "standard",
    vertical: "orders",
    header: { type: "text", text: "Order {{1}}", example: "Order 1234" },
    body: "Hello {{1}},\nyour order {{2}} has shipped.",
    bodyExamples: ["Ana", "A-77"],
    footer: "Reply STOP to opt out",
    buttons: [
      { type: "quick_reply", text: "Track" },
      { type: "quick_reply", text: "Help" },
      { type: "phone_number", text: "Call us", phoneNumber: "+919872329959" },
    ],
    allowCategoryChange: false,
    ...overrides,
  };
}

export function imageContent(url = "https://cdn.example.com/summer.jpg"): TemplateContent {
  return standardContent({
    category: "MARKETING",
    header: { type: "image", example: url },
    footer: undefined,
    buttons: [{ type: "url", text: "Open", url: "https://example.com/p/{{1}}", example: "x1" }],
  });
}

export function multiProductContent(): TemplateContent {
  return {
    category: "MARKETING",
    kind: "multi_product",
    vertical: "catalog",
    header: { type: "text", text: "Our picks" },
    body: "Hi {{1}}, have a look at these.",
    bodyExamples: ["Ana"],
    footer: "Prices include VAT",
    buttons: [{ type: "mpm", text: "View items" }],
    allowCategoryChange: false,
  };
}

export function catalogContent(): TemplateContent {
  return {
    category: "MARKETING",
    kind: "catalog",
    vertical: "catalog",
    body: "Browse our catalog, {{1}}.",
    bodyExamples: ["Ana"],
    buttons: [{ type: "catalog", text: "View catalog" }],
    allowCategoryChange: false,
  };
}

export function singleProductContent(): TemplateContent {
  return {
    category: "MARKETING",
    kind: "single_product",
    vertical: "catalog",
    header: { type: "product" },
    body: "This one is back in stock, {{1}}.",
    bodyExamples: ["Ana"],
    buttons: [{ type: "spm", text: "View" }],
    allowCategoryChange: false,
  };
}
