// The fast YAML reader must read every file it accepts exactly as `yaml` does (same data under the
// 1.2 core schema, same line:col for every node, no file that `yaml` would reject), and give up on
// anything else. Checked on the repository's own YAML files and on generated documents full of
// YAML's corner cases.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { fastParseYaml } from "../../src/config/fast-yaml.js";
import { documentIndex, fastIndex, type Path, SourceFile } from "../../src/config/source.js";

const ROOT = join(import.meta.dirname, "..", "..");

function sameData(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameData(v, b[i]))
    );
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        (k, i) =>
          k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return a === b;
}

/** Every path to a node of `data`, plus a missing key and index under each collection. */
function pathsOf(data: unknown, base: (string | number)[] = []): Path[] {
  const out: Path[] = [base];
  if (Array.isArray(data)) {
    for (const [i, v] of data.entries()) out.push(...pathsOf(v, [...base, i]));
    out.push([...base, data.length], [...base, "x"]);
  } else if (data && typeof data === "object") {
    for (const [k, v] of Object.entries(data)) out.push(...pathsOf(v, [...base, k]));
    out.push([...base, "no_such_key"], [...base, 0]);
  }
  return out;
}

type Verdict = "fast" | "yaml";

/** Asserts the fast reader agrees with yaml on `text`; says which one read it. */
function checkAgainstYaml(text: string): Verdict {
  const fast = fastParseYaml(text);
  if (!fast) return "yaml";
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  expect(
    doc.errors.map((e) => e.code),
    text,
  ).toEqual([]);
  const expected = doc.toJS({ maxAliasCount: 100 });
  if (!sameData(fast.data, expected)) expect(fast.data, text).toEqual(expected);
  expect(Array.from(fast.lineStarts)).toEqual(lines.lineStarts);
  const bySlow = new SourceFile("f.yaml", documentIndex(doc, lines));
  const byFast = new SourceFile("f.yaml", fastIndex(fast));
  for (const path of pathsOf(expected)) {
    for (const at of ["value", "key"] as const) {
      expect(byFast.locate(path, at), `${at} of ${path.join("/")} in\n${text}`).toEqual(
        bySlow.locate(path, at),
      );
    }
  }
  return "fast";
}

// ---- generated documents ---------------------------------------------------------------------

type Value =
  | { t: "scalar"; text: string; style: "plain" | "dq" | "sq" }
  | { t: "block"; lines: string[]; folded: boolean; chomp: "" | "-" | "+"; trailing: number; extra: number }
  | { t: "map"; entries: [string, Value][]; flow: boolean }
  | { t: "seq"; items: Value[]; flow: boolean }
  | { t: "null" };

const TEXTS = [
  "a",
  "Hello world",
  "1",
  "-1",
  "+12",
  "012",
  "0o17",
  "0o19",
  "0x1F",
  "0xG",
  "1e3",
  "-1.5E-2",
  "1.0",
  "1.",
  ".5",
  ".",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "~",
  "null",
  "Null",
  "NULL",
  "nULL",
  "true",
  "False",
  "TRUE",
  "yes",
  "no",
  "on",
  "a: b",
  "a:b",
  "a:",
  "a #b",
  "a#b",
  "#a",
  "- a",
  "-a",
  "-",
  "? a",
  "?a",
  ": a",
  ":a",
  "[a]",
  "{a}",
  "a, b",
  "a,b",
  "a]",
  "it's",
  'say "hi"',
  "https://shop.example.com/s?promo={{1}}&x=1",
  "Hi {{1}}, enjoy {{2}} off!",
  "₹7,999",
  "नमस्ते {{1}}",
  "a  b",
  "@x",
  "`x",
  "%x",
  "!x",
  "&x",
  "*x",
  "|",
  ">",
  "1_000",
  "0b101",
  "12:30",
  "2001-12-14",
  "2099-12-31T23:59:59Z",
  "back\\slash",
  "\u00a0nbsp\u00a0",
  "x\u0085y",
  "emoji 😀",
  "",
  " lead",
  "trail ",
  "__proto__",
  "<<",
];
const KEYS = [
  "a",
  "b",
  "name",
  "app",
  "x_1",
  "a-b",
  "_k",
  "K9",
  "null",
  "true",
  "1",
  "<<",
  "a b",
  "__proto__",
];
const BLOCK_LINES = [
  "text",
  "",
  "  indented",
  "# not a comment",
  "a: b",
  "- item",
  "   ",
  "last line",
  "{{1}} ok",
];

/** Texts a real templates.yaml is made of: the fast path must read documents of these. */
const TAME_TEXTS = [
  "a",
  "Hello world",
  "1",
  "600",
  "true",
  "false",
  "MARKETING",
  "en_US",
  "+919999900001",
  "https://shop.example.com/s?promo={{1}}&x=1",
  "Hi {{1}}, enjoy {{2}} off!",
  "₹7,999",
  "नमस्ते {{1}}",
  "it's",
  'say "hi"',
];
const TAME_KEYS = ["a", "b", "name", "app", "x_1", "a-b", "_k", "K9"];

function arbValue(depth: number, tame = false): fc.Arbitrary<Value> {
  const scalar = fc.record({
    t: fc.constant("scalar" as const),
    text: fc.constantFrom(...(tame ? TAME_TEXTS : TEXTS)),
    style: fc.constantFrom("plain" as const, "plain" as const, "dq" as const, "sq" as const),
  });
  const block = fc.record({
    t: fc.constant("block" as const),
    lines: fc.array(fc.constantFrom(...BLOCK_LINES.filter((l) => !tame || l.trim() !== "" || l === "")), {
      minLength: tame ? 1 : 0,
      maxLength: 5,
    }),
    folded: fc.boolean(),
    chomp: fc.constantFrom("" as const, "-" as const, "+" as const),
    trailing: fc.nat(2),
    extra: fc.integer({ min: 0, max: 3 }),
  });
  const leaf = fc.oneof(
    { weight: 6, arbitrary: scalar },
    { weight: 2, arbitrary: block },
    { weight: 1, arbitrary: fc.constant({ t: "null" as const }) },
  );
  if (depth <= 0) return leaf;
  const child = arbValue(depth - 1, tame);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant("map" as const),
        entries: fc.array(fc.tuple(fc.constantFrom(...(tame ? TAME_KEYS : KEYS)), child), {
          minLength: 0,
          maxLength: 4,
        }),
        flow: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant("seq" as const),
        items: fc.array(child, { minLength: 0, maxLength: 4 }),
        flow: fc.boolean(),
      }),
    },
  );
}

interface Style {
  indentStep: number;
  seqSameIndent: boolean;
  comments: boolean;
  blankLines: boolean;
}

function quote(text: string, style: "plain" | "dq" | "sq"): string {
  if (style === "dq") {
    return `"${text
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\u0085/g, "\\N")
      .replace(/\u00a0/g, "\\_")}"`;
  }
  if (style === "sq") return `'${text.replace(/'/g, "''")}'`;
  return text;
}

function flow(v: Value): string {
  switch (v.t) {
    case "scalar":
      return quote(v.text, v.style);
    case "map":
      return `{ ${v.entries.map(([k, x]) => `${k}: ${flow(x)}`).join(", ")} }`;
    case "seq":
      return `[${v.items.map(flow).join(", ")}]`;
    case "null":
      return "";
    case "block":
      return quote(v.lines.join(" "), "dq");
  }
}

/** Lines of `v` as the value of a key (or item) at column `indent`; `head` is the key part. */
function render(head: string, v: Value, indent: number, s: Style, inSeq: boolean): string[] {
  const comment = s.comments ? " # note" : "";
  switch (v.t) {
    case "scalar":
      return [`${head} ${quote(v.text, v.style)}${comment}`];
    case "null":
      return [`${head}${comment}`];
    case "block": {
      const inner = " ".repeat(indent + s.indentStep + v.extra);
      return [
        `${head} ${v.folded ? ">" : "|"}${v.chomp}${comment}`,
        ...v.lines.map((l) => (l === "" ? "" : inner + l)),
        ...Array.from({ length: v.trailing }, () => ""),
      ];
    }
    case "map":
    case "seq": {
      if (v.flow) return [`${head} ${flow(v)}${comment}`];
      const childIndent = v.t === "seq" && s.seqSameIndent && !inSeq ? indent : indent + s.indentStep;
      return [`${head}${comment}`, ...renderBlock(v, childIndent, s)];
    }
  }
}

function renderBlock(v: Value, indent: number, s: Style): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  if (v.t === "map") {
    for (const [k, x] of v.entries) {
      if (s.blankLines) out.push("");
      out.push(...render(`${pad}${k}:`, x, indent, s, false));
    }
  } else if (v.t === "seq") {
    for (const item of v.items) {
      if (item.t === "map" && !item.flow && item.entries.length > 0) {
        // a compact mapping: the first key on the dash line, the others under it
        const lines = renderBlock(item, indent + 2, s);
        const first = lines.findIndex((l) => l.trim() !== "");
        lines[first] = `${pad}- ${lines[first]!.slice(indent + 2)}`;
        out.push(...lines);
      } else {
        out.push(...render(`${pad}-`, item, indent, s, true));
      }
    }
  }
  return out;
}

const arbDocument = (tame: boolean) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...(tame ? TAME_KEYS : KEYS)), arbValue(3, tame)), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.record({
        indentStep: fc.integer({ min: 1, max: 4 }),
        seqSameIndent: fc.boolean(),
        comments: fc.boolean(),
        blankLines: fc.boolean(),
      }),
      fc.constantFrom("\n", ""),
    )
    .map(([entries, style, end]) => {
      const lines = renderBlock({ t: "map", entries, flow: false }, 0, style);
      return lines.join("\n") + end;
    });

describe("fast YAML reader", () => {
  it("reads the repository's example and demo files as yaml does", () => {
    const files = [
      join(ROOT, "templates.yaml"),
      ...readdirSync(join(ROOT, "examples")).flatMap((f) =>
        f.endsWith(".yaml") ? [join(ROOT, "examples", f)] : [],
      ),
      ...readdirSync(join(ROOT, "examples", "split")).map((f) => join(ROOT, "examples", "split", f)),
    ];
    const verdicts = files.map((f) => checkAgainstYaml(readFileSync(f, "utf8")));
    // the plain files take the fast path (a file with multi-line flow mappings may not)
    expect(verdicts.filter((v) => v === "fast").length).toBeGreaterThanOrEqual(files.length - 2);
  });

  const RUNS = Number(process.env["FAST_YAML_RUNS"] ?? 2000);

  it.each([
    ["full of YAML's corner cases", false, 0.05],
    ["made of what templates.yaml files hold", true, 0.25],
  ])("agrees with yaml on generated documents %s", (_what, tame, minFast) => {
    const verdicts: Verdict[] = [];
    fc.assert(
      fc.property(arbDocument(tame), (text) => {
        verdicts.push(checkAgainstYaml(text));
      }),
      { numRuns: RUNS, ...(process.env["FAST_YAML_RUNS"] ? {} : { seed: 6 }) },
    );
    // the generator must exercise the fast path, not only the fallback
    expect(verdicts.filter((v) => v === "fast").length).toBeGreaterThan(verdicts.length * minFast);
  });

  it.each([
    ["an anchor and alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a merge key", "a: { b: 1 }\nc:\n  <<: { d: 2 }\n"],
    ["a multi-line plain scalar", "a: one\n  two\n"],
    ["a multi-line flow mapping", "a: {\n  b: 1 }\n"],
    ["a tab", "a:\tb\n"],
    ["CRLF line ends", "a: 1\r\nb: 2\r\n"],
    ["a document marker", "---\na: 1\n"],
    ["an empty file", ""],
    ["a top-level list", "- a\n"],
    ["an unclosed quote", 'a: "b\n'],
  ])("leaves %s to yaml", (_what, text) => {
    expect(fastParseYaml(text)).toBeUndefined();
  });
});
