// docs/rules.md is generated from the rules' metadata and kept in step with the code: the page is
// what the generator writes today, every code the code can report is on it, and every YAML
// example on it really raises its code.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ruleCatalog } from "../../src/config/catalog.js";
import { loadDeclaration } from "../../src/config/load.js";
import { PLAN_CODES } from "../../src/plan/codes.js";
import { renderRulesDoc } from "../../src/render/rules-doc.js";

const ROOT = join(import.meta.dirname, "..", "..");
const documented = [...ruleCatalog().values(), ...PLAN_CODES];
const NOW = Date.parse("2025-06-01T12:00:00Z");

/** Where diagnostics are made; providers/ and sandbox/ hold the remote APIs' own error codes. */
const EMITTERS = ["config", "plan", "apply", "verify", "render", "cli"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("docs/rules.md", () => {
  it("is what `npm run docs:rules` writes from the code (regenerate it after changing a rule)", () => {
    expect(readFileSync(join(ROOT, "docs", "rules.md"), "utf8")).toBe(renderRulesDoc());
  });

  it("lists every code the code can report, once", () => {
    const ids = new Set<string>();
    for (const file of EMITTERS.flatMap((d) => sources(join(ROOT, "src", d)))) {
      for (const m of readFileSync(file, "utf8").matchAll(
        /["'`]((?:[A-Z]{2,6}-(?:\d{3}|[A-Z]{3,}))|SCHEMA)["'`]/g,
      ))
        ids.add(m[1]!);
    }
    expect(ids.size).toBeGreaterThan(90);
    const listed = documented.map((r) => r.id);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...ids].filter((id) => !listed.includes(id)).sort()).toEqual([]);
    expect(listed.filter((id) => !ids.has(id)).sort()).toEqual([]);
  });

  it("says why each rule exists and gives something that breaks it", () => {
    for (const r of documented) {
      expect(r.why.length, r.id).toBeGreaterThan(20);
      expect(r.example.length, r.id).toBeGreaterThan(10);
    }
  });
});

describe("the YAML examples of docs/rules.md", () => {
  const dir = mkdtempSync(join(tmpdir(), "waform-rules-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const BASE = [
    "version: 1",
    "apps:",
    '  shop: { appId: a41b30f4-d202-4fdb-911e-3a8fbfbfb797, appName: shopapp, source: "+918929874278" }',
    "defaults: { app: shop, language: en_US, category: MARKETING, vertical: promotions }",
    "templates:",
  ].join("\n");
  const yamlExamples = documented.filter((r) => /^(- name:|version: 1)/.test(r.example));

  it("are most of them", () => {
    expect(yamlExamples.length).toBeGreaterThan(60);
  });

  it.each(yamlExamples.map((r) => [r.id, r] as const))("%s: the example raises it", async (id, r) => {
    const text = r.example.startsWith("version: 1")
      ? r.example
      : `${BASE}\n${r.example.replace(/^/gm, "  ")}\n`;
    const file = join(dir, `${id}.yaml`);
    writeFileSync(file, text);
    const { diagnostics } = await loadDeclaration([file], { now: NOW });
    expect(
      diagnostics.map((d) => d.code),
      `${relative(ROOT, file)}:\n${text}\n${diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`,
    ).toContain(id);
  });
});
