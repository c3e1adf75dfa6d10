// Keeps the layering rules of DESIGN.md true: imports only point down, the core stays pure, and
// only render/ pulls in presentation libraries. Reads the import lines of every file in src/.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

interface Import {
  file: string;
  spec: string;
  /** Type-only imports carry no runtime dependency. */
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const out: Import[] = [];
  const re =
    /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
  for (const m of text.matchAll(re)) {
    const spec = m[3] ?? m[4];
    if (spec) out.push({ file: relative(SRC, file).split(sep).join("/"), spec, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** The layer of a file: its first directory under src/ (providers/* keep the sub-directory). */
function layerOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] === "providers" && parts.length > 2) return `providers/${parts[1]}`;
  return parts[0] ?? "";
}

function resolveLayer(fromFile: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const from = fromFile.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === "..") from.pop();
    else if (seg !== ".") from.push(seg);
  }
  return layerOf(from.join("/"));
}

// What each layer may import from (runtime or type). Lower layers first.
const ALLOWED: Record<string, string[]> = {
  model: ["model"],
  platform: ["model", "platform"],
  plan: ["model", "plan"],
  config: ["model", "config"],
  providers: ["model", "providers"],
  "providers/budget": ["model", "providers", "providers/budget"],
  "providers/gupshup": ["model", "platform", "providers", "providers/budget", "providers/gupshup"],
  "providers/senders": ["model", "providers", "providers/senders"],
  sandbox: ["model", "platform", "sandbox"],
  apply: ["model", "plan", "providers", "apply"],
  verify: ["model", "plan", "providers", "providers/senders", "verify"],
  render: ["model", "plan", "providers", "providers/senders", "apply", "verify", "config", "render"],
  cli: ["*"],
};

const CORE_PURE = new Set(["model", "plan"]);
const PRESENTATION = new Set(["diff", "listr2"]);

const all = sourceFiles(SRC).flatMap(importsOf);

describe("layering (DESIGN.md)", () => {
  it("finds the source files", () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it("imports only point down", () => {
    const bad = all.filter((i) => {
      const target = resolveLayer(i.file, i.spec);
      if (target === undefined) return false;
      const allowed = ALLOWED[layerOf(i.file)] ?? [];
      return !allowed.includes("*") && !allowed.includes(target);
    });
    expect(bad.map((i) => `${i.file} -> ${i.spec}`)).toEqual([]);
  });

  it("model/ and plan/ import no third-party package and nothing that does I/O", () => {
    const bad = all.filter((i) => {
      if (!CORE_PURE.has(layerOf(i.file)) || i.spec.startsWith(".")) return false;
      // node:crypto is a pure hash here (plan fingerprint); anything else is I/O or third-party
      return i.spec !== "node:crypto";
    });
    expect(bad.map((i) => `${i.file} -> ${i.spec}`)).toEqual([]);
  });

  it("only render/ and cli/ import diff or listr2", () => {
    const bad = all.filter((i) => PRESENTATION.has(i.spec) && !["render", "cli"].includes(layerOf(i.file)));
    expect(bad.map((i) => `${i.file} -> ${i.spec}`)).toEqual([]);
  });

  it("nothing outside cli/ writes to the terminal", () => {
    const offenders = sourceFiles(SRC)
      .map((f) => relative(SRC, f).split(sep).join("/"))
      .filter((f) => layerOf(f) !== "cli")
      .filter((f) => /\bconsole\.|process\.(stdout|stderr)\.write/.test(readFileSync(join(SRC, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
