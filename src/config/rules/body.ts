// BODY-* and FTR-*: body and footer. The body limit depends on the kind: LTO-007 (600) and
// SPM-003 (160) replace BODY-002 for their kinds.

import { scanPlaceholders } from "../placeholders.js";
import { codePointLength } from "../text.js";
import { rule, type TemplateRule } from "./rule.js";

export const BODY_MAX = 1024;
export const FOOTER_MAX = 60;

export const bodyRules: TemplateRule[] = [
  rule(
    { id: "BODY-001", severity: "error", summary: "Exactly one body; it is required and not empty." },
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
    { id: "FTR-001", severity: "error", summary: `Footer is text only, ≤ ${FOOTER_MAX} characters.` },
    (t) => {
      if (t.footer === undefined) return [];
      const n = codePointLength(t.footer);
      return n > FOOTER_MAX
        ? [{ path: ["footer"], message: `footer is ${n} characters long; the limit is ${FOOTER_MAX}` }]
        : [];
    },
  ),
  rule({ id: "FTR-002", severity: "warning", summary: "No variables in a footer." }, (t) =>
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
