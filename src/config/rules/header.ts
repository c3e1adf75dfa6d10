// HDR-*: the header component. Kind-specific header rules (LTO-003, SPM-002, MPM-002, CTLG-002)
// live with their kinds.

import { scanPlaceholders } from "../placeholders.js";
import { codePointLength } from "../text.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

export const HEADER_TEXT_MAX = 60;
const MARKUP = /[*_~]/;
const EMOJI = /\p{Extended_Pictographic}/u;
const HTTP_URL = /^https?:\/\/\S+$/;

export const headerRules: TemplateRule[] = [
  rule(
    {
      id: "HDR-002",
      severity: "error",
      summary: `Text header length: 1–${HEADER_TEXT_MAX} characters.`,
      why: "Meta limits a text header to 60 characters.",
      example:
        "- name: summer_sale\n  header: { type: text, text: This header is far too long to be shown above a WhatsApp message }\n  body: Our summer sale starts today in every store.",
    },
    (t) => {
      if (t.header?.type !== "text") return [];
      const n = codePointLength(t.header.text);
      if (n === 0) return [{ path: ["header", "text"], message: "text header is empty" }];
      return n > HEADER_TEXT_MAX
        ? [
            {
              path: ["header", "text"],
              message: `text header is ${n} characters long; the limit is ${HEADER_TEXT_MAX}`,
            },
          ]
        : [];
    },
  ),
  rule(
    {
      id: "HDR-003",
      severity: "error",
      summary:
        "A text header has at most one variable {{1}}, and a variable needs an example (`examples.header`).",
      why: "Meta allows one variable in a text header, and reviews it with its example.",
      example:
        '- name: summer_sale\n  header: { type: text, text: "Hi {{1}}" }\n  body: Our summer sale starts today in every store.',
    },
    (t) => {
      if (t.header?.type !== "text") return [];
      const vars = scanPlaceholders(t.header.text).filter((p) => p.kind !== "malformed");
      const out: Finding[] = [];
      if (vars.length > 1) {
        out.push({
          path: ["header", "text"],
          message: `text header has ${vars.length} variables; at most one is allowed`,
        });
      }
      const first = vars[0];
      if (first?.kind === "positional" && first.index !== 1) {
        out.push({
          path: ["header", "text"],
          message: `the header variable must be {{1}}, not ${first.raw}`,
        });
      }
      if (vars.length > 0 && t.header.example === undefined) {
        out.push({
          path: ["header", "text"],
          message: "the header variable has no example",
          hint: "add `examples: { header: <value> }`",
        });
      }
      if (vars.length === 0 && t.header.example !== undefined) {
        out.push({
          path: ["examples", "header"],
          message: "`examples.header` is set but the text header has no variable",
          hint: "remove `examples.header`, or add {{1}} to the header",
        });
      }
      return out;
    },
  ),
  rule(
    {
      id: "HDR-004",
      severity: "warning",
      summary: "A text header has no formatting markup (*, _, ~), newlines or emoji.",
      why: "Meta does not render formatting, new lines or emoji in a header, and may reject the template for them.",
      example:
        '- name: summer_sale\n  header: { type: text, text: "*Summer* sale" }\n  body: Our summer sale starts today in every store.',
    },
    (t) => {
      if (t.header?.type !== "text") return [];
      const text = t.header.text;
      const found: string[] = [];
      if (MARKUP.test(text.replace(/\{\{[^}]*\}\}/g, ""))) found.push("formatting markup (*, _ or ~)");
      if (text.includes("\n")) found.push("a newline");
      if (EMOJI.test(text)) found.push("an emoji");
      return found.length
        ? [
            {
              path: ["header", "text"],
              message: `text header contains ${found.join(", ")}; Meta may reject it`,
              hint: "keep the header plain text on one line",
            },
          ]
        : [];
    },
  ),
  rule(
    {
      id: "HDR-005",
      severity: "error",
      summary:
        "An image, video or document header has a sample (`example`: a public http(s) URL, or `handle`: an upload handle).",
      why: "Meta reviews a media header with a sample; without one the create is refused.",
      example:
        "- name: summer_sale\n  header: { type: image }\n  body: Our summer sale starts today in every store.",
    },
    (t) => {
      const h = t.header;
      if (h?.type !== "image" && h?.type !== "video" && h?.type !== "document") return [];
      if (h.example === undefined) {
        if (h.handle !== undefined) return [];
        return [
          {
            path: ["header"],
            message: `${h.type} header has no sample`,
            hint: `add \`example: https://…\` with a public URL of a sample ${h.type}; it is uploaded for Meta's review`,
          },
        ];
      }
      return HTTP_URL.test(h.example)
        ? []
        : [{ path: ["header", "example"], message: `${h.type} header sample must be a public http(s) URL` }];
    },
  ),
  rule(
    {
      id: "HDR-006",
      severity: "error",
      summary: "A location header is allowed only for UTILITY and MARKETING.",
      why: "Meta allows a location header on UTILITY and MARKETING templates only.",
      example:
        '- name: login_code\n  category: AUTHENTICATION\n  header: { type: location }\n  body: "{{1}} is your verification code."\n  examples: { body: ["482913"] }\n  buttons:\n    - { type: otp, otpType: COPY_CODE, text: Copy code }',
    },
    (t) =>
      t.header?.type === "location" && t.category === "AUTHENTICATION"
        ? [{ path: ["header", "type"], message: "AUTHENTICATION templates cannot have a location header" }]
        : [],
  ),
  rule(
    {
      id: "HDR-007",
      severity: "error",
      summary: "A text header is never allowed on AUTHENTICATION templates.",
      why: "Gupshup allows a text header only on TEXT templates and never on AUTHENTICATION ones.",
      example:
        '- name: login_code\n  category: AUTHENTICATION\n  header: { type: text, text: Your code }\n  body: "{{1}} is your verification code."\n  examples: { body: ["482913"] }\n  buttons:\n    - { type: otp, otpType: COPY_CODE, text: Copy code }',
    },
    (t) =>
      t.header?.type === "text" && t.category === "AUTHENTICATION"
        ? [{ path: ["header", "type"], message: "AUTHENTICATION templates cannot have a text header" }]
        : [],
  ),
];
