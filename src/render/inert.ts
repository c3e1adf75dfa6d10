// Other people's text is data. A template body comes from a pull-request author, a rejection reason
// from the API, a file name from whoever named the file; none of them may steer the terminal, the
// CI log or the Markdown page it is shown in. Every renderer passes such text through one of these
// before it is written: this file is the one place that knows what "inert" means for each medium.
//
// - terminal and log text: `inertText` (multi-line) and `inertLine` (one line);
// - JSON documents: `inertJson` (same data, only spelled with escapes);
// - Markdown: `mdText` (prose), `mdCode` (inline code), `mdFence` (code block), `mdHtml` (inside
//   an HTML element), `mdCell` (a table cell);
// - CI logs: `neutraliseWorkflowCommands`, applied once at the output boundary (cli/output.ts).

/**
 * Characters that act on a terminal or on the direction of text rather than being shown: C0
 * controls but tab and newline, DEL, C1 controls (ESC's 8-bit twins among them), the bidi
 * embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators.
 */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** The same set, minus C0 (JSON.stringify already escapes C0 inside strings). */
const ACTIVE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Text for a terminal or a log: active characters become visible `\uXXXX` escapes; newlines and tabs
 * stay, since bodies are multi-line. A backslash is left alone: the escapes are for reading, not for
 * parsing back. Idempotent: its output holds nothing it would escape.
 */
export function inertText(text: string): string {
  return text.replace(ACTIVE, escapeChar);
}

/** One-line text for a terminal (a label, a reason): also newlines and tabs become escapes. */
export function inertLine(text: string): string {
  return inertText(text).replace(/[\n\t]/g, escapeChar);
}

/**
 * Replaces each run of active characters with `spell(run)`: for media with their own exact escape
 * syntax (a shell command), where a `\uXXXX` would change what the text means.
 */
export function respellActive(text: string, spell: (run: string) => string): string {
  return text.replace(ACTIVE_RUN, spell);
}

const ACTIVE_RUN = new RegExp(`${ACTIVE.source}+`, "g");

/** Whether a text holds anything `inertText` would escape. */
export function hasActiveCharacters(text: string): boolean {
  ACTIVE.lastIndex = 0;
  const found = ACTIVE.test(text);
  ACTIVE.lastIndex = 0;
  return found;
}

/**
 * A JSON document (the output of JSON.stringify) with the active characters JSON leaves raw (C1,
 * DEL, bidi controls, U+2028/U+2029) spelled as `\uXXXX`. Outside strings JSON has no such
 * character, so the result parses to exactly the same value: the data is kept, only its spelling
 * changes.
 */
export function inertJson(json: string): string {
  return json.replace(ACTIVE_IN_JSON, escapeChar);
}

// --- Markdown (GitHub Flavored Markdown: pull-request comments, issues, step summaries) ---

/**
 * The characters that can open emphasis, code, a link or an image, or raw HTML, in the middle of a
 * line (waform never starts a line with other people's text, so `#`, `-`, `+` and `>` at the start
 * of a line need no care).
 */
const MD_PUNCTUATION = /[\\`*_[\]~|<>&]/g;

const MD_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  // an entity, not `\|`: the cell splitter of GFM tables would still see a backslash-escaped pipe
  // as a pipe inside code, but never an entity
  "|": "&#124;",
};

/**
 * Prose in Markdown: one line, inert, with every character that could open emphasis, a link, an
 * image or raw HTML escaped, so the text renders as exactly these characters (in a table cell, wrap
 * it in `mdCell`). A run between two backticks (waform's messages quote commands and values
 * that way) becomes inline code, where nothing renders either. Mentions and bare URLs are still
 * linked by GitHub: text that must not be linked goes through `mdCode` whole.
 */
export function mdText(text: string): string {
  return inertLine(text)
    .split(/(`[^`]+`)/)
    .map((part, i) =>
      i % 2 === 1
        ? mdCode(part.slice(1, -1))
        : part.replace(MD_PUNCTUATION, (c) => MD_ESCAPES[c] ?? `\\${c}`),
    )
    .join("");
}

/**
 * Inline code: one line, inert, between backtick fences longer than any backtick run inside. Nothing
 * renders inside a code span (no HTML, link, image or mention). In a table cell, pass `inTable`:
 * GFM splits cells before it parses code, so a pipe must then be written `\|` even here.
 */
export function mdCode(text: string, inTable = false): string {
  let s = inertLine(text);
  if (inTable) s = s.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  // a space inside the fence when the text starts or ends with a backtick (CommonMark strips one)
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * A fenced code block whose fence is longer than any backtick run inside it, so no line can close
 * it; every line inert (tabs kept).
 */
export function mdFence(lang: string, lines: readonly string[]): string {
  const safe = lines.map((l) => inertText(l).replace(/\n/g, "\\u000a"));
  const longest = Math.max(0, ...safe.flatMap((l) => l.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${lang}`, ...safe, fence].join("\n");
}

/** Text inside an HTML element of a Markdown page (`<summary>`, `<code>`): one line, inert, escaped. */
export function mdHtml(text: string): string {
  return inertLine(text).replace(/[&<>"]/g, (c) => MD_ESCAPES[c]!);
}

/**
 * A table cell from already-safe Markdown (`mdText`, `mdCode(…, true)` and waform's own words): one
 * line, and any pipe left in it escaped.
 */
export function mdCell(markdown: string): string {
  return markdown.replace(/\r?\n/g, " ").replace(/(?<!\\)\|/g, "\\|");
}

// --- CI logs ---

/**
 * A line the GitHub Actions runner would take as a workflow command: `::name …::` or the older
 * `##[name]`, after any leading whitespace (the runner trims it).
 */
const WORKFLOW_COMMAND = /^(\s*)(::|##\[)/gm;

/**
 * Neutralises every line that the GitHub Actions runner would execute as a workflow command, by
 * escaping its first character (`::error` → `\u003a:error`): the line is still readable in the
 * log, and nothing in it can add an annotation, mask a value or stop command processing.
 */
export function neutraliseWorkflowCommands(text: string): string {
  return text.replace(
    WORKFLOW_COMMAND,
    (_m, space: string, start: string) => `${space}${escapeChar(start[0]!)}${start.slice(1)}`,
  );
}

/** Whether a text holds a line the runner would execute as a workflow command. */
export function hasWorkflowCommand(text: string): boolean {
  WORKFLOW_COMMAND.lastIndex = 0;
  const found = WORKFLOW_COMMAND.test(text);
  WORKFLOW_COMMAND.lastIndex = 0;
  return found;
}
