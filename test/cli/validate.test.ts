// `waform validate` as a process: exit codes, output formats, CI annotations, and clear one-line
// errors (never a stack trace) for the ways input goes wrong.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtCli } from "../e2e/build.js";
import { runCli } from "./validate-run.js";

const DIAGNOSTIC_LINE = /^\S+:\d+:\d+ (error|warning) [A-Z]+(-[A-Z0-9]+)* .+$/;
const tmp = mkdtempSync(join(tmpdir(), "waform-cli-"));

beforeAll(builtCli, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function noStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toContain("node:internal");
}

describe("waform validate", () => {
  it("exits 0 on the root templates.yaml (the default path), warnings allowed", async () => {
    const r = await runCli(["validate"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0 errors, \d+ warnings?: 11 templates, 3 apps in 1 file$/m);
    expect(r.stderr).toBe("");
  });

  it("exits 1 and prints one line per diagnostic, sorted, on an invalid file", async () => {
    const r = await runCli(["validate", "-f", "examples/invalid/lto-breakers.yaml"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n").filter((l) => l !== "" && !l.startsWith("    hint:"));
    const diagnostics = lines.slice(0, -1);
    expect(diagnostics.length).toBeGreaterThan(5);
    for (const line of diagnostics) expect(line).toMatch(DIAGNOSTIC_LINE);
    const positions = diagnostics.map((l) => l.split(" ")[0]!.split(":").slice(1).map(Number));
    const sorted = [...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(positions).toEqual(sorted);
    expect(lines.at(-1)).toMatch(/^\d+ errors?, \d+ warnings?: /);
  });

  it("--format json prints only JSON with diagnostics and a summary", async () => {
    const r = await runCli(["validate", "--format", "json", "-f", "examples/invalid/button-breakers.yaml"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      diagnostics: { code: string; line: number }[];
      summary: Record<string, number>;
    };
    expect(out.summary).toMatchObject({ files: 1, apps: 1 });
    expect(out.summary["errors"]).toBe(
      out.diagnostics.filter((d) => (d as { severity?: string }).severity === "error").length,
    );
    expect(out.diagnostics.map((d) => d.code)).toContain("BTN-006");
  });

  it("prints GitHub Actions annotations when GITHUB_ACTIONS=true", async () => {
    const r = await runCli(["validate", "-f", "examples/invalid/product-breakers.yaml"], {
      GITHUB_ACTIONS: "true",
    });
    expect(r.code).toBe(1);
    const annotations = r.stderr.split("\n").filter(Boolean);
    expect(annotations).toContain(
      "::error file=examples/invalid/product-breakers.yaml,line=11,col=15,title=SPM-001::single_product templates must be MARKETING, not UTILITY",
    );
    expect(
      annotations.some((a) =>
        a.startsWith("::warning file=examples/invalid/product-breakers.yaml,line=10,col=11,title=SPM-007::"),
      ),
    ).toBe(true);
    expect(
      annotations.every((a) => /^::(error|warning) file=.+,line=\d+,col=\d+,title=[A-Z0-9-]+::/.test(a)),
    ).toBe(true);
  });

  it("gives a YAML syntax error one clear line and no stack trace", async () => {
    const r = await runCli(["validate", "-f", "examples/invalid/syntax-error.yaml"]);
    expect(r.code).toBe(1);
    const errors = r.stdout.split("\n").filter((l) => DIAGNOSTIC_LINE.test(l));
    expect(errors).toEqual([
      "examples/invalid/syntax-error.yaml:10:11 error YAML-SYNTAX invalid YAML: the double-quoted string starting here is never closed",
    ]);
    noStackTrace(r.stdout + r.stderr);
  });

  it("reports a missing file as a diagnostic, with no stack trace", async () => {
    const r = await runCli(["validate", "-f", "nope/missing.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe("nope/missing.yaml error FILE-001 file not found");
    noStackTrace(r.stdout + r.stderr);
  });

  it("merges -f given several times, and a directory", async () => {
    const split = await runCli([
      "validate",
      "-f",
      "examples/split/apps.yaml",
      "-f",
      "examples/split/pharmacy.yaml",
    ]);
    expect(split.code).toBe(0);
    expect(split.stdout).toContain("1 template, 2 apps in 2 files");
    const dir = await runCli(["validate", "-f", "examples/split"]);
    expect(dir.code).toBe(0);
    expect(dir.stdout).toContain("2 templates, 2 apps in 3 files");
  });

  it("rejects an unknown --format as a usage error", async () => {
    const r = await runCli(["validate", "--format", "xml"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*xml/);
    noStackTrace(r.stderr);
  });

  it("loads no HTTP client, progress UI, diff library or sandbox", async () => {
    const hooks = join(tmp, "hooks.mjs");
    const trace = join(tmp, "trace.txt");
    writeFileSync(
      hooks,
      `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(trace)}, r.url + "\\n");
  return r;
}\n`,
    );
    const register = join(tmp, "register.mjs");
    writeFileSync(
      register,
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    writeFileSync(trace, "");
    const r = await runCli(["validate"], { NODE_OPTIONS: `--import ${pathToFileURL(register).href}` });
    expect(r.code).toBe(0);
    const loaded = readFileSync(trace, "utf8").split("\n").filter(Boolean);
    expect(loaded.some((u) => u.includes("/config/load.js"))).toBe(true);
    const heavy = loaded.filter((u) =>
      /node_modules\/(undici|listr2|diff)\/|\/dist\/(sandbox|providers|apply|verify)\//.test(u),
    );
    expect(heavy).toEqual([]);
  });
});
