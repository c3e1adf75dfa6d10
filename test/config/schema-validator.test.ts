// src/config/templates-validator.generated.ts is ajv's validator of templates.schema.json, generated ahead of
// time so no run loads ajv or compiles the schema. It must be what the generator writes from the
// schema today, and answer exactly as the validator ajv compiles now: the same verdict and the same
// errors (with the schema parts the hints read), on every example file and on thousands of
// damaged variants of one.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/config/parse.js";
import { schemaValidator } from "../../src/config/schema.js";
import { compileSchemaValidator, standaloneValidatorCode } from "../../src/config/schema-compile.js";

const ROOT = join(import.meta.dirname, "..", "..");
const compiled = compileSchemaValidator();
const generated = schemaValidator();

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : [],
  );
}

const files = [join(ROOT, "templates.yaml"), ...yamlFiles(join(ROOT, "examples"))];

function dataOf(file: string): unknown {
  return parseYaml(file, readFileSync(file, "utf8")).data;
}

/** Both validators' verdict and errors on the same data. */
function both(data: unknown) {
  const a = compiled(data);
  const b = generated(data);
  return {
    compiled: { valid: a, errors: compiled.errors ?? null },
    generated: { valid: b, errors: generated.errors ?? null },
  };
}

describe("the generated schema validator", () => {
  it("is what `npm run schema:validator` writes from the schema (regenerate it after changing the schema)", () => {
    expect(readFileSync(join(ROOT, "src", "config", "templates-validator.generated.ts"), "utf8")).toBe(
      standaloneValidatorCode(),
    );
  });

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))(
    "answers as ajv's compiled validator on %s",
    (_name, file) => {
      const data = dataOf(file);
      if (data === undefined) return; // a file that does not parse never meets the schema
      const r = both(data);
      expect(r.generated).toEqual(r.compiled);
    },
  );

  it("answers as ajv's compiled validator on damaged variants of templates.yaml", () => {
    const base = dataOf(join(ROOT, "templates.yaml"));
    const value = fc.oneof(
      fc.constantFrom(null, true, 0, -1, 1.5, "", "x", "MARKETING", "lto", "image", "url", [], {}),
      fc.string({ maxLength: 30 }),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("type", "text", "url", "example", "bogus"), fc.string({ maxLength: 5 })),
    );
    const edit = fc.record({
      at: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
      key: fc.constantFrom(
        "type",
        "text",
        "fotter",
        "body",
        "kind",
        "name",
        "app",
        "buttons",
        "header",
        "test",
      ),
      value,
      remove: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const data = structuredClone(base) as Record<string, unknown>;
        for (const e of edits) damage(data, e.at, e.key, e.value, e.remove);
        const r = both(data);
        expect(r.generated).toEqual(r.compiled);
      }),
      { numRuns: 1500 },
    );
  });
});

/** Walks down `at` (indexes into each level's keys or items), then sets or removes `key` there. */
function damage(node: unknown, at: number[], key: string, value: unknown, remove: boolean): void {
  let here = node;
  for (const step of at) {
    const next = Array.isArray(here)
      ? here[step % Math.max(here.length, 1)]
      : here && typeof here === "object"
        ? Object.values(here)[step % Math.max(Object.keys(here).length, 1)]
        : undefined;
    if (!next || typeof next !== "object") break;
    here = next;
  }
  if (Array.isArray(here)) {
    if (remove) here.pop();
    else here.push(value);
  } else if (here && typeof here === "object") {
    const record = here as Record<string, unknown>;
    if (remove) delete record[key];
    else record[key] = value;
  }
}
