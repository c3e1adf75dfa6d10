// TEXT-*: characters that are not text. A pull-request author writes the templates; what they
// write reaches recipients' phones, and every terminal, log and pull-request comment that shows the
// template. Control characters there can rewrite a reviewer's terminal; bidi controls can make the
// reviewed text read differently from what is sent; a label of zero-width characters is a button
// nobody can see. waform shows all of them escaped (render/inert.ts), and these rules stop them
// before they are sent.

import type { Button, DesiredTemplate, TestSpec } from "../../model/template.js";
import type { Path } from "../source.js";
import { type Finding, rule, type TemplateRule } from "./rule.js";

/** C0 controls but tab and newline, DEL, and the C1 controls (ESC's 8-bit twins among them). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Embeddings and overrides (LRE, RLE, PDF, LRO, RLO): they reorder what follows them. */
const BIDI_OVERRIDE = /[\u202a-\u202e]/;
/** Isolates (LRI, RLI, FSI, PDI): they also reorder, but right-to-left text has real uses for them. */
const BIDI_ISOLATE = /[\u2066-\u2069]/;
/**
 * Nothing a reader can see: white space, format characters (zero-width space and joiners, direction
 * marks, bidi controls, the BOM, soft hyphen), variation selectors, and the blank-looking fillers
 * (Hangul fillers, braille blank) used to fake empty text.
 */
const INVISIBLE_ONLY =
  /^(?:[\s\p{Cf}\p{Zs}\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0]|\u034f|\p{Variation_Selector})+$/u;

interface Text {
  /** Where it is declared (YAML terms). */
  path: Path;
  /** What it is, for the message: `body`, `quick_reply button label`. */
  what: string;
  text: string;
  /** Shown to the recipient as text of its own (not a URL, id or example value). */
  shown: boolean;
}

function buttonTexts(b: Button, i: number): Text[] {
  const at = (key: string) => ["buttons", i, key];
  const out: Text[] = [];
  if ("text" in b) out.push({ path: at("text"), what: `${b.type} button label`, text: b.text, shown: true });
  if (b.type === "url") {
    out.push({ path: at("url"), what: "button URL", text: b.url, shown: false });
    if (b.example !== undefined)
      out.push({ path: at("example"), what: "URL example", text: b.example, shown: false });
  }
  if (b.type === "phone_number")
    out.push({ path: at("phoneNumber"), what: "phone number", text: b.phoneNumber, shown: false });
  if (b.type === "copy_code")
    out.push({ path: at("example"), what: "copy-code example", text: b.example, shown: false });
  return out;
}

/** The values of a `test:` block: they are sent, so they must be text too. */
function testTexts(test: TestSpec): Text[] {
  const at = (...p: (string | number)[]) => ["test", ...p];
  const out: Text[] = [];
  for (const [i, text] of test.params.entries())
    out.push({ path: at("params", i), what: "test param", text, shown: false });
  const one: [Path, string | undefined][] = [
    [at("headerParam"), test.headerParam],
    [at("couponCode"), test.couponCode],
    [at("urlSuffix"), test.urlSuffix],
    [at("thumbnailProductRetailerId"), test.thumbnailProductRetailerId],
    [at("headerMedia", "link"), test.headerMedia?.link],
  ];
  for (const [path, text] of one)
    if (text !== undefined) out.push({ path, what: `test ${path.slice(1).join(".")}`, text, shown: false });
  for (const [i, s] of (test.sections ?? []).entries()) {
    out.push({ path: at("sections", i, "title"), what: "test section title", text: s.title, shown: false });
    for (const [j, text] of s.productRetailerIds.entries())
      out.push({ path: at("sections", i, "productRetailerIds", j), what: "product id", text, shown: false });
  }
  return out;
}

/** Any character TEXT-001 or TEXT-002 is about: one pass over a text that is almost always clean. */
const SUSPECT = new RegExp(
  `[${[CONTROL, BIDI_OVERRIDE, BIDI_ISOLATE].map((set) => set.source.slice(1, -1)).join("")}]`,
);

const cache = new WeakMap<DesiredTemplate, { all: Text[]; suspect: Text[] }>();

/** A template's texts (computed once for the three rules), and those with a suspect character. */
function textsOf(t: DesiredTemplate): { all: Text[]; suspect: Text[] } {
  let texts = cache.get(t);
  if (!texts) {
    const all = templateTexts(t);
    texts = { all, suspect: all.filter((x) => SUSPECT.test(x.text)) };
    cache.set(t, texts);
  }
  return texts;
}

/** Every text of a template, with where it is declared. */
function templateTexts(t: DesiredTemplate): Text[] {
  const out: Text[] = [
    { path: ["vertical"], what: "vertical", text: t.vertical, shown: false },
    { path: ["body"], what: "body", text: t.body, shown: true },
  ];
  const h = t.header;
  if (h?.type === "text") {
    out.push({ path: ["header", "text"], what: "header", text: h.text, shown: true });
    if (h.example !== undefined)
      out.push({ path: ["examples", "header"], what: "header example", text: h.example, shown: false });
  } else if (h && "example" in h && h.example !== undefined) {
    out.push({ path: ["header", "example"], what: "header example", text: h.example, shown: false });
  }
  for (const [i, text] of t.bodyExamples.entries())
    out.push({ path: ["examples", "body", i], what: "body example", text, shown: false });
  if (t.footer !== undefined) out.push({ path: ["footer"], what: "footer", text: t.footer, shown: true });
  for (const [i, b] of t.buttons.entries()) out.push(...buttonTexts(b, i));
  if (t.lto) out.push({ path: ["limitedOfferText"], what: "offer text", text: t.lto.text, shown: true });
  if (t.test) out.push(...testTexts(t.test));
  return out;
}

/** `\u001b`, `\u{e0001}`: a character as the user would search for it (and as waform shows it). */
function escaped(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** The first character of `text` in `set`, escaped. */
function first(text: string, set: RegExp): string {
  return escaped(set.exec(text)?.[0] ?? "");
}

/** The characters of an invisible text, escaped: the first few. */
function spelled(text: string): string {
  const chars = [...text];
  const shown = chars.slice(0, 4).map(escaped).join(" ");
  return chars.length > 4 ? `${shown} … (${chars.length} characters)` : shown;
}

export const textRules: TemplateRule[] = [
  rule(
    {
      id: "TEXT-001",
      severity: "error",
      summary:
        "No control characters (C0 but tab and newline, DEL, C1) in any text of a template: they act on terminals, not on phones.",
      why: "A control character does nothing on a phone but acts on the terminal, CI log or editor of everyone who reviews the template: an ESC sequence can erase or rewrite the lines around it.",
      example: '- name: summer_sale\n  body: "Our summer sale starts today\\x1b[2K in every store."',
    },
    (t) =>
      textsOf(t)
        .suspect.filter((x) => CONTROL.test(x.text))
        .map((x) => ({
          path: x.path,
          message: `${x.what} contains the control character ${first(x.text, CONTROL)}`,
          hint: "remove it; a YAML escape like \\e or \\x1b is a control character too",
        })),
  ),
  rule(
    {
      id: "TEXT-002",
      severity: "error",
      summary:
        "No bidi overrides or embeddings (U+202A–U+202E) in any text; bidi isolates (U+2066–U+2069) are a warning.",
      why: "An override makes a text display in another order than it is stored and sent (the Trojan Source trick): the reviewer reads one message, the customer gets another.",
      example: '- name: summer_sale\n  body: "Our summer sale starts today \\u202Eerots yreve ni."',
    },
    (t) =>
      textsOf(t).suspect.flatMap((x): Finding[] => {
        if (BIDI_OVERRIDE.test(x.text)) {
          return [
            {
              path: x.path,
              message: `${x.what} contains the bidi control ${first(x.text, BIDI_OVERRIDE)}, which makes it read differently from what is sent`,
              hint: "right-to-left text needs no override; to mark direction use U+200E/U+200F, or an isolate",
            },
          ];
        }
        if (BIDI_ISOLATE.test(x.text)) {
          return [
            {
              path: x.path,
              severity: "warning",
              message: `${x.what} contains the bidi isolate ${first(x.text, BIDI_ISOLATE)}: check that it reads as intended`,
            },
          ];
        }
        return [];
      }),
  ),
  rule(
    {
      id: "TEXT-003",
      severity: "error",
      summary:
        "A body, header, footer, button label or offer text is not made only of invisible characters (zero-width, direction marks, blank fillers).",
      why: "A label or footer of zero-width characters passes every length check but shows nothing; Meta rejects it or the customer sees a blank button.",
      example:
        '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  footer: "\\u200B\\u200E"',
    },
    (t) =>
      textsOf(t)
        // an empty text is the business of each field's own rule (BODY-001, BTN-007, …)
        .all.filter((x) => x.shown && INVISIBLE_ONLY.test(x.text))
        .map((x) => ({
          path: x.path,
          message: `${x.what} has only invisible characters (${spelled(x.text)}): nothing would show`,
          hint: "write visible text, or remove it",
        })),
  ),
];
