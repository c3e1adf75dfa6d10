// Keeps the layering rules of DESIGN.md true: per layer, which layers and packages it may import
// (static, bare, dynamic and required imports alike) and which ambient globals it may not touch.
// The rules are a table (architecture/rules.ts), the check a function over source texts
// (architecture/check-layers.ts); this file runs it on src/ and proves that it catches each kind
// of violation by adding one injected file at a time to a virtual copy of the tree.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Ambient,
  checkLayers,
  formatViolation,
  type SourceText,
  type Violation,
} from "./architecture/check-layers.js";
import { RULES } from "./architecture/rules.js";

const SRC = join(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

const tree: SourceText[] = sourceFiles(SRC).map((f) => ({
  path: relative(SRC, f).split(sep).join("/"),
  text: readFileSync(f, "utf8"),
}));

describe("layering (DESIGN.md)", () => {
  it("reads the whole tree", () => {
    expect(tree.length).toBeGreaterThan(100);
    for (const layer of ["model", "plan", "config", "apply", "verify", "render", "cli"])
      expect(
        tree.some((f) => f.path.startsWith(`${layer}/`)),
        layer,
      ).toBe(true);
  });

  it("src/ keeps every rule of the table", () => {
    expect(checkLayers(tree, RULES).map(formatViolation)).toEqual([]);
  });
});

/** One file added to the tree: what the check must report about it, and nothing else. */
interface Injected {
  path: string;
  text: string;
  kind: Violation["kind"];
  detail: RegExp;
}

const injected: Record<string, Injected> = {
  // the five that the old check (import lines only) caught
  "model/ imports from plan/ (an upward import)": {
    path: "model/injected.ts",
    text: `import { makePlan } from "../plan/make-plan.js";\nexport const plan = makePlan;\n`,
    kind: "layer",
    detail: /model\/ may not import plan\//,
  },
  "apply/ imports the Gupshup client instead of the port": {
    path: "apply/injected.ts",
    text: `import { createGupshupProvider } from "../providers/gupshup/index.js";\nexport const make = createGupshupProvider;\n`,
    kind: "layer",
    detail: /apply\/ may not import providers\/gupshup\//,
  },
  "plan/ imports a third-party package": {
    path: "plan/injected.ts",
    text: `import { parse } from "yaml";\nexport const read = (s: string): unknown => parse(s);\n`,
    kind: "package",
    detail: /plan\/ may not import yaml/,
  },
  "verify/ imports a presentation library (diff)": {
    path: "verify/injected.ts",
    text: `import { diffWords } from "diff";\nexport const words = diffWords;\n`,
    kind: "package",
    detail: /verify\/ may not import diff/,
  },
  "config/ writes to the terminal": {
    path: "config/injected.ts",
    text: `export function warn(s: string): void {\n  console.warn(s);\n}\n`,
    kind: "console",
    detail: /console\.warn in config\//,
  },
  // the five it missed
  "plan/ reads the clock: Date.now()": {
    path: "plan/injected.ts",
    text: `export const age = (t: number): number => Date.now() - t;\n`,
    kind: "clock",
    detail: /Date\.now in plan\//,
  },
  "plan/ reads the environment: process.env": {
    path: "plan/injected.ts",
    text: `export const debug = (): boolean => process.env["WAFORM_DEBUG"] === "1";\n`,
    kind: "environment",
    detail: /process\.env in plan\//,
  },
  "plan/ draws randomness: Math.random()": {
    path: "plan/injected.ts",
    text: `export const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(Math.random() * xs.length)];\n`,
    kind: "randomness",
    detail: /Math\.random in plan\//,
  },
  'a bare (side-effect) import "undici" (in model/)': {
    path: "model/injected.ts",
    text: `import "undici";\nexport const x = 1;\n`,
    kind: "package",
    detail: /a bare \(side-effect\) import of undici/,
  },
  "apply/ imports the HTTP library": {
    path: "apply/injected.ts",
    text: `import { request } from "undici";\nexport const send = request;\n`,
    kind: "package",
    detail: /apply\/ may not import undici/,
  },
  "model/ reaches the console through globalThis": {
    path: "model/injected.ts",
    text: `const g = globalThis as unknown as { console: { log(s: string): void } };\nexport const log = (s: string): void => g.console.log(s);\n`,
    kind: "global",
    detail: /globalThis in model\//,
  },
  // other routes around the rules
  "apply/ imports the HTTP library dynamically": {
    path: "apply/injected.ts",
    text: `export const load = () => import("undici");\n`,
    kind: "package",
    detail: /a dynamic import of undici/,
  },
  "verify/ requires a package through createRequire": {
    path: "verify/injected.ts",
    text: `import { createRequire } from "node:module";\nexport const undici = createRequire(import.meta.url)("undici") as unknown;\n`,
    kind: "package",
    detail: /verify\/ may not import node:module/,
  },
  "render/ imports a module it names by a computed expression": {
    path: "render/injected.ts",
    text: `export const load = (name: string) => import(\`../\${name}.js\`);\n`,
    kind: "import",
    detail: /computed expression/,
  },
  "verify/ sets a timer instead of sleeping on the injected clock": {
    path: "verify/injected.ts",
    text: `export const later = (f: () => void): void => {\n  setTimeout(f, 10);\n};\n`,
    kind: "timers",
    detail: /setTimeout in verify\//,
  },
  "apply/ bounds a call with AbortSignal.timeout": {
    path: "apply/injected.ts",
    text: `export const deadline = (): AbortSignal => AbortSignal.timeout(1000);\n`,
    kind: "timers",
    detail: /AbortSignal\.timeout in apply\//,
  },
  "plan/ reads the clock: new Date()": {
    path: "plan/injected.ts",
    text: `export const today = (): string => new Date().toISOString();\n`,
    kind: "clock",
    detail: /new Date\(\) in plan\//,
  },
  "plan/ imports randomBytes from node:crypto": {
    path: "plan/injected.ts",
    text: `import { randomBytes } from "node:crypto";\nexport const id = (): string => randomBytes(4).toString("hex");\n`,
    kind: "randomness",
    detail: /randomBytes from node:crypto/,
  },
  "model/ reaches process through global": {
    path: "model/injected.ts",
    text: `export const argv = (): unknown => (global as unknown as { process: { argv: string[] } }).process.argv;\n`,
    kind: "global",
    detail: /global in model\//,
  },
  "config/ reads the environment (only process.cwd is allowed there)": {
    path: "config/injected.ts",
    text: `export const home = (): string | undefined => process.env["HOME"];\n`,
    kind: "environment",
    detail: /process\.env in config\//,
  },
  "sandbox/ writes to stdout": {
    path: "sandbox/injected.ts",
    text: `export const say = (s: string): void => {\n  process.stdout.write(s);\n};\n`,
    kind: "console",
    detail: /process\.stdout in sandbox\//,
  },
  "a file under no row of the rules table": {
    path: "nowhere/injected.ts",
    text: `export const now = (): number => 0;\n`,
    kind: "layer",
    detail: /no row of the rules table/,
  },
};

describe("the check catches each injected violation (one file added to a virtual copy of src/)", () => {
  it.each(Object.entries(injected))("%s", (_name, file) => {
    const found = checkLayers([...tree, { path: file.path, text: file.text }], RULES);
    const about = found.filter((v) => v.file === file.path);
    expect(
      about.some((v) => v.kind === file.kind && file.detail.test(v.detail)),
      about.map(formatViolation).join("\n"),
    ).toBe(true);
    expect(found.filter((v) => v.file !== file.path).map(formatViolation)).toEqual([]);
  });
});

describe("and only violations", () => {
  it("in the core: injected clocks and randomness, locals, property names, types, pure Date and Math", () => {
    const text = `import type { Clock } from "../model/clock.js";
import { createHash } from "node:crypto";
export class Later extends Error {}
export function f(clock: Clock, random: () => number, console: { log(s: string): void }) {
  const process = { env: "a local" };
  const options = { setTimeout: 1, process: 2, fetch: 3 };
  type T = typeof setTimeout | typeof globalThis;
  let timer: ReturnType<typeof setInterval> | undefined;
  console.log(process.env + String(options.setTimeout) + createHash("sha256").digest("hex"));
  const when = new Date(clock.now());
  return [when.getTime(), random(), Date.UTC(2030, 0, 1), Date.parse("2030-01-01"), Math.max(1, 2), timer] as const;
}
export const isDate = (x: unknown): boolean => x instanceof Date;
`;
    expect(checkLayers([{ path: "plan/ok.ts", text }], RULES).map(formatViolation)).toEqual([]);
  });

  it("the exceptions of the table, and only those: process.cwd in config/, Math.random in apply/", () => {
    const check = (path: string, text: string) => checkLayers([{ path, text }], RULES).map((v) => v.kind);
    expect(check("config/ok.ts", "export const base = (): string => process.cwd();\n")).toEqual([]);
    expect(check("config/no.ts", "export const exit = (): never => process.exit(1);\n")).toEqual<Ambient[]>([
      "process",
    ]);
    expect(check("apply/ok.ts", "export const jitter = (r?: () => number) => r ?? Math.random;\n")).toEqual(
      [],
    );
    expect(check("verify/no.ts", "export const jitter = (r?: () => number) => r ?? Math.random;\n")).toEqual<
      Ambient[]
    >(["randomness"]);
  });
});
