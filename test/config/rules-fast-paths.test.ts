// The lint rules run on every template of every plan and validate, so a few are written for speed
// (early exits, no per-word arrays, no string iterator). Each must say exactly what the plain
// version says; these properties hold them to it on texts full of the corner cases: placeholders
// good and broken, Unicode spaces, letters and digits outside ASCII, surrogate pairs, lone halves.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanPlaceholders } from "../../src/config/placeholders.js";
import { TEMPLATE_RULES } from "../../src/config/rules/index.js";
import { codePointLength } from "../../src/config/text.js";
import type { DesiredTemplate } from "../../src/model/template.js";

const piece = fc.constantFrom(
  "a",
  "Hi",
  "7",
  "é",
  "日本",
  "\u{1d400}", // MATHEMATICAL BOLD CAPITAL A: a letter outside the BMP
  "\u{1f389}", // an emoji: no letter
  "\ud800", // a lone high surrogate
  "\udc00",
  " ",
  "\n",
  "\t",
  "\u00a0",
  "\u2003",
  "\u3000",
  "\ufeff",
  "-",
  "!",
  ",",
  "{{1}}",
  "{{2}}",
  "{{3}}",
  "{{",
  "}}",
  "{",
  "}",
  "{{ 1 }}",
  "{{name}}",
);
const text = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(""));

function rule(id: string) {
  const found = TEMPLATE_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** VAR-006 as first written: replace the placeholders, split at white space, keep words with a letter or digit. */
function var006ByDefinition(body: string): string[] {
  const k = new Set(scanPlaceholders(body).flatMap((p) => (p.kind === "positional" ? [p.index] : []))).size;
  if (k === 0) return [];
  const fixed = body.replace(/\{\{[^}]*\}\}/g, " ");
  const words = fixed.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return words < k ? [`${k}:${words}`] : [];
}

describe("rules written for speed", () => {
  it("VAR-006 counts fixed words as splitting the text would", () => {
    const check = rule("VAR-006").check;
    const ctx = { now: 0, apps: new Map() };
    fc.assert(
      fc.property(text, (body) => {
        const findings = check({ body } as DesiredTemplate, ctx);
        const expected = var006ByDefinition(body);
        expect(findings.length).toBe(expected.length);
        if (expected.length) {
          const [k, words] = expected[0]!.split(":");
          expect(findings[0]!.message).toContain(`${k} variable`);
          expect(findings[0]!.message).toContain(`only ${words} fixed word`);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("codePointLength counts what iterating the string counts", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(codePointLength(s)).toBe([...s].length);
      }),
      { numRuns: 5000 },
    );
  });
});
