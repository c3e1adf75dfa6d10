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

/**
 * Recovers the examples from a sample (the text with examples substituted), in variable order.
 * Empty when the sample does not fit the text.
 *
 * The answer is the one of the regular expression `^lit₀([\s\S]*?)lit₁…litₙ$` (a repeated variable
 * as a back-reference): the first fit with the shortest values, earlier variables first. It is
 * searched for directly rather than by compiling that expression, which cost more than the rest
 * of reading a template list (one distinct expression per template).
 */
export function extractExamples(text: string, sample: string): string[] {
  const order = variablesOf(text);
  if (!order.length) return [];
  // the text as literal parts around variable slots: lit0 slot0 lit1 slot1 … litN
  const literals: string[] = [];
  const slots: number[] = [];
  const seen: string[] = [];
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    literals.push(text.slice(last, m.index));
    let index = seen.indexOf(m[1]!);
    if (index < 0) index = seen.push(m[1]!) - 1;
    slots.push(index);
    last = m.index + m[0].length;
  }
  literals.push(text.slice(last));
  if (!sample.startsWith(literals[0]!)) return [];
  const values: (string | undefined)[] = new Array(seen.length);

  /** Fits slot `i` and everything after it from `pos`; leaves the values of the first fit. */
  const fits = (i: number, pos: number): boolean => {
    if (i === slots.length) return pos === sample.length;
    const literal = literals[i + 1]!;
    const slot = slots[i]!;
    const earlier = values[slot];
    if (earlier !== undefined) {
      // a repeated variable repeats its value
      const end = pos + earlier.length;
      return (
        sample.startsWith(earlier, pos) &&
        sample.startsWith(literal, end) &&
        fits(i + 1, end + literal.length)
      );
    }
    for (let end = sample.indexOf(literal, pos); end !== -1; end = sample.indexOf(literal, end + 1)) {
      values[slot] = sample.slice(pos, end);
      if (fits(i + 1, end + literal.length)) return true;
      if (end >= sample.length) break;
    }
    values[slot] = undefined;
    return false;
  };
  if (!fits(0, literals[0]!.length)) return [];
  return order.map((name) => values[seen.indexOf(name)] ?? "");
}
