// config/limits.ts: the nesting pre-scan counts what a YAML or JSON parser would nest, skips what
// it would not (quoted and block scalars, comments), and stops early on a hostile file.

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { jsonTooDeep, MAX_NESTING, yamlTooDeep } from "../../src/config/limits.js";

/** The real depth of a parsed value (containers only). */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v && typeof v === "object") return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

const blockMaps = (n: number) =>
  Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " leaf\n";

describe("yamlTooDeep", () => {
  it("passes ordinary declarations", () => {
    const text = `version: 1
apps:
  shop: { appId: x, appName: y, source: "+1" }   # a comment with [[[[ and {{{{
templates:
  - name: a
    body: |
      Hi {{1}} [[[[ {{{{ - - - - :
        deeper lines of a block scalar
          are content, not nesting
    footer: "quoted [[[[ \\" still quoted"
    note: 'it''s [[[['
    plain: it's [not a flow] {nor this}
    buttons:
      - { type: url, text: "Go", url: "https://x/{{1}}", example: "a" }
    test:
      sections:
        - title: t
          productRetailerIds: [a, b, [c]]
`;
    expect(yamlTooDeep(text)).toBeUndefined();
    expect(depthOf(parse(text))).toBeLessThan(10);
  });

  it.each([
    ["block mappings", blockMaps(MAX_NESTING + 1)],
    ["flow sequences", `${"[".repeat(MAX_NESTING + 1)}${"]".repeat(MAX_NESTING + 1)}\n`],
    ["flow mappings", `a: ${"{b: ".repeat(MAX_NESTING + 1)}1${"}".repeat(MAX_NESTING + 1)}\n`],
    ["compact sequences", `${"- ".repeat(MAX_NESTING + 1)}x\n`],
    ["flow behind an anchor and a tag", `a: &x !t${"[".repeat(MAX_NESTING + 1)}\n`],
    ["200,000 brackets", `${"[".repeat(200_000)}\n`],
  ])("stops %s past the limit, at the node that crossed it", (_what, text) => {
    const at = yamlTooDeep(text);
    expect(at).toBeDefined();
    expect(at!.line).toBeGreaterThanOrEqual(1);
  });

  it("is never fooled below the real depth by more than half", () => {
    for (let n = 2; n < 40; n += 7) {
      const text = blockMaps(n);
      expect(yamlTooDeep(text, n - 1)).toBeDefined();
      expect(yamlTooDeep(text, n)).toBeUndefined();
      // a sequence at its key's own column (`k:` then `- k:` below it): real depth 2 per step
      const seqs = [
        "k:",
        ...Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- k:`),
        `${"  ".repeat(n)}- x`,
      ];
      const text2 = `${seqs.join("\n")}\n`;
      expect(depthOf(parse(text2))).toBeGreaterThanOrEqual(2 * n);
      expect(yamlTooDeep(text2, n)).toBeDefined();
      expect(yamlTooDeep(text2, n + 2)).toBeUndefined();
    }
  });
});

describe("jsonTooDeep", () => {
  it("counts arrays and objects, not brackets in strings", () => {
    expect(jsonTooDeep('{"a": "[[[[[[", "b": [[1]]}', 3)).toBeUndefined();
    expect(jsonTooDeep('{"a": [[[1]]]}', 3)).toEqual({ line: 1, col: 9 });
    expect(jsonTooDeep(`${"[".repeat(200_000)}`)).toBeDefined();
  });
});
