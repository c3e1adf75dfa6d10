// stableJson is hashed into every plan's remote fingerprint and declaration digest, so its text is
// pinned: keys sorted by UTF-16 code units, `undefined` dropped from objects and written as null in
// lists. It is made by JSON.stringify over a key-sorted copy; these tests hold that to the
// definition, written here piece by piece, on values full of the cases where the engine orders
// keys itself (integer-like keys, `__proto__`) or writes values differently (functions, symbols).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stableJson } from "../../src/model/plain.js";

/** The definition: what stableJson has always written. */
function byDefinition(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? "null" : byDefinition(v))).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const parts = keys
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${byDefinition(record[k])}`);
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const key = fc.oneof(
  fc.constantFrom("a", "b", "type", "example", "0", "1", "10", "9", "-1", "1.5", "__proto__", "", "é", "Z"),
  fc.string({ maxLength: 4 }),
);
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol("s")),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, tie("list"), tie("record")),
  list: fc.array(tie("node"), { maxLength: 4 }),
  // built with defineProperty so that `__proto__` is an own key, as JSON.parse makes it
  record: fc.array(fc.tuple(key, tie("node")), { maxLength: 5 }).map((entries) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of entries)
      Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    return o;
  }),
}));

describe("stableJson", () => {
  it("writes what the definition writes, whatever the keys and values", () => {
    fc.assert(
      fc.property(value.node, (v) => {
        expect(stableJson(v)).toBe(byDefinition(v));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    [
      "keys out of order",
      { type: "url", text: "Shop", example: "x" },
      '{"example":"x","text":"Shop","type":"url"}',
    ],
    ["integer-like keys, by code unit", { "9": 1, "10": 2, a: 3 }, '{"10":2,"9":1,"a":3}'],
    ["undefined in an object and a list", { a: undefined, b: [undefined, 1] }, '{"b":[null,1]}'],
    ["a function property, as null", { f: () => 1 }, '{"f":null}'],
    ["nothing", undefined, "null"],
  ])("%s", (_what, input, text) => {
    expect(stableJson(input)).toBe(text);
  });

  it("keeps an own __proto__ key", () => {
    const parsed: unknown = JSON.parse('{"z":1,"__proto__":{"a":2}}');
    expect(stableJson(parsed)).toBe('{"__proto__":{"a":2},"z":1}');
  });
});
