// Template variables: `{{1}}` or `{{name}}`, and the examples substituted into them. (Whitespace
// and Unicode normalisation is model/normalize.ts, shared with config/.)

const VARIABLE = /\{\{\s*([^{}]+?)\s*\}\}/g;

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
