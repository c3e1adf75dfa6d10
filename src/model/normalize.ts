// Text canonicalisation shared by both sides of the comparison: config/ applies it to what the
// user declared and providers/ to what the remote returns, so that whitespace noise never shows up
// as a change. Documented in docs/configuration.md ("Normalisation").

/**
 * Whether the steps of normalizeText would change the text: it has a CR, white space before a line
 * end or at the very end, or a blank first line (the expression `/\r|\s\n|\s$|^\n/`, checked
 * where it can match rather than tried at every position: this runs on every body of both sides
 * of every plan).
 */
function needsTrimming(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (text.charCodeAt(0) === LF || isSpace(text.charCodeAt(n - 1)) || text.includes("\r")) return true;
  for (let i = text.indexOf("\n", 1); i !== -1; i = text.indexOf("\n", i + 1))
    if (isSpace(text.charCodeAt(i - 1))) return true;
  return false;
}

const LF = 10;
const SPACE = /\s/;

/** `\s`: ASCII white space by code, anything else by the expression itself. */
function isSpace(c: number): boolean {
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(String.fromCharCode(c));
}

/**
 * Multi-line template text (body, footer, text header): NFC, `\n` line endings, trailing
 * whitespace removed from every line, leading and trailing blank lines removed. Leading spaces of a
 * line are kept: indentation inside a message is the author's choice.
 */
export function normalizeText(text: string): string {
  const nfc = text.normalize("NFC");
  // most texts are already clean (no CR, no whitespace before a line end, no blank first or last
  // line): then the steps below would give the text back unchanged
  if (!needsTrimming(nfc)) return nfc;
  const lines = nfc.replace(/\r\n?/g, "\n").split("\n");
  const trimmed = lines.map((line) => line.replace(/\s+$/u, ""));
  let start = 0;
  let end = trimmed.length;
  while (start < end && trimmed[start] === "") start++;
  while (end > start && trimmed[end - 1] === "") end--;
  return trimmed.slice(start, end).join("\n");
}

/** One-line values (labels, examples, URLs, codes): NFC and trimmed at both ends. */
export function normalizeLine(text: string): string {
  return text.normalize("NFC").trim();
}

/** `normalizeText`, with an empty result mapped to `undefined` (absent parts are never ""). */
export function normalizeOptionalText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const out = normalizeText(text);
  return out === "" ? undefined : out;
}
