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
  const columns: number[] = []; // open block nodes, by column
  let flow = 0; // open flow brackets
  let quote: '"' | "'" | undefined; // inside a quoted scalar (may span lines)
  let blockScalarOwner: number | undefined; // inside `|`/`>` content: lines indented more than this
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    start = end + 1;

    let i = 0;
    while (i < line.length && line[i] === " ") i++;
    const blank = i === line.length || line[i] === "\r";
    if (blockScalarOwner !== undefined) {
      if (blank || i > blockScalarOwner) continue;
      blockScalarOwner = undefined;
    }
    if (!quote && flow === 0) {
      if (blank || line[i] === "#") continue;
      if (line.startsWith("---", 0) || line.startsWith("...", 0) || line[0] === "%") continue;
      while (columns.length > 0 && columns[columns.length - 1]! >= i) columns.pop();
    }

    // scan the line's tokens; `tokenStart`: the next character may open a quote, a bracket or a
    // block scalar (start of a node), rather than continue a plain scalar
    let tokenStart = !quote;
    let opensNode = !quote && flow === 0;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (quote === '"') {
        if (c === "\\") i++;
        else if (c === '"') quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") quote = undefined;
        continue;
      }
      if (c === " " || c === "\t" || c === "\r") continue;
      if (opensNode) {
        // a mapping key or a sequence entry at this column: one level deeper
        opensNode = false;
        columns.push(i);
        if (columns.length + flow > max) return { line: lineNo, col: i + 1 };
      }
      if (c === "#" && (tokenStart || /\s/.test(line[i - 1] ?? " "))) break;
      if (tokenStart && (c === "&" || c === "!")) {
        // an anchor or a tag: the node itself (perhaps a bracket) comes after it
        // (names stop at whitespace and at flow indicators, as in YAML)
        while (i + 1 < line.length && !/[\s[\]{},]/.test(line[i + 1]!)) i++;
        continue;
      }
      if (tokenStart && (c === '"' || c === "'")) {
        quote = c;
        tokenStart = false;
        continue;
      }
      if ((c === "-" || c === "?" || c === ":") && /\s|^$/.test(line[i + 1] ?? "")) {
        // `- ` and `? ` open a node on the same line; `: ` starts a value
        if (flow === 0 && c !== ":") opensNode = true;
        tokenStart = true;
        continue;
      }
      if ((c === "[" || c === "{") && (tokenStart || flow > 0)) {
        flow++;
        if (columns.length + flow > max) return { line: lineNo, col: i + 1 };
        tokenStart = true;
        continue;
      }
      if ((c === "]" || c === "}") && flow > 0) {
        flow--;
        tokenStart = false;
        continue;
      }
      if (c === "," && flow > 0) {
        tokenStart = true;
        continue;
      }
      if ((c === "|" || c === ">") && tokenStart && flow === 0) {
        blockScalarOwner = columns[columns.length - 1] ?? 0;
        break;
      }
      tokenStart = false;
    }
  }
  return undefined;
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
