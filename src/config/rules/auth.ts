// AUTH-*: authentication templates. Their buttons are BTN-012/BTN-014 and their text header
// HDR-007; this rule adds what is left of Meta's fixed authentication layout.

import type { DesiredTemplate } from "../../model/template.js";
import { withArticle } from "../text.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

/** Meta's fixed first line (English). Other languages use Meta's translation, which waform does not check. */
export const AUTH_FIRST_LINE = "{{1}} is your verification code.";

export const authRules: TemplateRule[] = [
  rule(
    {
      id: "AUTH-001",
      severity: "error",
      summary: `AUTHENTICATION: no media header; in English the body starts with "${AUTH_FIRST_LINE}"; kind standard; OTP button COPY_CODE.`,
      why: "Meta fixes the wording and layout of AUTHENTICATION templates: no media header, the code sentence first, one OTP button.",
      example:
        '- name: login_code\n  category: AUTHENTICATION\n  body: "Your login code is {{1}}."\n  examples: { body: ["482913"] }\n  buttons:\n    - { type: otp, otpType: COPY_CODE, text: Copy code }',
    },
    (t: DesiredTemplate) => {
      if (t.category !== "AUTHENTICATION") return [];
      const out: Finding[] = [];
      const h = t.header;
      if (h && h.type !== "text" && h.type !== "location") {
        out.push({
          path: ["header"],
          message: `AUTHENTICATION templates cannot have ${withArticle(h.type)} header`,
        });
      }
      if (t.language.startsWith("en") && t.body.split("\n")[0] !== AUTH_FIRST_LINE) {
        out.push({
          path: ["body"],
          message: `the body of an English AUTHENTICATION template starts with "${AUTH_FIRST_LINE}"`,
        });
      }
      if (t.kind !== "standard") {
        out.push({ path: ["kind"], message: `AUTHENTICATION templates cannot be of kind ${t.kind}` });
      }
      t.buttons.forEach((b, i) => {
        // the create page's ONE_TAP button also carries autofill_text, package_name and
        // signature_hash (reference §3.4), which a declaration cannot hold: sending it without
        // them is not the documented button, and an edit would drop them from the remote
        if (b.type === "otp" && b.otpType === "ONE_TAP") {
          out.push({
            path: ["buttons", i, "otpType"],
            message:
              "a ONE_TAP button needs autofill_text, package_name and signature_hash, which waform cannot declare",
            hint: "use otpType: COPY_CODE",
          });
        }
      });
      return out;
    },
  ),
];
