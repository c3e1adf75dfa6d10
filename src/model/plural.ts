// The one way waform counts things in prose: `1 app`, `2 apps`, `0 warnings`. Every message that
// puts a number before a noun goes through here, so no output says "1 warnings".

/** The noun for `n` things: `word` for one, `many` (default `word` + "s") otherwise. */
export function noun(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/** `1 error`, `2 errors`, `1 entry` / `3 entries` (with `many`). */
export function plural(n: number, word: string, many?: string): string {
  return `${n} ${noun(n, word, many)}`;
}
