// BODY-* and FTR-*: body and footer. The body limit depends on the kind: LTO-007 (600) and
// SPM-003 (160) replace BODY-002 for their kinds.

import { scanPlaceholders } from "../placeholders.js";
import { codePointLength } from "../text.js";
import { rule, type TemplateRule } from "./rule.js";

export const BODY_MAX = 1024;
export const FOOTER_MAX = 60;

export const bodyRules: TemplateRule[] = [
  rule(
    {
      id: "BODY-001",
      severity: "error",
      summary: "Exactly one body; it is required and not empty.",
      why: "Every template has exactly one body; Gupshup refuses an empty `content`.",
      example: '- name: summer_sale\n  body: ""',
    },
    (t) =>
      t.body === ""
        ? [{ path: ["body"], message: "body is empty", hint: "every template needs a body text" }]
        : [],
  ),
  rule(
    {
      id: "BODY-002",
      severity: "error",
      summary: `Body length ≤ ${BODY_MAX} (standard, multi_product and catalog kinds).`,
      why: "Meta limits a body to 1024 characters (shorter for LTO and single-product templates).",
      example: "a standard template whose `body` is 1025 characters long",
    },
    (t) => {
      if (t.kind === "lto" || t.kind === "single_product") return [];
      const n = codePointLength(t.body);
      return n > BODY_MAX
        ? [{ path: ["body"], message: `body is ${n} characters long; the limit is ${BODY_MAX}` }]
        : [];
    },
  ),
  rule(
    {
      id: "FTR-001",
      severity: "error",
      summary: `Footer is text only, ≤ ${FOOTER_MAX} characters.`,
      why: "Meta limits a footer to 60 characters of plain text.",
      example:
        "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  footer: This footer is much too long to fit under a WhatsApp message at all",
    },
    (t) => {
      if (t.footer === undefined) return [];
      const n = codePointLength(t.footer);
      return n > FOOTER_MAX
        ? [{ path: ["footer"], message: `footer is ${n} characters long; the limit is ${FOOTER_MAX}` }]
        : [];
    },
  ),
  rule(
    {
      id: "FTR-002",
      severity: "warning",
      summary: "No variables in a footer.",
      why: "Meta's pages disagree on footer variables; Gupshup has no field for their examples, so one is likely refused.",
      example:
        '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  footer: "Reply STOP, {{1}}"',
    },
    (t) =>
      t.footer !== undefined && scanPlaceholders(t.footer).some((p) => p.kind !== "malformed")
        ? [
            {
              path: ["footer"],
              message: "footer contains a variable; footers are fixed text",
              hint: "move the variable into the body",
            },
          ]
        : [],
  ),
];
