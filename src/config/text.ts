// Lengths are counted in Unicode code points, as Meta counts characters (an emoji is one
// character, not two UTF-16 units).

export function codePointLength(text: string): number {
  // UTF-16 units less one per surrogate pair, as iterating the string counts (a lone surrogate is
  // one): the rules measure every text of every template, and the string iterator is slow
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
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
