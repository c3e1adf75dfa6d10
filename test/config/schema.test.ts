// schemas/templates.schema.json: a valid draft-07 schema (checked here, so the CLI can skip that at
// start-up), documented on every property, with the enums the model defines.

import ajvModule from "ajv";
import { describe, expect, it } from "vitest";
import { readSchema } from "../../src/config/schema.js";
import {
  BUTTON_TYPES,
  CATEGORIES,
  CHANNEL_NAMES,
  HEADER_TYPES,
  TEMPLATE_KINDS,
} from "../../src/model/template.js";

const schema = readSchema();

/** Every schema object that describes a property (values of `properties`, plus definitions). */
function propertySchemas(node: unknown, path: string, out: [string, Record<string, unknown>][]): void {
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  for (const [name, child] of Object.entries((obj["properties"] as object | undefined) ?? {})) {
    out.push([`${path}.${name}`, child as Record<string, unknown>]);
    propertySchemas(child, `${path}.${name}`, out);
  }
  for (const key of ["items", "additionalProperties"] as const) {
    if (obj[key] && typeof obj[key] === "object") propertySchemas(obj[key], `${path}[]`, out);
  }
  for (const branch of (obj["oneOf"] as unknown[] | undefined) ?? []) propertySchemas(branch, path, out);
}

describe("templates.schema.json", () => {
  it("is a valid draft-07 schema that ajv compiles in strict mode", () => {
    const ajv = new ajvModule.default({
      allErrors: true,
      discriminator: true,
      allowUnionTypes: true,
      strict: true,
    });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it("describes every property", () => {
    const props: [string, Record<string, unknown>][] = [];
    propertySchemas(schema, "$", props);
    for (const [name, def] of Object.values(
      (schema["definitions"] as Record<string, object>) ?? {},
    ).entries()) {
      propertySchemas(def, `#/definitions/${name}`, props);
    }
    expect(props.length).toBeGreaterThan(60);
    const undocumented = props.filter(([, s]) => typeof s["description"] !== "string").map(([p]) => p);
    expect(undocumented).toEqual([]);
  });

  it("uses the model's enums", () => {
    const defs = schema["definitions"] as Record<string, Record<string, unknown>>;
    const def = (name: string) => defs[name] ?? {};
    const consts = (name: string) =>
      (def(name)["oneOf"] as { properties: { type: { const: string } } }[]).map(
        (b) => b.properties.type.const,
      );
    const templateProps = def("template")["properties"] as Record<string, { enum: string[] }>;
    expect(def("category")["enum"]).toEqual([...CATEGORIES]);
    expect(def("channel")["enum"]).toEqual([...CHANNEL_NAMES]);
    expect(templateProps["kind"]?.enum).toEqual([...TEMPLATE_KINDS]);
    expect(consts("button")).toEqual([...BUTTON_TYPES]);
    expect(consts("header")).toEqual([...HEADER_TYPES]);
  });
});
