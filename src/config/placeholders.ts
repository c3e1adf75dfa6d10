// Finds the `{{…}}` placeholders of a template text. Meta's review rejects malformed ones, so the
// scanner classifies every `{{` it meets instead of matching only the good cases.

export type Placeholder =
  | { kind: "positional"; index: number; raw: string; offset: number }
  | { kind: "named"; name: string; raw: string; offset: number }
  | { kind: "malformed"; raw: string; offset: number; reason: string };

const POSITIONAL = /^\d+$/;
const NAMED = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The lint rules and the builder scan the same few texts of a template many times over (each rule
 * asks again): the last results are kept, frozen, since every caller only reads them.
 */
const RECENT = 8;
const recentTexts: string[] = [];
const recentResults: Placeholder[][] = [];
let nextSlot = 0;

export function scanPlaceholders(text: string): Placeholder[] {
  const hit = recentTexts.indexOf(text);
  if (hit !== -1) return recentResults[hit]!;
  const found = Object.freeze(scan(text)) as Placeholder[];
  recentTexts[nextSlot] = text;
  recentResults[nextSlot] = found;
  nextSlot = (nextSlot + 1) % RECENT;
  return found;
}

function scan(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    const strayClose = text.indexOf("}}", i);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      found.push({
        kind: "malformed",
        raw: "}}",
        offset: strayClose,
        reason: "`}}` without a matching `{{`",
      });
      i = strayClose + 2;
      continue;
    }
    if (open === -1) break;
    const close = text.indexOf("}}", open + 2);
    if (close === -1) {
      found.push({
        kind: "malformed",
        raw: text.slice(open, open + 12),
        offset: open,
        reason: "`{{` is never closed",
      });
      break;
    }
    const inner = text.slice(open + 2, close);
    const raw = text.slice(open, close + 2);
    found.push(classify(inner, raw, open));
    i = close + 2;
    // `{{1}}}` leaves a stray brace that Meta reads as part of a broken placeholder
    if (text[i] === "}") {
      found.push({ kind: "malformed", raw: `${raw}}`, offset: open, reason: "unbalanced braces" });
      i++;
    }
  }
  return found;
}

function classify(inner: string, raw: string, offset: number): Placeholder {
  if (POSITIONAL.test(inner)) return { kind: "positional", index: Number(inner), raw, offset };
  if (NAMED.test(inner)) return { kind: "named", name: inner, raw, offset };
  let reason = "not a variable";
  if (inner === "") reason = "empty placeholder";
  else if (inner.includes("{")) reason = "unbalanced braces";
  else if (/[#$%]/.test(inner)) reason = "`#`, `$` and `%` are not allowed inside a placeholder";
  else if (/\s/.test(inner)) reason = "no spaces inside a placeholder: write {{1}}";
  return { kind: "malformed", raw, offset, reason };
}

/** The positional indexes used in a text, in order of appearance (repeats included). */
export function positionalIndexes(text: string): number[] {
  const out: number[] = [];
  for (const p of scanPlaceholders(text)) if (p.kind === "positional") out.push(p.index);
  return out;
}

/** How many values a text needs: its highest positional index (0 when none). */
export function variableCount(text: string): number {
  let max = 0;
  for (const n of positionalIndexes(text)) if (n > max) max = n;
  return max;
}
