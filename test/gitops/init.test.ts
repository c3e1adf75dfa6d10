// `waform init`: a first templates.yaml that validates clean (and still does once its LTO example
// is uncommented), never over a file without --force; `--import` adopts an existing account.

import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect } from "vitest";
import {
  appConfig,
  declaration,
  PARTNER_TOKEN,
  type Pipeline,
  pipelineTest,
  SHOP,
  textTemplate,
} from "./fixture.js";
import { cleanEnv, runShell } from "./runner/shell.js";

/** Each case has a sandbox and a directory of its own (pipelineTest), so they run at once. */
const it = pipelineTest;

function waform(fx: Pipeline, args: string) {
  return runShell(`npx waform ${args}`, {
    cwd: fx.dir,
    env: { ...cleanEnv(), ...fx.env(), GUPSHUP_PARTNER_TOKEN: PARTNER_TOKEN },
  });
}

const read = (fx: Pipeline, file = "templates.yaml") => readFileSync(join(fx.dir, file), "utf8");

/** The scaffold with its commented example turned on, as its comment tells the user to do. */
function uncommented(text: string): string {
  return text
    .replace(/^templates: \[\]$/m, "templates:")
    .split("\n")
    .map((l) => (/^# {2}/.test(l) ? l.slice(1) : l))
    .join("\n");
}

describe.concurrent("waform init", () => {
  it("writes a templates.yaml with the schema modeline, one app and a commented LTO example, that validates clean", async ({
    fx,
  }) => {
    const r = await waform(fx, "init");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Wrote templates.yaml. Next: `waform validate`, then `waform plan`.");
    const text = read(fx);
    const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(modeline).not.toBeNull();
    expect(existsSync(resolve(fx.dir, modeline![1]!))).toBe(true);
    expect(text).toMatch(/^# {2}- name: summer_sale_lto$/m);
    expect(text).toMatch(/^# {4}kind: lto$/m);

    const validate = await waform(fx, "validate");
    expect(validate.stdout).toBe("0 errors, 0 warnings: 0 templates, 1 app in 1 file\n");
    expect(validate.code).toBe(0);
  });

  it("has an LTO example that validates clean once uncommented", async ({ fx }) => {
    await waform(fx, "init -f offers.yaml");
    fx.write("offers.yaml", uncommented(read(fx, "offers.yaml")));
    const validate = await waform(fx, "validate -f offers.yaml");
    expect(validate.stdout).toBe("0 errors, 0 warnings: 1 template, 1 app in 1 file\n");
    expect(validate.code).toBe(0);
  });

  it("refuses to overwrite a file without --force, and overwrites it with --force", async ({ fx }) => {
    fx.write("templates.yaml", "# mine\n");
    const refused = await waform(fx, "init");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "Error: templates.yaml already exists\n  hint: pass --force to overwrite it\n",
    );
    expect(read(fx)).toBe("# mine\n");
    expect((await waform(fx, "init --force")).code).toBe(0);
    expect(read(fx)).toContain("version: 1");
  });

  it("writes the modeline relative to the file, wherever it is", async ({ fx }) => {
    // a missing directory is an error (as for every file waform writes), not created silently
    const missing = await waform(fx, "init -f config/waform/templates.yaml");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("directory config/waform does not exist");
    mkdirSync(join(fx.dir, "config", "waform"), { recursive: true });
    expect((await waform(fx, "init -f config/waform/templates.yaml")).code).toBe(0);
    const file = join(fx.dir, "config", "waform", "templates.yaml");
    const path = /\$schema=(\S+)/.exec(readFileSync(file, "utf8"))![1]!;
    expect(readFileSync(resolve(dirname(file), path), "utf8")).toContain('"$schema"');
  });
});

describe.concurrent("waform init --import", () => {
  async function remoteTemplates(fx: Pipeline) {
    const provider = fx.provider();
    const app = appConfig(SHOP);
    const content = {
      category: "MARKETING" as const,
      kind: "standard" as const,
      vertical: "promotions",
      body: "Hello {{1}}, welcome to the shop.",
      bodyExamples: ["Asha"],
      buttons: [],
      allowCategoryChange: false,
    };
    await provider.createTemplate(app, { app: "shop", name: "welcome", language: "en_US" }, content);
    await provider.createTemplate(
      app,
      { app: "shop", name: "goodbye", language: "en_US" },
      { ...content, body: "Bye {{1}}, see you." },
    );
  }

  it("adopts an account from --app-id/--app-name/--source: the file validates and plans no change", async ({
    fx,
  }) => {
    await remoteTemplates(fx);
    const r = await waform(
      fx,
      `init --import --app-id ${SHOP.appId} --app-name ${SHOP.appName} --source ${SHOP.source} --alias shop`,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Imported 2 templates from 1 app.");
    const text = read(fx);
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+templates\.schema\.json\n/);
    expect(text).toContain("name: welcome");
    expect((await waform(fx, "validate")).code).toBe(0);
    const plan = await waform(fx, "plan --detailed-exitcode");
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain("No changes");
  });

  it("adopts the apps a file declares (with --force, as it replaces the file)", async ({ fx }) => {
    await remoteTemplates(fx);
    fx.write("templates.yaml", declaration([SHOP], []));
    const refused = await waform(fx, "init --import");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("its apps are kept, its comments are not");
    const r = await waform(fx, "init --import --force");
    expect(r.code, r.stderr).toBe(0);
    expect(read(fx)).toContain("name: goodbye");
    expect((await waform(fx, "plan --detailed-exitcode")).code).toBe(0);
  });

  it.for<[string, RegExp]>([
    ["init --import", /--import needs apps: templates.yaml does not exist/],
    [`init --import --app-id ${SHOP.appId}`, /--app-id, --app-name and --source go together/],
    [`init --app-id ${SHOP.appId} --app-name a --source +918929874278`, /are for --import/],
  ])("`waform %s` says what is missing", async ([args, message], { fx }) => {
    const r = await waform(fx, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(fx.dir, "templates.yaml"))).toBe(false);
  });

  it("refuses to import over a file that already declares templates", async ({ fx }) => {
    fx.write("templates.yaml", declaration([SHOP], [textTemplate("shop", "mine")]));
    const r = await waform(fx, "init --import --force");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "templates.yaml already declares 1 template\n  hint: use `waform import -o FILE`",
    );
  });
});
