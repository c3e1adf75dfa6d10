// docs/configuration.md lists every diagnostic code with its severity, and only real codes.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleCatalog } from "../../src/config/catalog.js";

const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", "configuration.md"), "utf8");
const rows = [
  ...doc.matchAll(/^\|\s*([A-Z]+(?:-[A-Z0-9]+)?)\s*\|\s*(error|warning|info)\s*\|\s*(.+?)\s*\|$/gm),
].map((m) => ({
  id: m[1]!,
  severity: m[2]!,
  summary: m[3]!,
}));

describe("docs/configuration.md", () => {
  it("has one row per diagnostic code, with the code's severity and summary", () => {
    const documented = rows.map((r) => `${r.id} ${r.severity} ${r.summary}`).sort();
    const actual = [...ruleCatalog().values()].map((r) => `${r.id} ${r.severity} ${r.summary}`).sort();
    expect(documented).toEqual(actual);
  });
});
