// Limits on input files (declarations and saved plans), so that a hostile file gets a clear error
// in bounded time and memory instead of exhausting either: a size checked before the file is read,
// and a nesting depth checked by a linear pre-scan of the text before any parser sees it. The
// pre-scan does not depend on the YAML library, so it holds whichever parser reads the file next.

/** Input files larger than this are refused before they are read (FILE-004): 64 MiB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Nesting deeper than this is refused before parsing (YAML-DEPTH). A declaration needs about 7
 * (`templates` › template › `test` › `sections` › section › `productRetailerIds` › id).
 */
export const MAX_NESTING = 64;

export interface TooDeep {
  /** 1-based position of the node that went past the limit. */
  line: number;
  col: number;
}

/**
 * Where YAML text first nests deeper than `max`, or undefined. Counted: block indentation levels
 * (a mapping key or a `- ` entry opens one per column), plus open flow brackets (`[`, `{`). Quoted
 * scalars, comments and block scalars (`|`, `>`) are skipped, so their content never counts. The
 * count is never below the real depth by more than half (a sequence written at its key's own
 * indentation shares a column with it), so a file within the limit always parses. Linear time;
 * memory bounded by `max`.
 */
export function yamlTooDeep(text: string, max = MAX_NESTING): TooDeep | undefined {
  // character codes, not strings: this runs over every byte of every file (tens of MB at most)
  const columns: number[] = []; // open block nodes, by column
  let flow = 0; // open flow brackets
  let quote = 0; // inside a quoted scalar (may span lines): DQ or SQ, else 0
  let blockScalarOwner = -1; // inside `|`/`>` content: lines indented more than this
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNo++;
    const lineStart = start;
    start = end + 1;

    let p = lineStart;
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    const indent = p - lineStart;
    const blank = p === end || text.charCodeAt(p) === CR;
    if (blockScalarOwner >= 0) {
      if (blank || indent > blockScalarOwner) continue;
      blockScalarOwner = -1;
    }
    if (quote === 0 && flow === 0) {
      if (blank || text.charCodeAt(p) === HASH) continue;
      const first = text.charCodeAt(lineStart);
      if (first === PERCENT || text.startsWith("---", lineStart) || text.startsWith("...", lineStart))
        continue;
      while (columns.length > 0 && columns[columns.length - 1]! >= indent) columns.pop();
    }

    // scan the line's tokens; `tokenStart`: the next character may open a quote, a bracket or a
    // block scalar (start of a node), rather than continue a plain scalar
    let tokenStart = quote === 0;
    let opensNode = quote === 0 && flow === 0;
    for (; p < end; p++) {
      const c = text.charCodeAt(p);
      if (quote === DQ) {
        if (c === BACKSLASH) p++;
        else if (c === DQ) quote = 0;
        continue;
      }
      if (quote === SQ) {
        if (c === SQ && text.charCodeAt(p + 1) === SQ) p++;
        else if (c === SQ) quote = 0;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) continue;
      const col = p - lineStart;
      if (opensNode) {
        // a mapping key or a sequence entry at this column: one level deeper
        opensNode = false;
        columns.push(col);
        if (columns.length + flow > max) return { line: lineNo, col: col + 1 };
      }
      if (c === HASH && (tokenStart || isBlank(text.charCodeAt(p - 1)))) break;
      if (tokenStart && (c === AMP || c === BANG)) {
        // an anchor or a tag: the node itself (perhaps a bracket) comes after it (names stop at
        // white space and at flow indicators, as in YAML)
        while (p + 1 < end && !isBlank(text.charCodeAt(p + 1)) && !isFlowIndicator(text.charCodeAt(p + 1)))
          p++;
        continue;
      }
      if (tokenStart && (c === DQ || c === SQ)) {
        quote = c;
        tokenStart = false;
        continue;
      }
      if (
        (c === DASH || c === QUESTION || c === COLON) &&
        (p + 1 === end || isBlank(text.charCodeAt(p + 1)))
      ) {
        // `- ` and `? ` open a node on the same line; `: ` starts a value
        if (flow === 0 && c !== COLON) opensNode = true;
        tokenStart = true;
        continue;
      }
      if ((c === OPEN_SQUARE || c === OPEN_CURLY) && (tokenStart || flow > 0)) {
        flow++;
        if (columns.length + flow > max) return { line: lineNo, col: col + 1 };
        tokenStart = true;
        continue;
      }
      if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && flow > 0) {
        flow--;
        tokenStart = false;
        continue;
      }
      if (c === COMMA && flow > 0) {
        tokenStart = true;
        continue;
      }
      if ((c === PIPE || c === GREATER) && tokenStart && flow === 0) {
        blockScalarOwner = columns[columns.length - 1] ?? 0;
        break;
      }
      tokenStart = false;
    }
  }
  return undefined;
}

/** Character codes the scan compares with. */
const NL = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const BANG = 0x21; // !
const DQ = 0x22; // "
const HASH = 0x23; // #
const PERCENT = 0x25; // %
const AMP = 0x26; // &
const SQ = 0x27; // '
const COMMA = 0x2c; // ,
const DASH = 0x2d; // -
const COLON = 0x3a; // :
const GREATER = 0x3e; // >
const QUESTION = 0x3f; // ?
const OPEN_SQUARE = 0x5b; // [
const BACKSLASH = 0x5c; // \
const CLOSE_SQUARE = 0x5d; // ]
const OPEN_CURLY = 0x7b; // {
const PIPE = 0x7c; // |
const CLOSE_CURLY = 0x7d; // }

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === NL;
}

function isFlowIndicator(c: number): boolean {
  return c === OPEN_SQUARE || c === CLOSE_SQUARE || c === OPEN_CURLY || c === CLOSE_CURLY || c === COMMA;
}

/**
 * Where JSON text first nests deeper than `max` (arrays and objects), or undefined. Linear time,
 * constant memory.
 */
export function jsonTooDeep(text: string, max = MAX_NESTING): TooDeep | undefined {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (inString) {
      if (c === 92)
        i++; // backslash
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return { line, col: i - lineStart + 1 };
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}
