// The small value parsers behind the loader: placeholders, absolute times, lengths (durations and
// phone numbers: test/model/).

import { describe, expect, it } from "vitest";
import { parseAbsoluteTime } from "../../src/config/absolute-time.js";
import { scanPlaceholders, variableCount } from "../../src/config/placeholders.js";
import { codePointLength } from "../../src/config/text.js";

describe("placeholders", () => {
  it("classifies positional, named and malformed placeholders", () => {
    const kinds = scanPlaceholders("Hi {{1}} {{name}} {{ 2 }} {{#3}} {{}} }} {{4").map((p) => p.kind);
    expect(kinds).toEqual([
      "positional",
      "named",
      "malformed",
      "malformed",
      "malformed",
      "malformed",
      "malformed",
    ]);
  });

  it("counts the values a text needs", () => {
    expect(variableCount("Hi {{1}}, {{2}} and {{1}} again")).toBe(2);
    expect(variableCount("No variables")).toBe(0);
  });
});

describe("absolute times", () => {
  it("requires a timezone on absolute times", () => {
    expect(parseAbsoluteTime("2030-01-31T23:59:59Z")).toEqual({
      ok: true,
      epochMs: Date.UTC(2030, 0, 31, 23, 59, 59),
    });
    expect(parseAbsoluteTime("2030-01-31T23:59:59")).toMatchObject({ ok: false });
    expect(parseAbsoluteTime(1_900_000_000_000)).toEqual({ ok: true, epochMs: 1_900_000_000_000 });
  });
});

describe("lengths", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codePointLength("🎉🎉")).toBe(2);
    expect("🎉🎉".length).toBe(4);
  });
});
