// The words of an answer that is not JSON: plain text as it is, an HTML page (a proxy's, a
// gateway's) by its title or first heading, else its text without tags. Cut short: pages are long
// and say little.

const MAX_WORDS = 200;

export function plainWords(text: string): string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (!/^<|<\/[a-z][\w-]*>/i.test(t)) return t.slice(0, MAX_WORDS);
  const heading =
    /<title[^>]*>([\s\S]*?)<\/title>/i.exec(t)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(t)?.[1];
  const words = (heading ?? t.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " "))
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return words ? words.slice(0, MAX_WORDS) : undefined;
}
