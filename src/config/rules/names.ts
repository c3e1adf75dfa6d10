// NAME-*: template names (Gupshup `elementName`), and the two rules about the set of templates:
// identity must be unique (NAME-004) and Meta rejects duplicated wording (DUP-001).

import { type DesiredTemplate, templateKey } from "../../model/template.js";
import { codePointLength, preview } from "../text.js";
import { type Finding, rule, type SetRule, type TemplateRule } from "./rule.js";

const NAME = /^[a-z0-9_]+$/;
export const META_NAME_MAX = 512;
export const GUPSHUP_NAME_MAX = 180;

/** A valid name close to what the user wrote, for the hint. */
export function suggestName(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return slug || "my_template";
}

export const nameRules: TemplateRule[] = [
  rule(
    {
      id: "NAME-001",
      severity: "error",
      summary: "Name uses only lowercase letters, digits and underscores.",
      why: "Meta accepts only lowercase letters, digits and underscores in template names.",
      example: "- name: Summer-Sale\n  body: Our summer sale starts today in every store.",
    },
    (t) =>
      NAME.test(t.name)
        ? []
        : [
            {
              path: ["name"],
              message: `template name ${preview(t.name)} may only contain lowercase letters, digits and underscores`,
              hint: `for example: ${suggestName(t.name)}`,
            },
          ],
  ),
  rule(
    {
      id: "NAME-002",
      severity: "error",
      summary: `Name length (Meta): ≤ ${META_NAME_MAX}.`,
      why: "Meta refuses template names over 512 characters.",
      example: "a template whose `name` is 513 characters long",
    },
    (t) => {
      const n = codePointLength(t.name);
      return n > META_NAME_MAX
        ? [{ path: ["name"], message: `template name is ${n} characters long; Meta allows ${META_NAME_MAX}` }]
        : [];
    },
  ),
  rule(
    {
      id: "NAME-003",
      severity: "error",
      summary: `Name length on Gupshup (elementName): ≤ ${GUPSHUP_NAME_MAX}.`,
      why: "Gupshup's elementName is limited to 180 characters (one page says 200; the stricter limit is used).",
      example: "a template whose `name` is 181 characters long",
    },
    (t) => {
      const n = codePointLength(t.name);
      // past Meta's limit NAME-002 already says it
      return n > GUPSHUP_NAME_MAX && n <= META_NAME_MAX
        ? [
            {
              path: ["name"],
              message: `template name is ${n} characters long; Gupshup allows ${GUPSHUP_NAME_MAX}`,
            },
          ]
        : [];
    },
  ),
];

function where(t: DesiredTemplate): string {
  return `${t.source.file}:${t.source.line}:${t.source.col}`;
}

export const setRules: SetRule[] = [
  {
    id: "NAME-004",
    severity: "error",
    summary: "(app, name, language) is unique: a repeated pair in the config is an error.",
    why: "A template is identified by (app, name, language): two declarations of one key would fight over one remote template.",
    example:
      "- name: summer_sale\n  body: Our summer sale starts today in every store.\n- name: summer_sale\n  body: Our summer sale starts tomorrow in every store.",
    checkAll(templates) {
      const first = new Map<string, DesiredTemplate>();
      const out: { template: DesiredTemplate; finding: Finding }[] = [];
      for (const t of templates) {
        const key = templateKey(t);
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, t);
          continue;
        }
        out.push({
          template: t,
          finding: {
            path: ["name"],
            message: `template ${key} is declared twice: here and at ${where(earlier)}`,
            hint: "one name may exist in several languages, but each (name, language) pair only once per app",
          },
        });
      }
      return out;
    },
  },
  {
    id: "DUP-001",
    severity: "warning",
    summary:
      "Same body and footer as another template of the app: Meta rejects duplicates (not AUTHENTICATION).",
    why: "Meta rejects a template worded like another template of the same account as a duplicate.",
    example:
      "- name: summer_sale\n  body: Our summer sale starts today in every store.\n- name: summer_sale_copy\n  body: Our summer sale starts today in every store.",
    checkAll(templates) {
      const first = new Map<string, DesiredTemplate>();
      const out: { template: DesiredTemplate; finding: Finding }[] = [];
      for (const t of templates) {
        if (t.category === "AUTHENTICATION" || t.body === "") continue;
        const wording = JSON.stringify([t.app, t.body, t.footer ?? ""]);
        const earlier = first.get(wording);
        if (!earlier) {
          first.set(wording, t);
          continue;
        }
        if (templateKey(earlier) === templateKey(t)) continue; // NAME-004 reports that one
        out.push({
          template: t,
          finding: {
            path: ["body"],
            message: `same body and footer as template ${templateKey(earlier)} (${where(earlier)})`,
            hint: "Meta rejects a template whose wording duplicates an existing one; change the text",
          },
        });
      }
      return out;
    },
  },
];
