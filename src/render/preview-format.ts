// Text for the HTML preview: every piece of other people's text is HTML-escaped, then the template's
// own WhatsApp formatting (*bold*, _italic_, ~strike~, ```monospace```) is drawn, and the variables
// are filled with their examples, marked so a reviewer sees which words are data.

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Variables are swapped for private-use markers before formatting, so formatting never looks
// inside an example value and a value never closes a tag it did not open.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARKERS = /[\uE000\uE001]/g;

/** The four WhatsApp styles, in the order WhatsApp applies them: monospace first (it is literal). */
function styles(escaped: string): string {
  const chunks = escaped.split(/```([\s\S]*?)```/);
  return chunks
    .map((chunk, i) => {
      if (i % 2 === 1) return `<code>${chunk}</code>`;
      return chunk
        .replace(/(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, "$1<strong>$2</strong>")
        .replace(/(^|[^\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])/g, "$1<em>$2</em>")
        .replace(/(^|[^\w~])~(?=[^\s~])([^~\n]*?[^\s~])~(?![\w~])/g, "$1<s>$2</s>");
    })
    .join("");
}

/**
 * A template text (body, header) as HTML: `{{n}}` filled with `values[n-1]` (or left as `{{n}}`
 * when there is no example), WhatsApp formatting drawn, line breaks kept by the CSS.
 */
export function formattedText(text: string, values: readonly string[]): string {
  const marked = text
    .replace(MARKERS, "")
    .replace(/\{\{\s*(\d+)\s*\}\}/g, (_, n: string) => `${OPEN}${n}${CLOSE}`);
  return styles(escapeHtml(marked)).replace(/\uE000(\d+)\uE001/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    return value === undefined || value === ""
      ? `<span class="var missing">{{${n}}}</span>`
      : `<span class="var">${escapeHtml(value)}</span>`;
  });
}

/** The value of a text header's `{{1}}`, from the header text and its substituted example. */
export function headerVariableValue(text: string, example: string | undefined): string | undefined {
  if (example === undefined) return undefined;
  const at = text.indexOf("{{1}}");
  if (at < 0) return undefined;
  const prefix = text.slice(0, at);
  const suffix = text.slice(at + "{{1}}".length);
  if (!example.startsWith(prefix) || !example.endsWith(suffix)) return example;
  return example.slice(prefix.length, example.length - suffix.length);
}

/** Right-to-left scripts, by the language part of a code (`ar`, `he_IL`, `fa`, `ur`, …). */
const RTL = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "ug", "ur", "yi"]);

export function directionOf(language: string): "rtl" | "ltr" {
  return RTL.has(language.toLowerCase().split(/[_-]/)[0] ?? "") ? "rtl" : "ltr";
}

/** A link target a reviewer may open: http(s) only (never `javascript:` or `data:`). */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The last path segment of a URL, for a media caption (`summer-sale.png`). */
export function fileNameOf(url: string): string {
  try {
    const name = new URL(url).pathname.split("/").filter(Boolean).pop();
    return name ? decodeURIComponent(name) : url;
  } catch {
    return url;
  }
}
