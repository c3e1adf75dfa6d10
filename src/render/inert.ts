// Other people's text is data. A template body comes from a pull-request author, a rejection reason
// from the API; neither may steer the terminal, the CI log or the Markdown page it is shown in.
// Every renderer passes such text through one of these before it is written.

/**
 * Characters that act on a terminal or on the direction of text rather than being shown: C0
 * controls but tab and newline, DEL, C1 controls (ESC's 8-bit twins among them), the bidi
 * embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators.
 */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Text for a terminal or a log: active characters become visible `\uXXXX` escapes; newlines and tabs
 * stay, since bodies are multi-line. A backslash is left alone: the escapes are for reading, not for
 * parsing back.
 */
export function inertText(text: string): string {
  return text.replace(ACTIVE, escapeChar);
}

/** One-line text for a terminal (a label, a reason): also newlines and tabs become escapes. */
export function inertLine(text: string): string {
  return inertText(text).replace(/[\n\t]/g, escapeChar);
}

/** Whether a text holds anything `inertText` would escape. */
export function hasActiveCharacters(text: string): boolean {
  ACTIVE.lastIndex = 0;
  const found = ACTIVE.test(text);
  ACTIVE.lastIndex = 0;
  return found;
}
