// Lengths are counted in Unicode code points, as Meta counts characters (an emoji is one
// character, not two UTF-16 units).

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A value shortened for a message: never echo a whole body back at the user. */
export function preview(text: string, max = 40): string {
  const chars = [...text];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
  return JSON.stringify(short);
}

export { plural } from "../model/plural.js";

/** `a url button`, `an image header`, `an mpm button`: the article as our type names are read aloud. */
export function withArticle(word: string): string {
  return /^([aeio]|mpm|spm)/i.test(word) ? `an ${word}` : `a ${word}`;
}
