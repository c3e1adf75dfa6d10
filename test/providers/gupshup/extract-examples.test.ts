// extractExamples finds its answer without compiling a regular expression per template (that was
// the main cost of reading a large template list). It must still give exactly the answer of the
// expression it replaces, kept here as the reference.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractExamples, substitute, variablesOf } from "../../../src/providers/gupshup/text.js";

const VARIABLE = /\{\{\s*([^{}]+?)\s*\}\}/g;

function byRegExp(text: string, sample: string): string[] {
  const order = variablesOf(text);
  if (!order.length) return [];
  const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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

// few distinct characters, so that literals recur inside values and fits are ambiguous
const piece = fc.constantFrom(
  "a",
  "b",
  " ",
  ",",
  "ab",
  "{{1}}",
  "{{2}}",
  "{{ 1 }}",
  "{{x}}",
  "{{1}}{{2}}",
  "\n",
);
const text = fc.array(piece, { minLength: 0, maxLength: 8 }).map((p) => p.join(""));
const value = fc.array(fc.constantFrom("a", "b", " ", ",", ""), { maxLength: 4 }).map((p) => p.join(""));

describe("extractExamples", () => {
  it("gives the answer of the regular expression on ambiguous texts and samples", () => {
    fc.assert(
      fc.property(text, fc.array(value, { maxLength: 3 }), text, (body, examples, other) => {
        const sample = substitute(body, examples);
        expect(extractExamples(body, sample)).toEqual(byRegExp(body, sample));
        expect(extractExamples(body, other)).toEqual(byRegExp(body, other));
      }),
      { numRuns: 3000, seed: 6 },
    );
  });

  it("reads a repeated variable's value once and checks the repeat", () => {
    expect(extractExamples("{{1}} and {{1}}", "x and x")).toEqual(["x"]);
    expect(extractExamples("{{1}} and {{1}}", "x and y")).toEqual([]);
    expect(extractExamples("{{1}}{{2}}", "abc")).toEqual(["", "abc"]);
  });
});
