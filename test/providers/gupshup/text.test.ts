import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractExamples, substitute, variablesOf } from "../../../src/providers/gupshup/text.js";

describe("variables", () => {
  it("orders positional variables by number and named ones by first appearance", () => {
    expect(variablesOf("{{2}} then {{1}} and {{2}}")).toEqual(["1", "2"]);
    expect(variablesOf("{{name}} ordered {{ item }}")).toEqual(["name", "item"]);
  });

  it("substitutes examples in variable order, repeated variables included", () => {
    expect(substitute("{{2}}-{{1}}-{{2}}", ["a", "b"])).toBe("b-a-b");
    expect(substitute("Hi {{1}} {{2}}", ["Ann"])).toBe("Hi Ann {{2}}");
  });

  it("recovers examples from a sample, and nothing from a sample that does not fit", () => {
    expect(extractExamples("Hi {{1}}, order {{2}} shipped", "Hi Ana, order A-7 shipped")).toEqual([
      "Ana",
      "A-7",
    ]);
    expect(extractExamples("{{2}} before {{1}}", "B before A")).toEqual(["A", "B"]);
    expect(extractExamples("Hi {{1}}.", "Hello Ana.")).toEqual([]);
    expect(extractExamples("No variables", "No variables")).toEqual([]);
  });

  it("extract inverts substitute for examples made of words", () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (examples) => {
        const body = examples.map((_, i) => `part ${i}: {{${i + 1}}};`).join(" ");
        expect(extractExamples(body, substitute(body, examples))).toEqual(examples);
      }),
    );
  });
});
