// Text normalisation and template variables. The remote side is normalised exactly like the
// declaration (see TemplateContent in model/template.ts) so that only real differences show up in
// a plan.

const VARIABLE = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** NFC; `\n` line endings; trailing whitespace of every line and leading/trailing blank lines removed. */
export function normalizeBlock(text: string): string {
  const lines = text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/\s+$/u, ""));
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}

export function normalizeLine(text: string): string {
  return text.normalize("NFC");
}

/**
 * The distinct variables of a text in example order: positional ones (`{{1}}`, `{{2}}`) by number,
 * named ones by first appearance.
 */
export function variablesOf(text: string): string[] {
  const names = [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];
  return names.every((n) => /^\d+$/.test(n)) ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

/** The text with each variable replaced by its example (variables without one are left as they are). */
export function substitute(text: string, examples: readonly string[]): string {
  const order = variablesOf(text);
  return text.replace(VARIABLE, (whole, name: string) => examples[order.indexOf(name)] ?? whole);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Recovers the examples from a sample (the text with examples substituted), in variable order.
 * Empty when the sample does not fit the text.
 */
export function extractExamples(text: string, sample: string): string[] {
  const order = variablesOf(text);
  if (!order.length) return [];
  const seen: string[] = [];
  let pattern = "";
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    pattern += escapeRegExp(text.slice(last, m.index));
    const index = seen.indexOf(m[1]!);
    if (index >= 0) pattern += `\\${index + 1}`;
    else {
      seen.push(m[1]!);
      pattern += "([\\s\\S]*?)";
    }
    last = m.index + m[0].length;
  }
  pattern += escapeRegExp(text.slice(last));
  const match = new RegExp(`^${pattern}$`).exec(sample);
  if (!match) return [];
  return order.map((name) => match[seen.indexOf(name) + 1] ?? "");
}
