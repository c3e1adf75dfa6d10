// SEND-*, MPM-005, TEST-001: the `test:` block, checked offline so that `waform verify` does not
// discover a bad test send after waiting for Meta's approval. Values that default to a declared
// example and are still equal to it are left to the example's own rule (VAR-002, LTO-009, …), so
// one mistake is reported once.

import type { Button, DesiredTemplate, TestSpec } from "../../model/template.js";
import { scanPlaceholders, variableCount } from "../placeholders.js";
import { codePointLength, plural } from "../text.js";
import { URL_MAX } from "./buttons.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

export const COUPON_MAX = 15;
/** Epoch milliseconds below this are not a date in this century: most likely a duration (14 days = 1.2e9). */
export const MIN_EPOCH_MS = 1e12;
export const MPM_MAX_SECTIONS = 10;
export const MPM_MAX_PRODUCTS = 30;

function withTest(
  check: (t: DesiredTemplate, test: TestSpec, now: number) => Finding[],
): TemplateRule["check"] {
  return (t, ctx) => (t.test ? check(t, t.test, ctx.now) : []);
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The static part of the first URL button whose URL ends with a variable. */
function urlWithVariable(buttons: readonly Button[]): { prefix: string } | undefined {
  for (const b of buttons) {
    if (b.type !== "url") continue;
    const v = scanPlaceholders(b.url).find((p) => p.kind === "positional");
    if (v) return { prefix: b.url.slice(0, v.offset) };
  }
  return undefined;
}

export const testBlockRules: TemplateRule[] = [
  rule(
    {
      id: "SEND-001",
      severity: "error",
      summary:
        "An LTO with `hasExpiration: true` has a test expiry; an absolute one is in the future and ≥ 1e12 ms (warning when the template has no expiring offer).",
      why: "An expiring offer is sent with an absolute expiry in epoch milliseconds; a missing, past or duration-like value sends an offer that already expired.",
      example:
        '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: true\n  buttons:\n    - { type: copy_code, example: SUMMER25 }\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }\n  test: { destinations: ["+919999900001"] }',
    },
    withTest((t, test, now) => {
      const needs = t.kind === "lto" && t.lto?.hasExpiration === true;
      const e = test.expiry;
      if (!e) {
        return needs
          ? [
              {
                path: ["test"],
                message: "the offer has an expiration: the test block needs an expiry",
                hint: "add `expiresIn: 14d` (relative to the send) or `expiresAt: 2030-01-31T23:59:59Z`",
              },
            ]
          : [];
      }
      const path = ["test", e.kind === "duration" ? "expiresIn" : "expiresAt"];
      if (!needs) {
        return [
          {
            severity: "warning",
            path,
            message: "the expiry is ignored: the template has no expiring offer",
            hint: "only `kind: lto` templates with `hasExpiration: true` send an expiry",
          },
        ];
      }
      if (e.kind === "absolute" && e.epochMs < MIN_EPOCH_MS) {
        return [
          {
            path,
            message: `expiresAt ${e.epochMs} is not a time in epoch milliseconds (it looks like a duration)`,
            hint: "for a relative expiry write `expiresIn: 14d`",
          },
        ];
      }
      if (e.kind === "absolute" && e.epochMs <= now) {
        return [
          {
            path,
            message: `expiresAt ${new Date(e.epochMs).toISOString()} is in the past`,
            hint: "use a future time, or `expiresIn: 14d`",
          },
        ];
      }
      return [];
    }),
  ),
  rule(
    {
      id: "SEND-002",
      severity: "error",
      summary: `Test coupon code: 1–${COUPON_MAX} characters.`,
      why: "Meta limits the coupon code of a send to 15 characters.",
      example:
        '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: copy_code, example: SUMMER25 }\n  test: { destinations: ["+919999900001"], couponCode: SUMMER-SALE-2025-X }',
    },
    withTest((t, test) => {
      if (test.couponCode === undefined) return [];
      const example = t.buttons.find((b) => b.type === "copy_code")?.example;
      if (test.couponCode === example) return [];
      const n = codePointLength(test.couponCode);
      const path = ["test", "couponCode"];
      if (n === 0) return [{ path, message: "test coupon code is empty" }];
      return n > COUPON_MAX
        ? [{ path, message: `test coupon code is ${n} characters long; the limit is ${COUPON_MAX}` }]
        : [];
    }),
  ),
  rule(
    {
      id: "SEND-004",
      severity: "error",
      summary: `The test URL suffix plus the button URL stays within ${URL_MAX} characters (and the URL has a variable).`,
      why: "The URL a test send opens (the button URL with the suffix) must stay within Meta's 2000 characters, and only a URL with a variable takes a suffix.",
      example:
        '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }\n  test: { destinations: ["+919999900001"], urlSuffix: summer }',
    },
    withTest((t, test) => {
      if (test.urlSuffix === undefined) return [];
      const path = ["test", "urlSuffix"];
      const url = urlWithVariable(t.buttons);
      if (!url) return [{ path, message: "urlSuffix is set but no URL button ends with a variable" }];
      const n = codePointLength(url.prefix) + codePointLength(test.urlSuffix);
      return n > URL_MAX
        ? [{ path, message: `the URL with this suffix is ${n} characters long; the limit is ${URL_MAX}` }]
        : [];
    }),
  ),
  rule(
    {
      id: "SEND-005",
      severity: "error",
      summary: "A single_product test send has a product: catalogId and productRetailerId.",
      why: "A single-product send names the product to show (catalog id and retailer id); without it Meta refuses the message.",
      example:
        '- name: back_in_stock\n  kind: single_product\n  body: The item on your wishlist is back in stock today.\n  test: { destinations: ["+919999900001"] }',
    },
    withTest((t, test) => {
      if (t.kind !== "single_product") return [];
      if (!test.product) {
        return [
          {
            path: ["test"],
            message: "a single_product test send needs the product to show",
            hint: 'add `product: { catalogId: "…", productRetailerId: "…" }`',
          },
        ];
      }
      const empty = (["catalogId", "productRetailerId"] as const).filter((k) => test.product?.[k] === "");
      return empty.map((k) => ({ path: ["test", "product", k], message: `test product ${k} is empty` }));
    }),
  ),
  rule(
    {
      id: "SEND-006",
      severity: "error",
      summary:
        "Test params match the template's variables: one per body variable, a headerParam iff the header has one.",
      why: "A send carries one parameter per variable; a missing or extra one is refused by the send API.",
      example:
        '- name: summer_sale\n  body: "Hi {{1}}, enjoy {{2}} off in every store."\n  examples: { body: ["Ana", "25%"] }\n  test: { destinations: ["+919999900001"], params: ["Ana"] }',
    },
    withTest((t, test) => {
      const out: Finding[] = [];
      const k = variableCount(t.body);
      if (!sameValues(test.params, t.bodyExamples) && test.params.length !== k) {
        out.push({
          path: ["test", "params"],
          message: `the body has ${plural(k, "variable")} but the test gives ${plural(test.params.length, "param")}`,
        });
      }
      const headerVars = t.header?.type === "text" ? variableCount(t.header.text) : 0;
      if (test.headerParam !== undefined && headerVars === 0) {
        out.push({
          path: ["test", "headerParam"],
          message: "headerParam is set but the header has no variable",
        });
      }
      return out;
    }),
  ),
  rule(
    {
      id: "MPM-005",
      severity: "error",
      summary: `multi_product test send: 1–${MPM_MAX_SECTIONS} sections, ≤ ${MPM_MAX_PRODUCTS} products, titles when several, a thumbnail.`,
      why: "A multi-product send carries 1–10 sections and at most 30 products, titled when several, and a thumbnail product; Meta refuses anything else.",
      example:
        '- name: festive_picks\n  kind: multi_product\n  header: { type: text, text: Festive picks }\n  body: Our festive favourites are here for you to browse.\n  test:\n    destinations: ["+919999900001"]\n    sections:\n      - { title: Lamps, productRetailerIds: ["sku-1"] }\n      - { title: Sweets, productRetailerIds: ["sku-2"] }',
    },
    withTest((t, test) => {
      if (t.kind !== "multi_product") return [];
      const out: Finding[] = [];
      const sections = test.sections ?? [];
      if (sections.length === 0) {
        out.push({
          path: ["test"],
          message: "a multi_product test send needs at least one section of products",
          hint: 'add `sections: [{ title: "Picks", productRetailerIds: ["sku-1"] }]`',
        });
      }
      if (sections.length > MPM_MAX_SECTIONS) {
        out.push({
          path: ["test", "sections"],
          message: `${sections.length} sections; at most ${MPM_MAX_SECTIONS}`,
        });
      }
      const products = sections.reduce((n, s) => n + s.productRetailerIds.length, 0);
      if (products > MPM_MAX_PRODUCTS) {
        out.push({
          path: ["test", "sections"],
          message: `${products} products in all; at most ${MPM_MAX_PRODUCTS}`,
        });
      }
      sections.forEach((s, i) => {
        if (s.productRetailerIds.length === 0) {
          out.push({ path: ["test", "sections", i], message: `section ${i + 1} has no products` });
        }
        if (sections.length > 1 && s.title === "") {
          out.push({
            path: ["test", "sections", i],
            message: `section ${i + 1} has no title; each section needs one when there are several`,
          });
        }
      });
      if (test.thumbnailProductRetailerId === undefined) {
        out.push({
          path: ["test"],
          message: "a multi_product test send needs thumbnailProductRetailerId",
        });
      }
      return out;
    }),
  ),
  rule(
    {
      id: "TEST-001",
      severity: "error",
      summary: "A test block has at least one destination.",
      why: "A test block sends the approved template to someone; with no destination (and no default) there is no one to send to.",
      example:
        "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  test: { destinations: [] }",
    },
    withTest((_t, test) =>
      test.destinations.length === 0
        ? [
            {
              path: ["test"],
              message: "the test block has no destinations",
              hint: 'add `destinations: ["+919999900001"]`, or `defaults.testDestinations`',
            },
          ]
        : [],
    ),
  ),
];
