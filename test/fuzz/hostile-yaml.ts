// Generators of hostile templates.yaml files, for the fuzz tests: random text and bytes, random
// YAML of the wrong shape, the valid root templates.yaml with one value replaced by something
// hostile (wrong type, huge string, unicode edge case) or a key removed, deep nesting, alias
// bombs, duplicate keys. Each case says what kind it is, so a failure names its family.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";

export interface HostileCase {
  kind: string;
  /** The file's bytes: text (written as UTF-8) or raw bytes. */
  content: string | Uint8Array;
}

/** How fast-check prints a case in a failure: its kind, size and start, not megabytes of it. */
function named(c: HostileCase): HostileCase {
  return Object.assign(c, {
    [fc.toStringMethod]: () => {
      const text = typeof c.content === "string" ? c.content : Buffer.from(c.content).toString("latin1");
      return `${c.kind}, ${c.content.length} long: ${JSON.stringify(text.slice(0, 300))}`;
    },
  });
}

const VALID_TEXT = readFileSync(join(import.meta.dirname, "..", "..", "templates.yaml"), "utf8");
const VALID: unknown = parse(VALID_TEXT);

/** Code points that break naive text handling. */
const UNICODE_EDGES = [
  "\u202e", // right-to-left override
  "\u200f", // right-to-left mark
  "\u200b", // zero-width space
  "\u200d", // zero-width joiner
  "\ufeff", // BOM / zero-width no-break space
  "\u0000", // NUL
  "\u0085", // next line
  "\u2028", // line separator
  "e\u0301", // decomposed é (NFD)
  "\u{1F469}\u200d\u{1F4BB}", // ZWJ emoji sequence
  "\u{1F1EE}\u{1F1F3}", // flag (regional indicators)
  "\u{10FFFF}", // last code point
  "\ufffd", // replacement character
  "ﷺ", // a single code point that renders very wide
  "\u0645\u0631\u062d\u0628\u0627", // Arabic (RTL) text
  "{{1}}",
  "{{",
  "}}",
  "%s%n",
];

/** A lone surrogate, as YAML escapes it inside a double-quoted scalar (raw, UTF-8 cannot carry it). */
const loneSurrogateEscape = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((c) => `\\u${c.toString(16).toUpperCase()}`);

const edgyString = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.array(fc.constantFrom(...UNICODE_EDGES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join("")),
);

/** Strings long enough to hurt anything quadratic: 10 k to 1 M characters. */
const hugeString = fc
  .tuple(fc.constantFrom("a", "{{1}} ", "\u{1F600}", "x\n", " "), fc.integer({ min: 10_000, max: 1_000_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  edgyString,
  hugeString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.NaN, [], {}, "", " ", "~", "null", "yes", "0x10"),
  fc.array(edgyString, { maxLength: 5 }),
  fc.dictionary(edgyString, edgyString, { maxKeys: 4 }),
);

/** Every path (keys and indexes) into a plain JSON-like value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value && typeof value === "object"
      ? Object.entries(value)
      : [];
  for (const [k, v] of entries) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}
const VALID_PATHS = pathsOf(VALID).filter((p) => p.length > 0);

function withValue(path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(VALID) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = value;
  return copy;
}

const stringifyOr = (value: unknown): string => {
  try {
    // undefined (and a few other values) stringify to undefined: an empty file
    return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 }) ?? "";
  } catch {
    return String(value);
  }
};

const mutatedValid = fc
  .tuple(fc.constantFrom(...VALID_PATHS), hostileValue, fc.boolean())
  .map(([path, value, remove]) => ({
    kind: remove ? "valid file, one key removed" : "valid file, one value replaced",
    content: stringifyOr(withValue(path, value, remove)),
  }));

/** A double-quoted scalar with escapes only YAML can turn into lone surrogates or control codes. */
const escapedScalarInValid = fc
  .tuple(
    fc.constantFrom("body", "footer", "name", "limitedOfferText", "vertical"),
    fc.array(fc.oneof(loneSurrogateEscape, fc.constantFrom("\\0", "\\x7f", "\\u202E", "\\N", "\\e", "ok")), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([key, parts]) => ({
    kind: "escaped lone surrogates and control codes",
    content: VALID_TEXT.replace(new RegExp(`^(\\s+(?:- )?${key}: ).*$`, "m"), `$1"${parts.join("")}"`),
  }));

const wrongShapes = fc.anything({ maxDepth: 4, withNullPrototype: false }).map((value) => ({
  kind: "random YAML of any shape",
  content: stringifyOr(value),
}));

const randomText = fc
  .oneof(
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.string({ unit: "grapheme-ascii", maxLength: 300 }),
    fc
      .array(
        fc.constantFrom(
          "version: 1\n",
          "apps:\n",
          "templates:\n",
          "  - ",
          "name: x\n",
          "  ",
          "- ",
          ": ",
          "&a ",
          "*a ",
          "!!binary ",
          "!tag ",
          "? ",
          "|\n",
          ">-\n",
          '"',
          "'",
          "[",
          "]",
          "{",
          "}",
          ",",
          "#",
          "\t",
          "\r\n",
          "\n",
          "---\n",
          "...\n",
          "%YAML 1.1\n",
          "<<: *a\n",
          "\ufeff",
        ),
        { maxLength: 60 },
      )
      .map((tokens) => tokens.join("")),
  )
  .map((content) => ({ kind: "random text", content }));

const rawBytes = fc.uint8Array({ maxLength: 400 }).map((content) => ({ kind: "random bytes", content }));

const deepNesting = fc
  .tuple(
    fc.constantFrom("flow-seq", "flow-map", "block-map", "block-seq"),
    fc.integer({ min: 50, max: 20_000 }),
  )
  .map(([shape, depth]) => {
    const n = shape.startsWith("block") ? Math.min(depth, 3_000) : depth;
    const content =
      shape === "flow-seq"
        ? `version: 1\ntemplates: ${"[".repeat(n)}${"]".repeat(n)}\n`
        : shape === "flow-map"
          ? `version: 1\napps: ${"{a: ".repeat(n)}1${"}".repeat(n)}\n`
          : shape === "block-map"
            ? `version: 1\napps:\n${Array.from({ length: n }, (_, i) => `${" ".repeat(i + 1)}k${i}:`).join("\n")} 1\n`
            : `version: 1\ntemplates:\n${Array.from({ length: n }, (_, i) => `${" ".repeat(i * 2)}-`).join("\n")} x\n`;
    return { kind: `deep nesting (${shape} ${n})`, content };
  });

/** Billion laughs: each level an anchor whose list repeats the level below `fanout` times. */
const aliasBomb = fc
  .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.boolean())
  .map(([levels, fanout, merge]) => {
    const lines = ["version: 1", `l0: &l0 ${merge ? "{k: v}" : '"lol"'}`];
    for (let i = 1; i <= levels; i++) {
      const refs = Array.from({ length: fanout }, () => `*l${i - 1}`).join(", ");
      lines.push(merge ? `l${i}: &l${i} {<<: [${refs}], k${i}: v}` : `l${i}: &l${i} [${refs}]`);
    }
    lines.push(`templates: *l${levels}`);
    return { kind: `alias bomb (${levels} levels × ${fanout})`, content: `${lines.join("\n")}\n` };
  });

/** The valid file with one of its key lines repeated right after itself (same indentation). */
const duplicateKeys = fc.integer({ min: 0, max: 10_000 }).map((pick) => {
  const lines = VALID_TEXT.split("\n");
  const keyLines = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => /^\s*(- )?[A-Za-z_]+:\s*\S/.test(line) && !line.trimStart().startsWith("#"));
  const { line, i } = keyLines[pick % keyLines.length]!;
  const duplicate = line.replace(/^(\s*)- /, "$1  ");
  lines.splice(i + 1, 0, duplicate);
  return { kind: "duplicate key", content: lines.join("\n") };
});

const hugeDocument = fc.integer({ min: 1, max: 4 }).map((k) => ({
  kind: "huge string in a valid file",
  content: VALID_TEXT.replace(/body: \|/, `body: "${"lorem ipsum {{1}} ".repeat(k * 15_000)}"\n    x: |`),
}));

/** Every family, weighted so that the valid-file mutations (which reach the deepest code) dominate. */
export const hostileYaml: fc.Arbitrary<HostileCase> = fc
  .oneof(
    { arbitrary: mutatedValid, weight: 6 },
    { arbitrary: escapedScalarInValid, weight: 2 },
    { arbitrary: wrongShapes, weight: 2 },
    { arbitrary: randomText, weight: 2 },
    { arbitrary: rawBytes, weight: 1 },
    { arbitrary: deepNesting, weight: 1 },
    { arbitrary: aliasBomb, weight: 1 },
    { arbitrary: duplicateKeys, weight: 2 },
    { arbitrary: hugeDocument, weight: 1 },
  )
  .map(named);
