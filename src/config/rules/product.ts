// SPM-*, MPM-*, CTLG-*: single-product, multi-product (Gupshup PRODUCT) and catalog templates.
// Their button count is BTN-015 (catalog, multi_product) or SPM-005; these rules check the kind's
// category, header, body limit and button type.

import type { ButtonType, DesiredTemplate, TemplateKind } from "../../model/template.js";
import { codePointLength, withArticle } from "../text.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

export const SPM_BODY_MAX = 160;

function of(kind: TemplateKind, check: (t: DesiredTemplate) => Finding[]): (t: DesiredTemplate) => Finding[] {
  return (t) => (t.kind === kind ? check(t) : []);
}

function marketingOnly(kind: TemplateKind, label: string) {
  return of(kind, (t) =>
    t.category === "MARKETING"
      ? []
      : [{ path: ["category"], message: `${label} templates must be MARKETING, not ${t.category}` }],
  );
}

/** The kind's one button must be of `type`; other buttons are reported one by one. */
function onlyButton(kind: TemplateKind, type: ButtonType, example: string) {
  return of(kind, (t) => {
    const out: Finding[] = t.buttons.flatMap((b, i) =>
      b.type === type
        ? []
        : [{ path: ["buttons", i], message: `${kind} templates cannot have ${withArticle(b.type)} button` }],
    );
    if (!t.buttons.some((b) => b.type === type)) {
      out.push({
        path: ["buttons"],
        message: `${kind} templates need ${withArticle(type)} button`,
        hint: example,
      });
    }
    return out;
  });
}

export const productRules: TemplateRule[] = [
  rule(
    {
      id: "SPM-001",
      severity: "error",
      summary: "single_product templates are MARKETING.",
      why: "Meta allows single-product templates on MARKETING only.",
      example:
        "- name: back_in_stock\n  kind: single_product\n  category: UTILITY\n  body: The item on your wishlist is back in stock today.",
    },
    marketingOnly("single_product", "single_product"),
  ),
  rule(
    {
      id: "SPM-002",
      severity: "error",
      summary:
        "single_product header is `{ type: product }` (the default): image, title and price come from the catalog.",
      why: "The product header's image, title and price come from the catalog at send time; a single-product template declares no other header.",
      example:
        '- name: back_in_stock\n  kind: single_product\n  header: { type: image, example: "https://cdn.example.com/item.png" }\n  body: The item on your wishlist is back in stock today.',
    },
    of("single_product", (t) =>
      t.header?.type === "product"
        ? []
        : [
            {
              path: ["header"],
              message: `single_product templates have a product header, not ${t.header ? `${withArticle(t.header.type)} header` : "none"}`,
              hint: "remove `header` (it defaults to `{ type: product }`)",
            },
          ],
    ),
  ),
  rule(
    {
      id: "SPM-003",
      severity: "error",
      summary: `single_product body length ≤ ${SPM_BODY_MAX}.`,
      why: "Meta's single-product page limits the body to 160 characters.",
      example: "a single_product template whose `body` is 161 characters long",
    },
    of("single_product", (t) => {
      const n = codePointLength(t.body);
      return n > SPM_BODY_MAX
        ? [
            {
              path: ["body"],
              message: `single_product body is ${n} characters long; the limit is ${SPM_BODY_MAX}`,
            },
          ]
        : [];
    }),
  ),
  rule(
    {
      id: "SPM-005",
      severity: "error",
      summary: "single_product has exactly one button, of type spm.",
      why: 'A single-product template has exactly one button, `{ type: spm }` ("View").',
      example:
        "- name: back_in_stock\n  kind: single_product\n  body: The item on your wishlist is back in stock today.\n  buttons:\n    - { type: spm, text: View }\n    - { type: quick_reply, text: Not now }",
    },
    of("single_product", (t) =>
      t.buttons.length === 1 && t.buttons[0]?.type === "spm"
        ? []
        : [
            {
              path: ["buttons"],
              message: "single_product templates have exactly one button, of type spm",
              hint: "remove `buttons` (it defaults to `[{ type: spm, text: View }]`)",
            },
          ],
    ),
  ),
  rule(
    {
      id: "SPM-007",
      severity: "warning",
      summary:
        "No Gupshup partner endpoint documents creating single-product templates (unverified support).",
      why: "No Gupshup partner endpoint documents creating a single-product template; the create may be refused (unverified).",
      example:
        "- name: back_in_stock\n  kind: single_product\n  body: The item on your wishlist is back in stock today.",
    },
    of("single_product", () => [
      {
        path: ["kind"],
        message: "Gupshup documents no way to create single-product templates; apply may be rejected",
        hint: "for Gupshup apps, multi_product (Gupshup PRODUCT) is the documented product template",
      },
    ]),
  ),
  rule(
    {
      id: "MPM-001",
      severity: "error",
      summary: "multi_product templates are MARKETING.",
      why: "Meta (and Gupshup's PRODUCT type) allow multi-product templates on MARKETING only.",
      example:
        "- name: festive_picks\n  kind: multi_product\n  category: UTILITY\n  header: { type: text, text: Festive picks }\n  body: Our festive favourites are here for you to browse.",
    },
    marketingOnly("multi_product", "multi_product"),
  ),
  rule(
    {
      id: "MPM-002",
      severity: "error",
      summary: "A multi_product header is text (≤ 60, at most one variable).",
      why: "Gupshup's PRODUCT template takes only a text header; an image, video or document header cannot be created.",
      example:
        '- name: festive_picks\n  kind: multi_product\n  header: { type: image, example: "https://cdn.example.com/p.png" }\n  body: Our festive favourites are here for you to browse.',
    },
    of("multi_product", (t) =>
      t.header === undefined || t.header.type === "text"
        ? []
        : [
            {
              path: ["header"],
              message: `multi_product templates need a text header, not ${t.header.type}`,
              hint: 'use `header: { type: text, text: "Our picks for you" }`',
            },
          ],
    ),
  ),
  rule(
    {
      id: "MPM-007",
      severity: "warning",
      summary:
        "A multi_product template has a header: Meta requires one, while Gupshup accepts (and real accounts hold) PRODUCT templates without.",
      why: "Meta asks for a text header on a multi-product template; Gupshup marks it optional, and PRODUCT rows without one exist, so an imported account must still validate.",
      example:
        "- name: festive_picks\n  kind: multi_product\n  body: Our festive favourites are here for you to browse.",
    },
    of("multi_product", (t) =>
      t.header === undefined
        ? [
            {
              path: ["header"],
              message:
                "multi_product templates should have a text header (Meta requires one; Gupshup does not)",
              hint: 'add `header: { type: text, text: "Our picks for you" }`',
            },
          ]
        : [],
    ),
  ),
  rule(
    {
      id: "MPM-004",
      severity: "error",
      summary: 'multi_product has one button, of type mpm ("View items").',
      why: 'A multi-product template has one button, `{ type: mpm }` ("View items").',
      example:
        "- name: festive_picks\n  kind: multi_product\n  header: { type: text, text: Festive picks }\n  body: Our festive favourites are here for you to browse.\n  buttons:\n    - { type: quick_reply, text: Show me }",
    },
    onlyButton(
      "multi_product",
      "mpm",
      "remove `buttons` (it defaults to `[{ type: mpm, text: View items }]`)",
    ),
  ),
  rule(
    {
      id: "CTLG-001",
      severity: "error",
      summary: "catalog templates are MARKETING (UTILITY is accepted by Gupshup: warning).",
      why: "Meta allows catalog templates on MARKETING; Gupshup also accepts UTILITY, which Meta may refuse (warning).",
      example:
        "- name: browse_catalog\n  kind: catalog\n  category: AUTHENTICATION\n  body: Our new season catalog is here for you to browse.",
    },
    of("catalog", (t) => {
      if (t.category === "MARKETING") return [];
      const severity = t.category === "UTILITY" ? "warning" : "error";
      return [
        {
          severity,
          path: ["category"],
          message:
            severity === "warning"
              ? "Meta documents catalog templates as MARKETING only; Gupshup also accepts UTILITY"
              : `catalog templates must be MARKETING, not ${t.category}`,
        },
      ];
    }),
  ),
  rule(
    {
      id: "CTLG-002",
      severity: "error",
      summary: "catalog templates have no header (the thumbnail comes from the catalog).",
      why: "A catalog message's thumbnail comes from the catalog: the template has no header of its own.",
      example:
        "- name: browse_catalog\n  kind: catalog\n  header: { type: text, text: New season }\n  body: Our new season catalog is here for you to browse.",
    },
    of("catalog", (t) =>
      t.header === undefined
        ? []
        : [{ path: ["header"], message: "catalog templates cannot have a header", hint: "remove `header`" }],
    ),
  ),
  rule(
    {
      id: "CTLG-003",
      severity: "error",
      summary: 'catalog has one button, of type catalog ("View catalog").',
      why: 'A catalog template has one button, `{ type: catalog }` ("View catalog").',
      example:
        "- name: browse_catalog\n  kind: catalog\n  body: Our new season catalog is here for you to browse.\n  buttons:\n    - { type: quick_reply, text: Show me }",
    },
    onlyButton(
      "catalog",
      "catalog",
      "remove `buttons` (it defaults to `[{ type: catalog, text: View catalog }]`)",
    ),
  ),
];
