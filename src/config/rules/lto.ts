// LTO-*: limited-time-offer templates (`kind: lto`). LTO-005 (hasExpiration declared) is checked
// while building the template, since the canonical form always holds a boolean.

import type { DesiredTemplate } from "../../model/template.js";
import { codePointLength, withArticle } from "../text.js";
import { labelFindings, urlFindings } from "./buttons.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

export const OFFER_TEXT_MAX = 16;
export const LTO_BODY_MAX = 600;
export const LTO_COPY_CODE_MAX = 15;

function lto(check: (t: DesiredTemplate) => Finding[]): (t: DesiredTemplate) => Finding[] {
  return (t) => (t.kind === "lto" ? check(t) : []);
}

export const ltoRules: TemplateRule[] = [
  rule(
    {
      id: "LTO-001",
      severity: "error",
      summary: "An LTO is a MARKETING template.",
      why: "Meta allows limited-time offers on MARKETING templates only (one Gupshup page also lists UTILITY; Meta wins).",
      example:
        '- name: summer_sale\n  kind: lto\n  category: UTILITY\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: false\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }',
    },
    lto((t) =>
      t.category === "MARKETING"
        ? []
        : [{ path: ["category"], message: `limited-time offers must be MARKETING, not ${t.category}` }],
    ),
  ),
  rule(
    {
      id: "LTO-002",
      severity: "error",
      summary: "An LTO has no footer.",
      why: "Meta's limited-time-offer template has no footer.",
      example:
        '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  footer: Terms apply\n  limitedOfferText: Summer deal\n  hasExpiration: false\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }',
    },
    lto((t) =>
      t.footer === undefined
        ? []
        : [
            {
              path: ["footer"],
              message: "limited-time offers cannot have a footer",
              hint: "remove `footer`",
            },
          ],
    ),
  ),
  rule(
    {
      id: "LTO-003",
      severity: "error",
      summary: "An LTO header, if any, is an image or a video.",
      why: "Meta allows an image or video header on a limited-time offer, or none.",
      example:
        '- name: summer_sale\n  kind: lto\n  header: { type: text, text: Big savings }\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: false\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }',
    },
    lto((t) =>
      t.header === undefined || t.header.type === "image" || t.header.type === "video"
        ? []
        : [
            {
              path: ["header", "type"],
              message: `limited-time offers cannot have ${withArticle(t.header.type)} header`,
              hint: "use an image or video header, or none",
            },
          ],
    ),
  ),
  rule(
    {
      id: "LTO-004",
      severity: "error",
      summary: `Offer text (limitedOfferText) is required, 1–${OFFER_TEXT_MAX}.`,
      why: "The offer text is the banner of the offer; Meta requires it and limits it to 16 characters.",
      example:
        '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Our biggest summer deal ever\n  hasExpiration: false\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }',
    },
    lto((t) => {
      const n = codePointLength(t.lto?.text ?? "");
      if (n === 0) {
        return [
          {
            path: ["limitedOfferText"],
            message: "limited-time offer has no offer text",
            hint: `add \`limitedOfferText:\` (up to ${OFFER_TEXT_MAX} characters), e.g. "Ends Sunday"`,
          },
        ];
      }
      return n > OFFER_TEXT_MAX
        ? [
            {
              path: ["limitedOfferText"],
              message: `offer text is ${n} characters long; the limit is ${OFFER_TEXT_MAX}`,
            },
          ]
        : [];
    }),
  ),
  rule(
    {
      id: "LTO-006",
      severity: "error",
      summary: "`hasExpiration: true` requires a copy-code button.",
      why: "An expiring offer shows a coupon to copy; Gupshup requires the copy-code button when `hasExpiration` is true.",
      example:
        '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: true\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }',
    },
    lto((t) =>
      t.lto?.hasExpiration && !t.buttons.some((b) => b.type === "copy_code")
        ? [
            {
              path: ["hasExpiration"],
              message: "an offer with an expiration needs a copy_code button",
              hint: "add `{ type: copy_code, example: CODE15 }` to buttons, or set hasExpiration: false",
            },
          ]
        : [],
    ),
  ),
  rule(
    {
      id: "LTO-007",
      severity: "error",
      summary: `LTO body length ≤ ${LTO_BODY_MAX}.`,
      why: "Meta limits the body of a limited-time offer to 600 characters.",
      example: "an LTO whose `body` is 601 characters long",
    },
    lto((t) => {
      const n = codePointLength(t.body);
      return n > LTO_BODY_MAX
        ? [{ path: ["body"], message: `LTO body is ${n} characters long; the limit is ${LTO_BODY_MAX}` }]
        : [];
    }),
  ),
  rule(
    {
      id: "LTO-008",
      severity: "error",
      summary: "An LTO has exactly one URL button (error) and otherwise only a copy-code button (warning).",
      why: "Meta's table requires one URL button on a limited-time offer; other button types than copy-code are unverified there (warning).",
      example:
        "- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: false\n  buttons:\n    - { type: quick_reply, text: Remind me }",
    },
    lto((t) => {
      const out: Finding[] = [];
      const urls = t.buttons.filter((b) => b.type === "url").length;
      if (urls !== 1) {
        out.push({
          path: ["buttons"],
          message: `a limited-time offer needs exactly one URL button, not ${urls}`,
          hint: urls === 0 ? 'add `{ type: url, text: "Shop now", url: https://… }`' : undefined,
        });
      }
      t.buttons.forEach((b, i) => {
        if (b.type !== "url" && b.type !== "copy_code") {
          out.push({
            severity: "warning",
            path: ["buttons", i],
            message: `${b.type} button on a limited-time offer; Meta documents only copy_code and url`,
          });
        }
      });
      return out;
    }),
  ),
  rule(
    {
      id: "LTO-009",
      severity: "error",
      summary: `LTO copy-code example: 1–${LTO_COPY_CODE_MAX} characters.`,
      why: "Meta limits the coupon of a limited-time offer to 15 characters.",
      example:
        '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: true\n  buttons:\n    - { type: copy_code, example: SUMMER-SALE-2025-X }\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }',
    },
    lto((t) =>
      t.buttons.flatMap((b, i) => {
        if (b.type !== "copy_code") return [];
        const n = codePointLength(b.example);
        const path = ["buttons", i, "example"];
        if (n === 0) return [{ path, message: "copy-code example is empty" }];
        return n > LTO_COPY_CODE_MAX
          ? [
              {
                path,
                message: `copy-code example is ${n} characters long; limited-time offers allow ${LTO_COPY_CODE_MAX}`,
              },
            ]
          : [];
      }),
    ),
  ),
  rule(
    {
      id: "LTO-010",
      severity: "error",
      summary:
        "LTO URL button: label ≤ 25, URL ≤ 2000, at most one variable at the end, example when there is one.",
      why: "The URL button of a limited-time offer follows Meta's URL rules: a label of at most 25, one variable at the end, with its example.",
      example:
        '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: false\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/{{1}}/sale", example: summer }',
    },
    lto((t) =>
      t.buttons.flatMap((b, i) => (b.type === "url" ? [...labelFindings(b, i), ...urlFindings(b, i)] : [])),
    ),
  ),
];
