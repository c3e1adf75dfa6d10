// VAR-*: placeholders and their examples. waform declares positional variables ({{1}}, {{2}}, …);
// named variables are reported (VAR-005) rather than half-supported.

import type { DesiredTemplate } from "../../model/template.js";
import { type Placeholder, scanPlaceholders } from "../placeholders.js";
import { plural } from "../text.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

/**
 * VAR-006 threshold: fewer fixed words than this many per variable gets a warning. Meta publishes
 * no number; one word per variable flags "Hi {{1}} {{2}} {{3}}" and keeps ordinary sentences clean.
 */
export const MIN_FIXED_WORDS_PER_VARIABLE = 1;

/** The texts that may hold variables, with their YAML paths. */
function variableTexts(t: DesiredTemplate): { path: (string | number)[]; text: string }[] {
  const texts = [{ path: ["body"], text: t.body }];
  if (t.header?.type === "text") texts.push({ path: ["header", "text"], text: t.header.text });
  return texts;
}

/** The last answer of distinctPositional: three rules ask it of the same body in turn. */
let lastScan: readonly Placeholder[] | undefined;
let lastDistinct: readonly number[] = [];

function distinctPositional(text: string): readonly number[] {
  const scan = scanPlaceholders(text);
  if (scan === lastScan) return lastDistinct;
  const set = new Set<number>();
  for (const p of scan) if (p.kind === "positional") set.add(p.index);
  lastScan = scan;
  lastDistinct = [...set].sort((a, b) => a - b);
  return lastDistinct;
}

/** Placeholders of one kind in the texts that may hold variables; most templates have none. */
function placeholdersOf<K extends Placeholder["kind"]>(
  t: DesiredTemplate,
  kind: K,
): { path: (string | number)[]; p: Extract<Placeholder, { kind: K }> }[] {
  const out: { path: (string | number)[]; p: Extract<Placeholder, { kind: K }> }[] = [];
  for (const { path, text } of variableTexts(t))
    for (const p of scanPlaceholders(text))
      if (p.kind === kind) out.push({ path, p: p as Extract<Placeholder, { kind: K }> });
  return out;
}

/** A word of fixed text: a run of non-space holding a letter or a digit. */
const FIXED_WORD = /[^\s]*[\p{L}\p{N}][^\s]*/gu;

/**
 * How many words the body has outside its placeholders, counted up to `enough` (past it the rule
 * has nothing to say): each match of FIXED_WORD is one whole word, as splitting at white space
 * and keeping the words with a letter or digit would find them.
 */
function fixedWords(body: string, enough: number): number {
  const fixed = body.replace(/\{\{[^}]*\}\}/g, " ");
  FIXED_WORD.lastIndex = 0;
  let words = 0;
  while (words < enough && FIXED_WORD.exec(fixed) !== null) words++;
  return words;
}

export const variableRules: TemplateRule[] = [
  rule(
    {
      id: "VAR-001",
      severity: "error",
      summary: "Body variables are numbered {{1}}…{{k}} with no gaps.",
      why: "Meta rejects bodies whose variables skip numbers (`{{1}} {{3}}`).",
      example:
        '- name: summer_sale\n  body: "Hi {{1}}, enjoy {{3}} off in every store."\n  examples: { body: ["Ana", "x", "25%"] }',
    },
    (t) => {
      const used = distinctPositional(t.body);
      if (used.length === 0) return [];
      const max = used[used.length - 1]!;
      const missing: number[] = [];
      for (let i = 1; i <= max; i++) if (!used.includes(i)) missing.push(i);
      const out: Finding[] = [];
      if (used[0] === 0)
        out.push({ path: ["body"], message: "variables are numbered from {{1}}, not {{0}}" });
      if (missing.length) {
        out.push({
          path: ["body"],
          message: `body variables must be numbered {{1}} to {{${max}}} without gaps; missing ${missing.map((n) => `{{${n}}}`).join(", ")}`,
          hint: "renumber the variables in order",
        });
      }
      return out;
    },
  ),
  rule(
    {
      id: "VAR-002",
      severity: "error",
      summary: "Every body variable has an example: as many `examples.body` values as variables, none empty.",
      why: "Meta reviews a template with its example values; a variable without one is refused.",
      example:
        '- name: summer_sale\n  body: "Hi {{1}}, enjoy {{2}} off in every store."\n  examples: { body: ["Ana"] }',
    },
    (t) => {
      const k = Math.max(0, ...distinctPositional(t.body));
      const n = t.bodyExamples.length;
      const path = n > 0 ? ["examples", "body"] : ["body"];
      if (n !== k) {
        return [
          {
            path,
            message: `body has ${plural(k, "variable")} but ${plural(n, "example")}`,
            hint:
              k > n
                ? "add `examples: { body: [...] }` with one value per variable, in order"
                : "remove the extra example values",
          },
        ];
      }
      const empty = t.bodyExamples.indexOf("");
      return empty >= 0
        ? [{ path: ["examples", "body", empty], message: `example for {{${empty + 1}}} is empty` }]
        : [];
    },
  ),
  rule(
    {
      id: "VAR-003",
      severity: "error",
      summary: "The body does not start or end with a variable (not checked on AUTHENTICATION).",
      why: "Meta rejects a body that starts or ends with a variable.",
      example:
        '- name: summer_sale\n  body: "{{1}}, our summer sale starts today in every store"\n  examples: { body: ["Ana"] }',
    },
    (t) => {
      if (t.category === "AUTHENTICATION") return []; // Meta's fixed authentication text starts with {{1}}
      const scan = scanPlaceholders(t.body);
      const first = scan.find((p) => p.kind !== "malformed");
      const last = scan.findLast((p) => p.kind !== "malformed");
      const out: Finding[] = [];
      if (first && first.offset === 0) {
        out.push({
          path: ["body"],
          message: `body starts with the variable ${first.raw}`,
          hint: "start with fixed text, e.g. 'Hi {{1}}'",
        });
      }
      if (last && last.offset + last.raw.length === t.body.length) {
        out.push({
          path: ["body"],
          message: `body ends with the variable ${last.raw}`,
          hint: "end with fixed text or punctuation, e.g. '{{2}}.'",
        });
      }
      return out;
    },
  ),
  rule(
    {
      id: "VAR-004",
      severity: "error",
      summary: "Placeholders are well formed: balanced {{ }}, no spaces, no #, $ or % inside.",
      why: "A malformed placeholder is sent as literal text, or refused by Meta's review.",
      example: '- name: summer_sale\n  body: "Hi {{ 1 }, our summer sale starts today in every store."',
    },
    (t) =>
      placeholdersOf(t, "malformed").map(({ path, p }) => ({
        path,
        message: `malformed placeholder ${JSON.stringify(p.raw)}: ${p.reason}`,
      })),
  ),
  rule(
    {
      id: "VAR-005",
      severity: "error",
      summary:
        "Variables are positional ({{1}}); named variables ({{first_name}}) are not supported by waform.",
      why: "waform sends positional parameters only; a named variable would never be filled.",
      example:
        '- name: summer_sale\n  body: "Hi {{first_name}}, our summer sale starts today in every store."',
    },
    (t) =>
      placeholdersOf(t, "named").map(({ path, p }) => ({
        path,
        message: `named variable ${p.raw}: waform declares positional variables only`,
        hint: "number the variables {{1}}, {{2}}, … and give examples in that order",
      })),
  ),
  rule(
    {
      id: "VAR-006",
      severity: "warning",
      summary: "Too many variables for the fixed text: fewer fixed words than variables.",
      why: "Meta rejects templates that are mostly variables (too little fixed text to review).",
      example:
        '- name: summer_sale\n  body: "Hi {{1}} {{2}} {{3}} now."\n  examples: { body: ["Ana", "25%", "off"] }',
    },
    (t) => {
      const k = distinctPositional(t.body).length;
      if (k === 0) return [];
      const words = fixedWords(t.body, MIN_FIXED_WORDS_PER_VARIABLE * k);
      return words < MIN_FIXED_WORDS_PER_VARIABLE * k
        ? [
            {
              path: ["body"],
              message: `body has ${plural(k, "variable")} and only ${plural(words, "fixed word")}; Meta rejects templates that are mostly variables`,
              hint: "add fixed text around the variables",
            },
          ]
        : [];
    },
  ),
];
