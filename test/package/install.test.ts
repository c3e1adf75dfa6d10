// waform as a user gets it: `npm pack` of this repository, installed into an empty project from the
// tarball, then the README's Install section run line by line as written (its `npm install` taking
// the tarball instead of the registry's waform), and the global install it mentions.

import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtCli, ROOT } from "../e2e/build.js";

const run = promisify(execFile);
const TIMEOUT = 240_000;
let work: string;
let tarball: string;

/** The environment of a user's shell: nothing of this repository's test run. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      /^(GUPSHUP_|KALEYRA_|WAFORM_|GITHUB_|VITEST|npm_)/.test(k) ||
      ["CI", "NODE_OPTIONS", "FORCE_COLOR"].includes(k)
    )
      continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1" };
}

async function sh(command: string, cwd: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run("bash", ["-c", command], { cwd, env: userEnv(), maxBuffer: 20_000_000 });
    return { ...r, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: typeof e.code === "number" ? e.code : 1 };
  }
}

/** The commands of the README's Install section: its first `sh` block, comments dropped. */
function installCommands(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Install\n"));
  const block = /```sh\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf("\n## ", 5)))?.[1] ?? "";
  return block
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

/** The npm flags of every install here: the local cache first, no audit or funding noise. */
const NPM_FLAGS = "--prefer-offline --no-audit --no-fund --loglevel=error";

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "waform-pack-"));
  // pack a copy of a fresh build of the sources (dist/ of the working tree may be mid-rebuild);
  // `prepare` (the build) is what made that dist, so it is not run again here
  const stage = join(work, "stage");
  const built = dirname(dirname(await builtCli()));
  for (const name of readdirSync(built).filter((n) => !["node_modules", "ready"].includes(n)))
    cpSync(join(built, name), join(stage, name), { recursive: true });
  cpSync(join(ROOT, "README.md"), join(stage, "README.md"));
  const packed = await sh(
    `npm pack --ignore-scripts --pack-destination ${JSON.stringify(work)} ${NPM_FLAGS}`,
    stage,
  );
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(work, packed.stdout.trim().split("\n").pop()!);
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("holds the compiled CLI, its launcher and the schemas, and nothing of the sources or tests", async () => {
    const list = (await sh(`tar -tzf ${JSON.stringify(tarball)}`, work)).stdout.split("\n").filter(Boolean);
    expect(list).toEqual(
      expect.arrayContaining([
        "package/package.json",
        "package/README.md",
        "package/bin/waform.js",
        "package/dist/cli/main.js",
        "package/dist/render/preview-html.js",
        "package/schemas/templates.schema.json",
        "package/schemas/plan.schema.json",
      ]),
    );
    expect(list.filter((f) => /^package\/(src|test|bench|scripts|examples|docs)\//.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ waform: "bin/waform.js" });
    expect(readFileSync(join(ROOT, "bin", "waform.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    // a git install builds dist/ through `prepare`
    expect(pkg.scripts["prepare"]).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(Object.keys(pkg.dependencies)).not.toContain("playwright-core");
  });
});

describe.concurrent("the README's Install section, in an empty project", () => {
  it(
    "installs the package, then init, validate and plan --sandbox work as written",
    async () => {
      const commands = installCommands();
      expect(commands).toEqual([
        "npm install --save-dev waform",
        "npx waform init",
        "npx waform validate",
        "npx waform plan --sandbox",
      ]);
      const project = join(work, "project");
      mkdirSync(project);
      writeFileSync(
        join(project, "package.json"),
        '{ "name": "my-templates", "version": "1.0.0", "private": true }\n',
      );
      const results: Record<string, { stdout: string; stderr: string; code: number }> = {};
      for (const command of commands) {
        const line = command.startsWith("npm install")
          ? `${command.replace(/\bwaform$/, JSON.stringify(tarball))} ${NPM_FLAGS}`
          : command;
        const r = await sh(line, project);
        expect(r.code, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
        results[command] = r;
      }

      const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
      };
      expect(Object.keys(manifest.devDependencies)).toEqual(["waform"]);
      const yaml = readFileSync(join(project, "templates.yaml"), "utf8");
      expect(yaml.split("\n")[0]).toBe(
        "# yaml-language-server: $schema=./node_modules/waform/schemas/templates.schema.json",
      );
      expect(existsSync(join(project, "node_modules", "waform", "schemas", "templates.schema.json"))).toBe(
        true,
      );
      expect(results["npx waform validate"]!.stdout).toBe(
        "0 errors, 0 warnings: 0 templates, 1 app in 1 file\n",
      );
      expect(results["npx waform plan --sandbox"]!.stdout).toContain("No changes.");

      // and with the example uncommented, as the scaffold says: a plan with one create
      const uncommented = yaml
        .replace(/^templates: \[\]$/m, "templates:")
        .split("\n")
        .map((l) => (/^# {2}/.test(l) ? l.slice(1) : l))
        .join("\n");
      writeFileSync(join(project, "templates.yaml"), uncommented);
      const plan = await sh("npx waform plan --sandbox", project);
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain("+ main/summer_sale_lto/en_US will be created");
      const schema = await sh("npx waform schema", project);
      expect(JSON.parse(schema.stdout)).toMatchObject({
        $schema: expect.stringContaining("json-schema.org"),
      });
    },
    TIMEOUT,
  );

  it(
    "installs globally too: `npm install --global` gives a `waform` command",
    async () => {
      const prefix = join(work, "global");
      const r = await sh(
        `npm install --global --prefix ${JSON.stringify(prefix)} ${JSON.stringify(tarball)} ${NPM_FLAGS}`,
        work,
      );
      expect(r.code, r.stderr).toBe(0);
      const version = await sh(`${JSON.stringify(resolve(prefix, "bin", "waform"))} --version`, work);
      expect(version.stdout.trim()).toBe(
        (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version,
      );
    },
    TIMEOUT,
  );
});
