// Where the nodes of a YAML file are, recorded from js-yaml's listener while it composes the file
// (yaml-read.ts), kept in a few flat integer arrays: positions are kept for every node of every
// file (a diagnostic may point anywhere), and an object per node costs more than the data.
//
// js-yaml reports each node it composes as `open` (at the position where it starts looking: after
// a `key:` that may be followed by spaces, a comment and line breaks) and `close` (with its kind
// and value). A node's start is where its content begins, which is what `yaml` puts first in a
// node's range; an empty value starts right after the spaces that follow its key, as in `yaml`.
// A collection (mapping or sequence) gets an id; its entries are contiguous: for entry e, the
// key's text and start (mappings), the value's start, and the value's id when it is a collection.
//
// Anything whose positions this cannot vouch for sets `irregular`, and the caller leaves the file
// to `yaml`: properties (anchors, tags), aliases, explicit (`?`) or non-string keys, merge keys,
// `__proto__`, keys over 1,024 characters (an error for `yaml`), empty sequence entries, a scalar or
// flow collection whose later lines are not indented under its collection (often an error for
// `yaml`), an empty document, or event counts that do not match the data.

import type { Path } from "./source.js";

/** A growable Int32Array. */
class Ints {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

const NO_CHILD = -1;
const MAX_KEY_LENGTH = 1024;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const HASH = 35;
const COLON = 58;
const AMPERSAND = 38;
const BANG = 33;
const STAR = 42;
const BRACKET = 91;
const PIPE = 124;
const GREATER = 62;
const BRACE = 123;

export class YamlPositions {
  /** Set when the file holds something whose positions are left to `yaml`. */
  irregular = false;
  /** The document node: its start, and its id when it is a collection. */
  rootStart = 0;
  root = NO_CHILD;

  // per collection: start offset, first entry, entry count, 1 for a mapping
  private readonly nodeStart = new Ints();
  private readonly nodeFirst = new Ints();
  private readonly nodeCount = new Ints();
  private readonly nodeIsMap = new Ints();
  // per entry
  private readonly keyStart = new Ints();
  private readonly valueStart = new Ints();
  private readonly child = new Ints();
  private readonly keys: string[] = [];

  // nodes being composed: where each was opened (offset, line, line start), and where its
  // children begin in `pending`
  private readonly opened: number[] = [];
  private readonly openedLine: number[] = [];
  private readonly openedLineStart: number[] = [];
  private readonly marks: number[] = [];
  // composed nodes whose parent is still open: start, column, end, id (or -1), value (and its
  // text when a string), flags
  private readonly pendingStart: number[] = [];
  private readonly pendingColumn: number[] = [];
  private readonly pendingEnd: number[] = [];
  private readonly pendingId: number[] = [];
  private readonly pendingValue: unknown[] = [];
  private readonly pendingText: (string | undefined)[] = [];
  private readonly pendingFlags: number[] = [];
  /** How many entries of the pending arrays are in use (their length only grows: truncating is slow). */
  private top = 0;

  constructor(private readonly s: string) {}

  /** js-yaml's position, line and line start when it starts composing a node. */
  open(position: number, line: number, lineStart: number): void {
    this.opened.push(position);
    this.openedLine.push(line);
    this.openedLineStart.push(lineStart);
    this.marks.push(this.top);
  }

  /**
   * `kind`, `result`, `position` (the end) and `line` (of the end) as js-yaml's state holds them
   * when the node closes (kind null: empty); `properties`: it has an anchor or a tag.
   */
  close(kind: string | null, result: unknown, end: number, endLine: number, properties: boolean): void {
    const { s } = this;
    const opened = this.opened.pop()!;
    let line = this.openedLine.pop()!;
    let lineStart = this.openedLineStart.pop()!;
    const mark = this.marks.pop()!;
    const empty = kind === null;
    let start = opened;
    if (empty) start = this.skipSpaces(opened);
    else {
      // what js-yaml skips before the content: spaces, comments, line breaks (tabs and CRs never
      // get here: yaml-read.ts leaves files with them to `yaml`)
      for (;;) {
        const c = s.charCodeAt(start);
        if (c === SPACE) start++;
        else if (c === LF) {
          start++;
          line++;
          lineStart = start;
        } else if (c === HASH) {
          const nl = s.indexOf("\n", start);
          start = nl === -1 ? s.length : nl;
          if (nl === -1) break;
        } else break;
      }
    }
    const first = s.charCodeAt(start);
    if (properties || first === AMPERSAND || first === BANG || first === STAR) this.irregular = true;
    const block = first === PIPE || first === GREATER;
    if (block) this.blockScalar(start, end);

    let id = NO_CHILD;
    if (this.top - mark === 1 && this.pendingValue[mark] === result && this.pendingStart[mark] === start)
      // js-yaml tried the node as a mapping's first key and kept it whole: the child is this node
      id = this.pendingId[mark]!;
    else if (kind === "mapping") id = this.mapping(mark, start, result);
    else if (kind === "sequence") id = this.sequence(mark, start, start - lineStart, result);
    else if (kind !== "scalar" && !empty) this.irregular = true;
    this.top = mark;

    // a quoted or plain scalar, or a flow collection, over several lines (see indentedUnder)
    const multiline =
      ((kind === "scalar" && !block) || first === BRACKET || first === BRACE) && endLine > line
        ? MULTILINE
        : 0;
    const at = this.top++;
    this.pendingStart[at] = start;
    this.pendingColumn[at] = start - lineStart;
    this.pendingEnd[at] = end;
    this.pendingId[at] = id;
    this.pendingValue[at] = result;
    this.pendingText[at] = kind === "scalar" && typeof result === "string" ? result : undefined;
    this.pendingFlags[at] = (empty ? EMPTY : 0) | (start !== opened ? SOUGHT : 0) | multiline;
    if (this.opened.length === 0) {
      // a document with no node at all (comments only): `yaml` calls the file empty
      if (empty) this.irregular = true;
      this.rootStart = start;
      this.root = id;
    }
  }

  private mapping(mark: number, start: number, result: unknown): number {
    let count = this.top - mark;
    // js-yaml's last attempt at a key that is not there
    if (count % 2 === 1 && this.pendingFlags[mark + count - 1]! & EMPTY) count--;
    const pairs = count / 2;
    if (
      count % 2 === 1 ||
      typeof result !== "object" ||
      result === null ||
      Object.keys(result).length !== pairs
    ) {
      this.irregular = true;
      return NO_CHILD;
    }
    const id = this.openCollection(start, pairs, true);
    for (let i = mark; i < mark + count; i += 2) {
      const key = this.pendingText[i];
      if (
        key === undefined ||
        this.pendingFlags[i]! & (EMPTY | SOUGHT) ||
        key.length > MAX_KEY_LENGTH ||
        key === "<<" ||
        key === "__proto__"
      )
        this.irregular = true;
      const keyStart = this.pendingStart[i]!;
      this.indentedUnder(i + 1, this.pendingColumn[i]!);
      // an empty value is where it would have begun: after the colon and the spaces on its line
      // (in a flow mapping js-yaml opens it only past the line breaks that follow)
      const valueStart =
        this.pendingFlags[i + 1]! & EMPTY ? this.afterColon(this.pendingEnd[i]!) : this.pendingStart[i + 1]!;
      this.entry(key ?? "", keyStart, valueStart, this.pendingId[i + 1]!);
    }
    return id;
  }

  private sequence(mark: number, start: number, dashColumn: number, result: unknown): number {
    const count = this.top - mark;
    if (!Array.isArray(result) || result.length !== count) {
      this.irregular = true;
      return NO_CHILD;
    }
    const id = this.openCollection(start, count, false);
    for (let i = mark; i < mark + count; i++) {
      if (this.pendingFlags[i]! & EMPTY) this.irregular = true;
      this.indentedUnder(i, dashColumn);
      this.entry("", this.pendingStart[i]!, this.pendingStart[i]!, this.pendingId[i]!);
    }
    return id;
  }

  private openCollection(start: number, count: number, isMap: boolean): number {
    const id = this.nodeStart.length;
    this.nodeStart.push(start);
    this.nodeFirst.push(this.keys.length);
    this.nodeCount.push(count);
    this.nodeIsMap.push(isMap ? 1 : 0);
    return id;
  }

  private entry(key: string, keyStart: number, valueStart: number, child: number): void {
    this.keys.push(key);
    this.keyStart.push(keyStart);
    this.valueStart.push(valueStart);
    this.child.push(child);
  }

  /**
   * A quoted or plain scalar or a flow collection over several lines must have each later line
   * indented more than its collection's keys or dashes: `yaml` insists (but for a flow
   * collection's closing bracket and for comment lines, which are left to it here), js-yaml does not.
   */
  private indentedUnder(pending: number, column: number): void {
    if (!(this.pendingFlags[pending]! & MULTILINE)) return;
    const { s } = this;
    const end = this.pendingEnd[pending]!;
    for (
      let nl = s.indexOf("\n", this.pendingStart[pending]!);
      nl !== -1 && nl < end;
      nl = s.indexOf("\n", nl + 1)
    ) {
      let q = nl + 1;
      while (s.charCodeAt(q) === SPACE) q++;
      if (q < end && s.charCodeAt(q) !== LF && q - (nl + 1) <= column) this.irregular = true;
    }
  }

  /**
   * `|` and `>`: `yaml` refuses leading blank lines wider than the first line of text, and reads an
   * explicit indentation digit its own way; js-yaml takes both.
   */
  private blockScalar(start: number, end: number): void {
    const { s } = this;
    const header = s.indexOf("\n", start);
    if (/[0-9]/.test(s.slice(start, header === -1 ? end : header))) this.irregular = true;
    if (header === -1) return;
    let widest = 0;
    for (let line = header + 1; line < s.length; ) {
      let q = line;
      while (s.charCodeAt(q) === SPACE) q++;
      if (q < s.length && s.charCodeAt(q) !== LF) {
        if (widest > q - line) this.irregular = true;
        return;
      }
      widest = Math.max(widest, q - line);
      line = q + 1;
    }
  }

  private afterColon(keyEnd: number): number {
    const p = this.skipSpaces(keyEnd);
    if (this.s.charCodeAt(p) !== COLON) {
      this.irregular = true;
      return p;
    }
    return this.skipSpaces(p + 1);
  }

  private skipSpaces(p: number): number {
    const { s } = this;
    while (s.charCodeAt(p) === SPACE || s.charCodeAt(p) === TAB) p++;
    return p;
  }

  /**
   * Offset of the value at `path` (or of its key), else of its nearest existing ancestor: the
   * same walk as SourceFile's over a `yaml` document (source.ts).
   */
  offsetOf(path: Path, at: "value" | "key"): number {
    let node = this.root;
    let offset = this.rootStart;
    for (let i = 0; i < path.length; i++) {
      if (node === NO_CHILD) return offset;
      const segment = path[i];
      const first = this.nodeFirst.data[node]!;
      const count = this.nodeCount.data[node]!;
      let e: number;
      if (this.nodeIsMap.data[node] === 1) {
        const key = String(segment);
        e = first;
        while (e < first + count && this.keys[e] !== key) e++;
        if (e === first + count) return offset;
        if (i === path.length - 1 && at === "key") return this.keyStart.data[e]!;
      } else {
        if (typeof segment !== "number" || !Number.isInteger(segment) || segment < 0 || segment >= count)
          return offset;
        e = first + segment;
      }
      offset = this.valueStart.data[e]!;
      node = this.child.data[e]!;
    }
    return offset;
  }
}

const EMPTY = 1;
/** The node's content did not begin where js-yaml opened it (it skipped spaces or lines first). */
const SOUGHT = 2;
/** A quoted or plain scalar, or a flow collection, over several lines. */
const MULTILINE = 4;
