// BTN-*: buttons, whatever the kind. On LTO templates the URL-button and copy-code limits are
// reported as LTO-010 and LTO-009 instead of BTN-007/BTN-009/BTN-011 (see lto.ts).

import { isE164 } from "../../model/phone.js";
import type { Button, ButtonType, DesiredTemplate } from "../../model/template.js";
import { scanPlaceholders } from "../placeholders.js";
import { codePointLength } from "../text.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

export const MAX_BUTTONS = 10;
export const LABEL_MAX = 25;
export const URL_MAX = 2000;
export const PHONE_MAX = 20;
export const COPY_CODE_MAX = 20;
const PER_TYPE_MAX: Partial<Record<ButtonType, { max: number; id: string; why: string; example: string }>> = {
  quick_reply: {
    max: 10,
    id: "BTN-002",
    why: "Gupshup allows at most ten quick-reply buttons.",
    example: "a template with eleven quick-reply buttons",
  },
  url: {
    max: 2,
    id: "BTN-003",
    why: "Gupshup allows at most two URL buttons.",
    example:
      '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: url, text: Shop, url: "https://shop.example.com/a" }\n    - { type: url, text: Stores, url: "https://shop.example.com/b" }\n    - { type: url, text: Help, url: "https://shop.example.com/c" }',
  },
  phone_number: {
    max: 1,
    id: "BTN-004",
    why: "Gupshup allows one phone-number button.",
    example:
      '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: phone_number, text: Call us, phoneNumber: "+918045678900" }\n    - { type: phone_number, text: Call the store, phoneNumber: "+918045678901" }',
  },
  copy_code: {
    max: 1,
    id: "BTN-005",
    why: "Gupshup allows one copy-code button.",
    example:
      "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: copy_code, example: SUMMER25 }\n    - { type: copy_code, example: SUMMER30 }",
  },
};
const HTTP_URL = /^https?:\/\/\S+$/;

type UrlButton = Extract<Button, { type: "url" }>;

function count(t: DesiredTemplate, type: ButtonType): number {
  return t.buttons.filter((b) => b.type === type).length;
}

function perTypeRule(type: ButtonType): TemplateRule {
  const { max, id, why, example } = PER_TYPE_MAX[type]!;
  return rule({ id, severity: "error", summary: `${type} buttons: at most ${max}.`, why, example }, (t) => {
    const n = count(t, type);
    return n > max ? [{ path: ["buttons"], message: `${n} ${type} buttons; at most ${max} allowed` }] : [];
  });
}

/** Label problems of one button (BTN-007, LTO-010). */
export function labelFindings(b: Button, index: number): Finding[] {
  if (!("text" in b)) return [];
  const n = codePointLength(b.text);
  const path = ["buttons", index, "text"];
  if (n === 0) return [{ path, message: `${b.type} button label is empty` }];
  return n > LABEL_MAX
    ? [{ path, message: `${b.type} button label is ${n} characters long; the limit is ${LABEL_MAX}` }]
    : [];
}

/** URL problems of one URL button (BTN-009, LTO-010). */
export function urlFindings(b: UrlButton, index: number): Finding[] {
  const path = ["buttons", index, "url"];
  const out: Finding[] = [];
  const n = codePointLength(b.url);
  if (!HTTP_URL.test(b.url)) out.push({ path, message: "button URL must be an http(s) URL" });
  if (n > URL_MAX) out.push({ path, message: `button URL is ${n} characters long; the limit is ${URL_MAX}` });
  const placeholders = scanPlaceholders(b.url);
  const vars = placeholders.filter((p) => p.kind !== "malformed");
  for (const p of placeholders) {
    if (p.kind === "malformed")
      out.push({ path, message: `malformed placeholder ${JSON.stringify(p.raw)} in URL` });
  }
  if (vars.length > 1)
    out.push({ path, message: `URL has ${vars.length} variables; at most one is allowed` });
  const v = vars[0];
  if (v) {
    if (v.offset + v.raw.length !== b.url.length) {
      out.push({ path, message: `the URL variable ${v.raw} must be at the end of the URL` });
    } else if (v.raw !== "{{1}}") {
      out.push({ path, message: `the URL variable must be {{1}}, not ${v.raw}` });
    }
    if (b.example === undefined) {
      out.push({
        path: ["buttons", index],
        message: "the URL has a variable but no example",
        hint: "add `example:` with the value of {{1}} (only the value, not the whole URL)",
      });
    }
  } else if (b.example !== undefined) {
    out.push({
      path: ["buttons", index, "example"],
      message: "`example` is set but the URL has no variable",
      hint: "remove `example`, or end the URL with {{1}}",
    });
  }
  return out;
}

export const buttonRules: TemplateRule[] = [
  rule(
    {
      id: "BTN-001",
      severity: "error",
      summary: `At most ${MAX_BUTTONS} buttons in total.`,
      why: "Meta allows at most ten buttons on a template.",
      example: "a template with eleven quick-reply buttons",
    },
    (t) =>
      t.buttons.length > MAX_BUTTONS
        ? [{ path: ["buttons"], message: `${t.buttons.length} buttons; at most ${MAX_BUTTONS} allowed` }]
        : [],
  ),
  perTypeRule("quick_reply"),
  perTypeRule("url"),
  perTypeRule("phone_number"),
  perTypeRule("copy_code"),
  rule(
    {
      id: "BTN-006",
      severity: "error",
      summary: "Quick-reply buttons are grouped together.",
      why: "Meta requires quick replies next to each other: QR, QR, URL is valid, QR, URL, QR is not.",
      example:
        '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: quick_reply, text: Yes }\n    - { type: url, text: Shop, url: "https://shop.example.com/" }\n    - { type: quick_reply, text: No }',
    },
    (t) => {
      const types = t.buttons.map((b) => b.type);
      const first = types.indexOf("quick_reply");
      const last = types.lastIndexOf("quick_reply");
      if (first === -1) return [];
      const between = types.slice(first, last + 1).findIndex((type) => type !== "quick_reply");
      return between === -1
        ? []
        : [
            {
              path: ["buttons", first + between],
              message: "quick-reply buttons must be next to each other",
              hint: "put all quick_reply buttons first or last",
            },
          ];
    },
  ),
  rule(
    {
      id: "BTN-007",
      severity: "error",
      summary: `Button label: 1–${LABEL_MAX} characters.`,
      why: "Meta limits a button label to 25 characters.",
      example:
        "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: quick_reply, text: Please remind me about this tomorrow }",
    },
    (t) => t.buttons.flatMap((b, i) => (t.kind === "lto" && b.type === "url" ? [] : labelFindings(b, i))),
  ),
  rule(
    {
      id: "BTN-008",
      severity: "error",
      summary: `Phone button number with country code, ≤ ${PHONE_MAX} characters.`,
      why: "Meta wants the phone number of a call button with its country code, at most 20 characters.",
      example:
        '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: phone_number, text: Call us, phoneNumber: "080 4567 8900" }',
    },
    (t) =>
      t.buttons.flatMap((b, i) => {
        if (b.type !== "phone_number") return [];
        const ok = isE164(b.phoneNumber) && b.phoneNumber.length <= PHONE_MAX;
        return ok
          ? []
          : [
              {
                path: ["buttons", i, "phoneNumber"],
                message: "phone button number must be a phone number with country code",
                hint: 'for example "+919999900001"',
              },
            ];
      }),
  ),
  rule(
    {
      id: "BTN-009",
      severity: "error",
      summary: `URL button: http(s), ≤ ${URL_MAX} characters, at most one variable, at the end, with an example.`,
      why: "Meta allows one variable in a URL, at its end, reviewed with an example; the URL is at most 2000 characters.",
      example:
        '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/{{1}}/sale", example: summer }',
    },
    (t) => (t.kind === "lto" ? [] : t.buttons.flatMap((b, i) => (b.type === "url" ? urlFindings(b, i) : []))),
  ),
  rule(
    {
      id: "BTN-011",
      severity: "error",
      summary: `Copy-code example: 1–${COPY_CODE_MAX} characters.`,
      why: "Meta limits a copy-code example to 20 characters (15 on a limited-time offer, LTO-009).",
      example:
        "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: copy_code, example: THIS-CODE-IS-TOO-LONG-2025 }",
    },
    (t) =>
      t.kind === "lto"
        ? []
        : t.buttons.flatMap((b, i) => {
            if (b.type !== "copy_code") return [];
            const n = codePointLength(b.example);
            const path = ["buttons", i, "example"];
            if (n === 0) return [{ path, message: "copy-code example is empty" }];
            return n > COPY_CODE_MAX
              ? [
                  {
                    path,
                    message: `copy-code example is ${n} characters long; the limit is ${COPY_CODE_MAX}`,
                  },
                ]
              : [];
          }),
  ),
  rule(
    {
      id: "BTN-012",
      severity: "error",
      summary: "Only MARKETING and UTILITY templates may mix button types.",
      why: "Gupshup lets only MARKETING and UTILITY templates mix button types.",
      example:
        '- name: login_code\n  category: AUTHENTICATION\n  body: "{{1}} is your verification code."\n  examples: { body: ["482913"] }\n  buttons:\n    - { type: otp, otpType: COPY_CODE, text: Copy code }\n    - { type: quick_reply, text: Not me }',
    },
    (t) => {
      if (t.category !== "AUTHENTICATION") return [];
      const types = new Set(t.buttons.map((b) => b.type));
      return types.size > 1
        ? [
            {
              path: ["buttons"],
              message: `AUTHENTICATION templates cannot mix button types (${[...types].join(", ")})`,
            },
          ]
        : [];
    },
  ),
  rule(
    {
      id: "BTN-013",
      severity: "error",
      summary: "UTILITY templates cannot use a copy-code button.",
      why: "Gupshup refuses a copy-code button on a UTILITY template.",
      example:
        "- name: order_shipped\n  category: UTILITY\n  body: Your order has shipped and arrives on Friday.\n  buttons:\n    - { type: copy_code, example: SHIP10 }",
    },
    (t) =>
      t.category === "UTILITY"
        ? t.buttons.flatMap((b, i) =>
            b.type === "copy_code"
              ? [{ path: ["buttons", i], message: "UTILITY templates cannot have a copy_code button" }]
              : [],
          )
        : [],
  ),
  rule(
    {
      id: "BTN-014",
      severity: "error",
      summary: "OTP buttons only on AUTHENTICATION, which has exactly one button, of type otp.",
      why: "OTP buttons belong to AUTHENTICATION templates, which have exactly one button, an OTP button.",
      example:
        "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: otp, otpType: COPY_CODE, text: Copy code }",
    },
    (t) => {
      if (t.category !== "AUTHENTICATION") {
        return t.buttons.flatMap((b, i) =>
          b.type === "otp"
            ? [{ path: ["buttons", i], message: `${t.category} templates cannot have an otp button` }]
            : [],
        );
      }
      const ok = t.buttons.length === 1 && t.buttons[0]?.type === "otp";
      return ok
        ? []
        : [
            {
              path: ["buttons"],
              message: "AUTHENTICATION templates have exactly one button, of type otp",
              hint: "buttons: [{ type: otp, otpType: COPY_CODE, text: Copy code }]",
            },
          ];
    },
  ),
  rule(
    {
      id: "BTN-015",
      severity: "error",
      summary: "catalog and multi_product templates have exactly one button.",
      why: "Gupshup's CATALOG and PRODUCT (multi-product) templates have exactly one button.",
      example:
        "- name: festive_picks\n  kind: multi_product\n  header: { type: text, text: Festive picks }\n  body: Our festive favourites are here for you to browse.\n  buttons:\n    - { type: mpm, text: View items }\n    - { type: quick_reply, text: Not now }",
    },
    (t) =>
      (t.kind === "catalog" || t.kind === "multi_product") && t.buttons.length !== 1
        ? [
            {
              path: ["buttons"],
              message: `${t.kind} templates have exactly one button, not ${t.buttons.length}`,
            },
          ]
        : [],
  ),
];
