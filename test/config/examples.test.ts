// The shipped configuration must be what we say it is: the root templates.yaml and every
// examples/*.yaml are valid (warnings allowed), and each file in examples/invalid/ fails.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDeclaration } from "../../src/config/load.js";

const ROOT = join(import.meta.dirname, "..", "..");
const now = Date.now();
const yamlIn = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`);

const errorsOf = async (paths: string[]) =>
  (await loadDeclaration(paths, { now, cwd: ROOT })).diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`);

describe("shipped examples", () => {
  it("templates.yaml is valid and covers every kind, three apps and a utility template", async () => {
    const { declaration, diagnostics } = await loadDeclaration(["templates.yaml"], { now, cwd: ROOT });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(declaration.apps).toHaveLength(3);
    const kinds = new Set(declaration.templates.map((t) => t.kind));
    expect([...kinds].sort()).toEqual(["catalog", "lto", "multi_product", "single_product", "standard"]);
    const ltos = declaration.templates.filter((t) => t.kind === "lto");
    expect(ltos.some((t) => t.lto?.hasExpiration && t.test?.expiry)).toBe(true);
    expect(ltos.some((t) => t.lto?.hasExpiration === false)).toBe(true);
    expect(declaration.templates.some((t) => t.category === "UTILITY")).toBe(true);
  });

  it.each([...yamlIn("examples"), "examples/split"])("%s is valid", async (path) => {
    expect(await errorsOf([path])).toEqual([]);
  });

  it.each(yamlIn("examples/invalid"))("%s is invalid", async (path) => {
    expect(await errorsOf([path])).not.toEqual([]);
  });
});
