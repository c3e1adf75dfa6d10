// renderDeclarationYaml writes waform's own format: loading what it writes gives back the same
// declaration (positions aside), for the shipped examples and for generated declarations.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadDeclaration } from "../../src/config/load.js";
import { renderDeclarationYaml, renderImportYaml, SCHEMA_MODELINE } from "../../src/config/write.js";
import type { Declaration } from "../../src/model/app.js";
import type { DesiredTemplate, UnmanageableTemplate } from "../../src/model/template.js";
import { NOW, tempDir } from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dirs = tempDir();
afterAll(() => dirs.cleanup());
let n = 0;

function withoutSource(decl: Declaration) {
  return { apps: decl.apps, templates: decl.templates.map(({ source: _source, ...rest }) => rest) };
}

async function roundTrip(decl: Declaration) {
  const path = dirs.write(`rt-${++n}.yaml`, renderDeclarationYaml(decl));
  return loadDeclaration([path], { now: NOW, cwd: dirs.dir });
}

const SOURCES = [
  "templates.yaml",
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `examples/${f}`),
  "examples/split",
];

describe("renderDeclarationYaml", () => {
  it.each(SOURCES)("round-trips %s", async (source) => {
    const original = await loadDeclaration([source], { now: NOW, cwd: ROOT });
    expect(original.declaration.templates.length).toBeGreaterThan(0);
    const again = await roundTrip(original.declaration);
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(withoutSource(again.declaration)).toEqual(withoutSource(original.declaration));
  });

  it("starts with the schema modeline and writes no defaults block", () => {
    const yaml = renderDeclarationYaml({ apps: [], templates: [] });
    expect(yaml.startsWith(`${SCHEMA_MODELINE}\nversion: 1\n`)).toBe(true);
    expect(yaml).not.toContain("defaults:");
  });

  it("round-trips generated templates", async () => {
    const app = { alias: "shop", appId: "a1", appName: "shopapp", source: "+918929874278", prune: false };
    const line = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,!?'%₹é-]{0,20}[A-Za-z0-9.!?]$/);
    const template = fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
      body: fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join("\n")),
      footer: fc.option(line, { nil: undefined }),
      quickReplies: fc.array(line, { maxLength: 3 }),
      protect: fc.boolean(),
      expiryMs: fc.option(fc.integer({ min: 1, max: 90 * 86_400_000 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(template, { selector: (t) => t.name, minLength: 1, maxLength: 4 }),
        async (ts) => {
          const templates: DesiredTemplate[] = ts.map((t) => ({
            app: "shop",
            name: t.name,
            language: "en_US",
            category: "MARKETING",
            kind: "standard",
            vertical: "promotions",
            body: t.body,
            bodyExamples: [],
            ...(t.footer === undefined ? {} : { footer: t.footer }),
            buttons: t.quickReplies.map((text) => ({ type: "quick_reply" as const, text })),
            allowCategoryChange: false,
            protect: t.protect,
            ...(t.expiryMs === undefined
              ? {}
              : {
                  test: {
                    destinations: ["+919999900001"],
                    params: [],
                    expiry: { kind: "duration" as const, ms: t.expiryMs },
                  },
                }),
            source: { file: "(generated)", line: 0, col: 0 },
          }));
          const decl = { apps: [app], templates };
          const again = await roundTrip(decl);
          expect(withoutSource(again.declaration)).toEqual(withoutSource(decl));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("renderImportYaml", () => {
  const app = { alias: "shop", appId: "a1", appName: "shopapp", source: "+918929874278", prune: false };
  const picture: DesiredTemplate = {
    app: "shop",
    name: "spring_banner",
    language: "en",
    category: "MARKETING",
    kind: "standard",
    vertical: "offers",
    header: { type: "image", handle: "4::aW1hZ2UvcG5n:ARZ" },
    body: "Spring is here, {{1}}.",
    bodyExamples: ["Ana"],
    buttons: [],
    allowCategoryChange: false,
    protect: false,
    source: { file: "(remote)", line: 0, col: 0 },
  };
  const odd: UnmanageableTemplate = {
    app: "shop",
    name: "legacy_reply",
    language: "en",
    id: "id-1",
    status: "APPROVED",
    unmanageable: { reason: "unknown_category", detail: 'category "AUTO_REPLY"\ninjected: yes' },
    raw: { category: "AUTO_REPLY" },
  };

  it("keeps the sample's handle with a write-only note, and round-trips", async () => {
    const yaml = renderImportYaml({ apps: [app], templates: [picture] }, [], []);
    expect(yaml).toContain("header: { type: image, handle: 4::aW1hZ2UvcG5n:ARZ } # write-only:");
    const path = dirs.write(`import-${++n}.yaml`, yaml);
    const again = await loadDeclaration([path], { now: NOW, cwd: dirs.dir });
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(withoutSource(again.declaration)).toEqual(withoutSource({ apps: [app], templates: [picture] }));
  });

  it("lists what it could not adopt as comments that no remote text can break out of", async () => {
    const skipped = [
      { severity: "warning" as const, code: "REMOTE-001", message: "row 3 has no id\r\nversion: 2" },
    ];
    const yaml = renderImportYaml({ apps: [app], templates: [] }, [odd], skipped);
    expect(yaml).toContain(
      '#   shop/legacy_reply/en (id id-1, APPROVED): unknown_category: category "AUTO_REPLY"\\u000ainjected: yes',
    );
    expect(yaml).toContain("#   row 3 has no id\\u000d\\u000aversion: 2");
    const path = dirs.write(`import-${++n}.yaml`, yaml);
    const again = await loadDeclaration([path], { now: NOW, cwd: dirs.dir });
    expect(again.diagnostics).toEqual([]);
    expect(again.declaration.templates).toEqual([]);
  });
});
