// Template variables: `{{1}}`, `{{2}}` (positional) or `{{first_name}}` (named).

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Distinct variable names of a text, positional ones in numeric order, named ones in order of appearance. */
export function variableNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(VARIABLE)) {
    const name = m[1]!;
    if (!names.includes(name)) names.push(name);
  }
  if (names.every(isPositional)) names.sort((a, b) => Number(a) - Number(b));
  return names;
}

export function isPositional(name: string): boolean {
  return /^\d+$/.test(name);
}

export function hasVariable(text: string): boolean {
  return variableNames(text).length > 0;
}

/** The text with every variable replaced by `value` (used to measure a URL with its suffix). */
export function substitute(text: string, value: string): string {
  return text.replace(VARIABLE, value);
}
