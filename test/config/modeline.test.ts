// `init` and `import` write one `$schema` modeline: relative to the file, to the schema of the
// waform the project installs, so it holds on every clone of the project.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { schemaModeline, withModeline } from "../../src/config/modeline.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "waform-modeline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("schemaModeline", () => {
  it("points at node_modules/waform of the project, from the file's directory", () => {
    const root = project("installed", {
      "package.json": "{}",
      "node_modules/waform/schemas/templates.schema.json": "{}",
    });
    expect(schemaModeline(join(root, "templates.yaml"))).toBe(
      "# yaml-language-server: $schema=./node_modules/waform/schemas/templates.schema.json",
    );
    expect(schemaModeline(join(root, "config", "waform", "templates.yaml"))).toBe(
      "# yaml-language-server: $schema=../../node_modules/waform/schemas/templates.schema.json",
    );
  });

  it("points where `npm install waform` will put it, in a project that has not installed it yet", () => {
    const root = project("not-yet", { "package.json": "{}" });
    expect(schemaModeline(join(root, "sub", "t.yaml"))).toBe(
      "# yaml-language-server: $schema=../node_modules/waform/schemas/templates.schema.json",
    );
  });

  it("points at schemas/ in waform's own repository", () => {
    expect(schemaModeline(join(ROOT, "templates.yaml"))).toBe(
      "# yaml-language-server: $schema=./schemas/templates.schema.json",
    );
  });

  it("replaces the first line when it is a modeline, and adds one otherwise", () => {
    const root = project("replace", { "package.json": "{}" });
    const file = join(root, "t.yaml");
    const line = schemaModeline(file);
    expect(withModeline("# yaml-language-server: $schema=./schemas/x.json\nversion: 1\n", file)).toBe(
      `${line}\nversion: 1\n`,
    );
    expect(withModeline("version: 1\n", file)).toBe(`${line}\nversion: 1\n`);
  });
});
