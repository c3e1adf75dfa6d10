// A fast path for reading templates.yaml. The `yaml` package composes a full document (every node
// with its range, comments and tokens) to give line:col for diagnostics, and that costs seconds on
// a file of 10,000 templates. This reader handles the plain shape such files have (block mappings
// and sequences, one-line scalars and flow collections, `|` and `>` block scalars) in one pass,
// recording only the start offset of each node, which is all that positions need.
//
// It is deliberately partial: on anything outside that shape (anchors, tags, multi-line flow or
// plain scalars, duplicate keys, tabs, CR line ends, empty sequence items, …) it returns
// undefined and the caller parses with `yaml` as before. What it accepts, it reads exactly as
// `yaml` does with the YAML 1.2 core schema (same data, same node start offsets), which
// test/config/fast-yaml.test.ts checks against `yaml` on generated documents.

export interface FastDocument {
  data: Record<string, unknown>;
  positions: FastPositions;
  /** Offset of the first character of every line (0, then each offset after a `\n`). */
  lineStarts: Int32Array;
}

import { FastPositions, NO_CHILD } from "./fast-positions.js";

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DASH;
}

/** Thrown inside the reader to give up; never escapes `fastParseYaml`. */
class NotFast extends Error {}
const NOT_FAST = new NotFast();

const NL = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

/** Characters the fast path never reads (it leaves them to `yaml`, which knows their rules). */
const UNSUPPORTED_CHARS = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** Words a plain key resolves to null or a boolean with (not a string key): left to `yaml`. */
const NON_STRING_KEYS = new Set([
  "null",
  "Null",
  "NULL",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
  "__proto__",
]);
const MAX_KEY_LENGTH = 1024;

// The YAML 1.2 core schema, in the order `yaml` tries its tags (schema/core).
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Plain scalars that may be something other than a string start with one of these. */
const MAYBE_NOT_STRING = /^[-+.0-9~nNtTfF]/;

export function resolvePlain(text: string): unknown {
  if (text === "" || !MAYBE_NOT_STRING.test(text)) return text === "" ? null : text;
  if (NULL_RE.test(text)) return null;
  if (BOOL_RE.test(text)) return text[0] === "t" || text[0] === "T";
  if (INT_OCT_RE.test(text)) return Number.parseInt(text.substring(2), 8);
  if (INT_RE.test(text)) return Number.parseInt(text, 10);
  if (INT_HEX_RE.test(text)) return Number.parseInt(text.substring(2), 16);
  if (FLOAT_NAN_RE.test(text)) {
    if (text.slice(-3).toLowerCase() === "nan") return Number.NaN;
    return text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP_RE.test(text) || FLOAT_RE.test(text)) return Number.parseFloat(text);
  return text;
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
};

/** The plain data and node positions of `text`, or undefined when only `yaml` can read it. */
export function fastParseYaml(text: string): FastDocument | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (err) {
    // a RangeError is the call stack running out on deep nesting: `yaml` reports that as a diagnostic
    if (err instanceof NotFast || err instanceof RangeError) return undefined;
    throw err;
  }
}

class Reader {
  private readonly n: number;
  /** Start of the next line not yet read. */
  private p = 0;
  /** Set by `nextContent`: start and indentation of the next line with content. */
  private ls = 0;
  private ind = 0;
  /** Out-values of the last value read: its collection id (else NO_CHILD), and where it ended. */
  private child = NO_CHILD;
  private end = 0;
  private readonly positions = new FastPositions();

  constructor(private readonly s: string) {
    this.n = s.length;
  }

  document(): FastDocument {
    if (!this.nextContent(0) || this.ind !== 0) throw NOT_FAST;
    const data = this.blockMap(0, this.ls);
    if (this.nextContent(this.p)) throw NOT_FAST;
    let lines = 1;
    for (let i = this.s.indexOf("\n"); i !== -1; i = this.s.indexOf("\n", i + 1)) lines++;
    const lineStarts = new Int32Array(lines);
    let line = 1;
    for (let i = this.s.indexOf("\n"); i !== -1; i = this.s.indexOf("\n", i + 1)) lineStarts[line++] = i + 1;
    return { data, positions: this.positions, lineStarts };
  }

  /** Skips blank and comment-only lines from line start `p`; false at the end of the text. */
  private nextContent(p: number): boolean {
    const { s, n } = this;
    while (p < n) {
      let q = p;
      while (s.charCodeAt(q) === SPACE) q++;
      const c = s.charCodeAt(q);
      if (q >= n) return false;
      if (c === NL) {
        p = q + 1;
        continue;
      }
      if (c === HASH) {
        const end = s.indexOf("\n", q);
        if (end === -1) return false;
        p = end + 1;
        continue;
      }
      this.ls = p;
      this.ind = q - p;
      return true;
    }
    return false;
  }

  private lineEnd(from: number): number {
    const end = this.s.indexOf("\n", from);
    return end === -1 ? this.n : end;
  }

  /** Whether a `-` at `at` starts a sequence entry (followed by a space or the end of the line). */
  private isDash(at: number): boolean {
    if (this.s.charCodeAt(at) !== DASH) return false;
    const next = this.s.charCodeAt(at + 1);
    return next === SPACE || next === NL || at + 1 >= this.n;
  }

  /** End of a plain key starting at `at` when it is followed by `:` and a space or line end; else -1. */
  private keyEnd(at: number): number {
    const { s } = this;
    let e = at;
    const first = s.charCodeAt(e);
    // a key starts with a letter or `_`: keys that are numbers, or start with `-`, are left to yaml
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95)) return -1;
    for (let c = first; isKeyChar(c); c = s.charCodeAt(++e));
    if (s.charCodeAt(e) !== COLON) return -1;
    const after = s.charCodeAt(e + 1);
    return after === SPACE || after === NL || e + 1 >= this.n ? e : -1;
  }

  /** A block mapping whose entries start at column `indent`; the first key is at `first`. */
  private blockMap(indent: number, first: number): Record<string, unknown> {
    const { s } = this;
    const data: Record<string, unknown> = {};
    const mark = this.positions.open();
    let k = first;
    for (;;) {
      const e = this.keyEnd(k);
      if (e === -1 || e - k > MAX_KEY_LENGTH) throw NOT_FAST;
      const key = this.newKey(data, k, e);
      let v = e + 1;
      while (s.charCodeAt(v) === SPACE) v++;
      const c = s.charCodeAt(v);
      let value: unknown;
      let valueStart = v;
      if (v >= this.n || c === NL || c === HASH) {
        // the value is on the next lines, or empty
        const hasNext = this.nextContent(this.lineEnd(v) + 1);
        if (hasNext && this.ind > indent) {
          valueStart = this.ls + this.ind;
          value = this.isDash(valueStart)
            ? this.blockSeq(this.ind, this.ls)
            : this.blockMap(this.ind, valueStart);
        } else if (hasNext && this.ind === indent && this.isDash(this.ls + indent)) {
          valueStart = this.ls + indent;
          value = this.blockSeq(indent, this.ls);
        } else {
          value = null;
          this.child = NO_CHILD;
          this.p = hasNext ? this.ls : this.n;
        }
      } else {
        value = this.inlineValue(v, indent, true);
      }
      data[key] = value;
      this.positions.entry(key, k, valueStart, this.child);
      if (!this.nextContent(this.p) || this.ind < indent) {
        this.child = this.positions.close(mark, first, true);
        return data;
      }
      if (this.ind > indent) throw NOT_FAST;
      k = this.ls + indent;
    }
  }

  /** The key text from `k` to `e`, if it is a new string key of `data`. */
  private newKey(data: Record<string, unknown>, k: number, e: number): string {
    const key = this.s.slice(k, e);
    if (Object.hasOwn(data, key)) throw NOT_FAST; // yaml reports the duplicate
    const c = this.s.charCodeAt(k);
    // n N t T f F _: possibly a key that is not a string (null, true, …) or `__proto__`
    if (
      (c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || c === 95) &&
      NON_STRING_KEYS.has(key)
    )
      throw NOT_FAST;
    return key;
  }

  /** A block sequence whose `-` indicators are at column `indent` of the line starting at `line`. */
  private blockSeq(indent: number, line: number): unknown[] {
    const { s } = this;
    const data: unknown[] = [];
    const mark = this.positions.open();
    let ls = line;
    for (;;) {
      const dash = ls + indent;
      if (s.charCodeAt(dash + 1) !== SPACE) throw NOT_FAST; // an empty entry
      let v = dash + 2;
      while (s.charCodeAt(v) === SPACE) v++;
      const c = s.charCodeAt(v);
      if (v >= this.n || c === NL || c === HASH || this.isDash(v)) throw NOT_FAST;
      data.push(this.keyEnd(v) !== -1 ? this.blockMap(v - ls, v) : this.inlineValue(v, indent, false));
      this.positions.entry("", v, v, this.child);
      if (!this.nextContent(this.p) || this.ind < indent) break;
      if (this.ind > indent) throw NOT_FAST;
      if (!this.isDash(this.ls + indent)) break;
      ls = this.ls;
    }
    this.child = this.positions.close(mark, line + indent, false);
    return data;
  }

  /**
   * A value that starts on the current line at `v` (after `key: ` or `- `): a scalar, a one-line
   * flow collection or (in a mapping) a block scalar. Leaves `p` at the start of the next line
   * and `child` at the value's positions.
   */
  private inlineValue(v: number, indent: number, inMap: boolean): unknown {
    const { s } = this;
    const c = s.charCodeAt(v);
    let value: unknown;
    switch (c) {
      case DQUOTE:
        value = this.doubleQuoted(v);
        this.child = NO_CHILD;
        break;
      case SQUOTE:
        value = this.singleQuoted(v);
        this.child = NO_CHILD;
        break;
      case 91: // [
      case 123: // {
        value = this.flowCollection(v);
        break;
      case 124: // |
      case 62: // >
        if (!inMap) throw NOT_FAST;
        this.child = NO_CHILD;
        return this.blockScalar(v, indent);
      default:
        this.child = NO_CHILD;
        return this.plainBlock(v);
    }
    this.endOfLine(this.end);
    return value;
  }

  /** Only spaces and a comment may follow a value on its line. */
  private endOfLine(at: number): void {
    const { s } = this;
    let q = at;
    while (s.charCodeAt(q) === SPACE) q++;
    if (q < this.n && s.charCodeAt(q) !== NL) {
      if (s.charCodeAt(q) !== HASH || q === at) throw NOT_FAST;
    }
    this.p = this.lineEnd(q) + 1;
  }

  /** A plain scalar in block context: up to the end of the line or a ` #` comment. */
  private plainBlock(v: number): unknown {
    const { s } = this;
    const c = s[v]!;
    if ("-?:".includes(c)) {
      const next = s.charCodeAt(v + 1);
      if (next === SPACE || next === NL || v + 1 >= this.n) throw NOT_FAST;
    } else if (",[]{}#&*!|>'\"%@`".includes(c)) {
      throw NOT_FAST;
    }
    const le = this.lineEnd(v);
    let text = s.slice(v, le);
    const comment = text.indexOf(" #");
    if (comment !== -1) text = text.slice(0, comment);
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--;
    text = text.slice(0, end);
    // `a: b: c` is an error for yaml; a trailing `:` makes it a key
    if (text.includes(": ") || text.charCodeAt(text.length - 1) === COLON) throw NOT_FAST;
    this.p = le + 1;
    return resolvePlain(text);
  }

  /** `"…"` on one line; `end` is left after the closing quote. */
  private doubleQuoted(v: number): string {
    const { s } = this;
    let out = "";
    let from = v + 1;
    for (let i = from; i < this.n; i++) {
      const c = s.charCodeAt(i);
      if (c === DQUOTE) {
        this.end = this.notAKey(i + 1);
        return out + s.slice(from, i);
      }
      if (c === NL) break;
      if (c !== BACKSLASH) continue;
      out += s.slice(from, i);
      const e = s[i + 1];
      if (e === undefined || e === "\n") throw NOT_FAST;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 1;
      } else if (e === "x" || e === "u" || e === "U") {
        const length = e === "x" ? 2 : e === "u" ? 4 : 8;
        const hex = s.substr(i + 2, length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) throw NOT_FAST;
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff) throw NOT_FAST;
        out += String.fromCodePoint(code);
        i += 1 + length;
      } else {
        throw NOT_FAST;
      }
      from = i + 1;
    }
    throw NOT_FAST;
  }

  /** `'…'` on one line (`''` is a quote); `end` is left after the closing quote. */
  private singleQuoted(v: number): string {
    const { s } = this;
    let out = "";
    let from = v + 1;
    for (let i = from; i < this.n; i++) {
      const c = s.charCodeAt(i);
      if (c === NL) break;
      if (c !== SQUOTE) continue;
      if (s.charCodeAt(i + 1) === SQUOTE) {
        out += s.slice(from, i + 1);
        from = i + 2;
        i++;
        continue;
      }
      this.end = this.notAKey(i + 1);
      return out + s.slice(from, i);
    }
    throw NOT_FAST;
  }

  /** After a quoted scalar: a `:` would make it a key, which this reader leaves to yaml. */
  private notAKey(after: number): number {
    let q = after;
    while (this.s.charCodeAt(q) === SPACE) q++;
    if (this.s.charCodeAt(q) === COLON) throw NOT_FAST;
    return after;
  }

  /** `[…]` or `{…}` closed on the same line; leaves `end` after it and `child` at its positions. */
  private flowCollection(v: number): unknown {
    const { s } = this;
    const isMap = s.charCodeAt(v) === 123;
    const close = isMap ? 125 : 93;
    let q = this.skipSpaces(v + 1);
    if (isMap) {
      const data: Record<string, unknown> = {};
      const mark = this.positions.open();
      if (s.charCodeAt(q) !== close) {
        for (;;) {
          const e = this.keyEnd(q);
          if (e === -1 || s.charCodeAt(e + 1) !== SPACE) throw NOT_FAST;
          const key = this.newKey(data, q, e);
          const at = this.skipSpaces(e + 1);
          data[key] = this.flowNode(at);
          this.positions.entry(key, q, at, this.child);
          q = this.skipSpaces(this.end);
          if (s.charCodeAt(q) === close) break;
          if (s.charCodeAt(q) !== 44) throw NOT_FAST; // ,
          q = this.skipSpaces(q + 1);
          if (s.charCodeAt(q) === close) throw NOT_FAST; // a trailing comma
        }
      }
      this.end = q + 1;
      this.child = this.positions.close(mark, v, true);
      return data;
    }
    const data: unknown[] = [];
    const mark = this.positions.open();
    if (s.charCodeAt(q) !== close) {
      for (;;) {
        data.push(this.flowNode(q));
        this.positions.entry("", q, q, this.child);
        q = this.skipSpaces(this.end);
        if (s.charCodeAt(q) === close) break;
        if (s.charCodeAt(q) !== 44) throw NOT_FAST;
        q = this.skipSpaces(q + 1);
        if (s.charCodeAt(q) === close) throw NOT_FAST;
      }
    }
    this.end = q + 1;
    this.child = this.positions.close(mark, v, false);
    return data;
  }

  private skipSpaces(q: number): number {
    while (this.s.charCodeAt(q) === SPACE) q++;
    return q;
  }

  /** A value inside a flow collection; leaves `end` after it and `child` at its positions. */
  private flowNode(at: number): unknown {
    const { s } = this;
    const c = s.charCodeAt(at);
    if (c === 91 || c === 123) return this.flowCollection(at);
    this.child = NO_CHILD;
    if (c === DQUOTE) return this.doubleQuoted(at);
    if (c === SQUOTE) return this.singleQuoted(at);
    const first = s[at];
    if (first === undefined || ",[]{}#&*!|>'\"%@` \n".includes(first)) throw NOT_FAST;
    if ("-?:".includes(first) && " ,[]{}\n".includes(s[at + 1] ?? "\n")) throw NOT_FAST;
    let e = at;
    for (;;) {
      const ch = s.charCodeAt(e);
      if (Number.isNaN(ch) || ch === NL) throw NOT_FAST; // a flow collection over several lines
      if (ch === 44 || ch === 93 || ch === 125) break; // , ] }
      if (ch === 91 || ch === 123) throw NOT_FAST; // [ {
      if (ch === COLON) {
        const next = s.charCodeAt(e + 1);
        // an implicit key
        if (
          next === SPACE ||
          next === 44 ||
          next === 91 ||
          next === 93 ||
          next === 123 ||
          next === 125 ||
          next === NL ||
          Number.isNaN(next)
        )
          throw NOT_FAST;
      }
      if (ch === HASH && s.charCodeAt(e - 1) === SPACE) throw NOT_FAST; // a comment inside the collection
      e++;
    }
    this.end = e;
    while (e > at && s.charCodeAt(e - 1) === SPACE) e--;
    return resolvePlain(s.slice(at, e));
  }

  /** `|` or `>` (with optional `-`/`+`) whose content lines are indented more than `parent`. */
  private blockScalar(v: number, parent: number): string {
    const { s, n } = this;
    const folded = s.charCodeAt(v) === 62;
    let q = v + 1;
    let chomp: "clip" | "strip" | "keep" = "clip";
    if (s[q] === "-") chomp = "strip";
    else if (s[q] === "+") chomp = "keep";
    if (chomp !== "clip") q++;
    const afterHeader = s.charCodeAt(q);
    if (q < n && afterHeader !== SPACE && afterHeader !== NL) throw NOT_FAST; // an indentation digit
    this.endOfLine(q);

    // the first line with content sets the indentation
    let line = this.p;
    let leadingEmpty = 0;
    let widestEmpty = 0;
    let indent = -1;
    while (line < n) {
      let r = line;
      while (s.charCodeAt(r) === SPACE) r++;
      if (r < n && s.charCodeAt(r) !== NL) {
        indent = r - line;
        break;
      }
      if (r >= n) break;
      leadingEmpty++;
      widestEmpty = Math.max(widestEmpty, r - line);
      line = r + 1;
    }
    if (indent <= parent || widestEmpty > indent || (folded && leadingEmpty > 0)) throw NOT_FAST;

    const lines: string[] = [];
    for (let i = 0; i < leadingEmpty; i++) lines.push("");
    let lastText = -1;
    let endedWithNewline = true;
    while (line < n) {
      let r = line;
      while (s.charCodeAt(r) === SPACE) r++;
      if (r >= n && r > line) throw NOT_FAST; // spaces with no line end: left to yaml
      if (r >= n) break;
      const le = this.lineEnd(r);
      if (r === le) {
        // an empty line; more spaces than the indentation would be content, left to yaml
        if (r - line > indent) throw NOT_FAST;
        lines.push("");
      } else if (r - line >= indent) {
        if (folded && r - line > indent) throw NOT_FAST; // more-indented lines keep their breaks
        lines.push(s.slice(line + indent, le));
        lastText = lines.length - 1;
        endedWithNewline = le < n;
      } else {
        break;
      }
      line = le + 1;
    }
    if (lastText === -1 || !endedWithNewline) throw NOT_FAST;
    this.p = Math.min(line, n);

    let text: string;
    if (folded) {
      text = lines[0]!;
      let empties = 0;
      for (let i = 1; i <= lastText; i++) {
        const l = lines[i]!;
        if (l === "") empties++;
        else {
          text += empties === 0 ? ` ${l}` : "\n".repeat(empties) + l;
          empties = 0;
        }
      }
    } else {
      text = lines.slice(0, lastText + 1).join("\n");
    }
    if (chomp === "strip") return text;
    if (chomp === "clip") return `${text}\n`;
    return `${text}\n${"\n".repeat(lines.length - 1 - lastText)}`;
  }
}
