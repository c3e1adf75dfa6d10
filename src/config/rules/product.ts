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
    { id: "SPM-001", severity: "error", summary: "single_product templates are MARKETING." },
    marketingOnly("single_product", "single_product"),
  ),
  rule(
    {
      id: "SPM-002",
      severity: "error",
      summary:
        "single_product header is `{ type: product }` (the default): image, title and price come from the catalog.",
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
    { id: "SPM-003", severity: "error", summary: `single_product body length ≤ ${SPM_BODY_MAX}.` },
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
    { id: "SPM-005", severity: "error", summary: "single_product has exactly one button, of type spm." },
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
    { id: "MPM-001", severity: "error", summary: "multi_product templates are MARKETING." },
    marketingOnly("multi_product", "multi_product"),
  ),
  rule(
    {
      id: "MPM-002",
      severity: "error",
      summary: "A multi_product header is text (≤ 60, at most one variable).",
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
    },
    onlyButton(
      "catalog",
      "catalog",
      "remove `buttons` (it defaults to `[{ type: catalog, text: View catalog }]`)",
    ),
  ),
];
