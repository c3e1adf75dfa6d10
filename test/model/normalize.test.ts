// normalizeText returns clean text as it is without splitting it into lines (a fast path taken for
// most bodies, on both sides of every plan). It must give exactly what the full steps give.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/model/normalize.js";

function byAllSteps(text: string): string {
  const lines = text.normalize("NFC").replace(/\r\n?/g, "\n").split("\n");
  const trimmed = lines.map((line) => line.replace(/\s+$/u, ""));
  let start = 0;
  let end = trimmed.length;
  while (start < end && trimmed[start] === "") start++;
  while (end > start && trimmed[end - 1] === "") end--;
  return trimmed.slice(start, end).join("\n");
}

const piece = fc.constantFrom(
  "a",
  "Hi {{1}}",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\r",
  "\t",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "e\u0301",
  "é",
  "x",
);

describe("normalizeText", () => {
  it("gives what splitting, trimming and joining give, on texts full of whitespace corner cases", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(normalizeText(text)).toBe(byAllSteps(text));
      }),
      { numRuns: 5000, seed: 6 },
    );
  });

  it("returns a clean text unchanged and trims a dirty one", () => {
    expect(normalizeText("Hi {{1}},\n  indented line\nbye")).toBe("Hi {{1}},\n  indented line\nbye");
    expect(normalizeText("\n\nHi  \r\nthere\t\n\n")).toBe("Hi\nthere");
    expect(normalizeText("e\u0301")).toBe("é");
  });
});
