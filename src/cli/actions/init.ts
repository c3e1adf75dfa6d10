// `waform init`: the first templates.yaml of a project. Either a scaffold that validates clean
// (one app with placeholder ids, a commented LTO example to uncomment), or, with --import, the
// templates an existing account already has, written in waform's format.

import { access } from "node:fs/promises";
import { schemaModeline, withModeline } from "../../config/modeline.js";
import type { AppConfig } from "../../model/app.js";
import { UserError } from "../../model/errors.js";
import { plural } from "../../model/plural.js";
import { inertLine } from "../../render/inert.js";
import { loadChecked, type SandboxOptions } from "../context.js";
import { writeErr } from "../output.js";
import { checkOutputFile, writeOutputFile } from "../output-file.js";

export interface InitOptions extends SandboxOptions {
  /** `-o, --out`: the file to write (`-f, --file` is its former spelling). */
  out: string;
  file?: string;
  force?: boolean;
  import?: boolean;
  appId?: string;
  appName?: string;
  source?: string;
  alias: string;
}

export function scaffold(modeline: string): string {
  return `${modeline}
#
# waform declaration: \`waform validate\` checks it offline, \`waform plan\` shows what apply would
# change on the Gupshup Partner API. Credentials never go here: set GUPSHUP_PARTNER_TOKEN in the
# environment (or try everything on the built-in simulator with --sandbox).
version: 1

apps:
  # One entry per Gupshup app; templates refer to it by this alias. Replace the placeholders with
  # your app's id, its name (the \`src.name\` of sends) and its sender number.
  main:
    appId: 00000000-0000-4000-8000-000000000000
    appName: my-gupshup-app
    source: "+919999900000"
    prune: false # true: delete remote templates of this app that are not declared here

defaults:
  language: en_US
  category: MARKETING
  vertical: offers

templates: []
# A limited-time offer with a countdown. To use it, delete the \`[]\` above and uncomment:
#
#  - name: summer_sale_lto
#    kind: lto
#    header: { type: image, example: "https://cdn.example.com/summer.png" }
#    body: "Hi {{1}}, enjoy {{2}} off this summer!"
#    examples: { body: ["Pablo", "25%"] }
#    limitedOfferText: Summer deal # at most 16 characters
#    hasExpiration: true # needs the copy_code button
#    buttons:
#      - { type: copy_code, example: SUMMER25 }
#      - { type: url, text: Shop now, url: "https://shop.example.com/s?promo={{1}}", example: summer25 }
#    test: # what \`waform verify\` sends once Meta approves it
#      destinations: ["+919999900001"]
#      params: ["Pablo", "25%"]
#      couponCode: SUMMER25
#      expiresIn: 14d
`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function appFromFlags(opts: InitOptions): AppConfig | undefined {
  const given = [opts.appId, opts.appName, opts.source].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3)
    throw new UserError("--app-id, --app-name and --source go together", "give all three, or none");
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(opts.alias))
    throw new UserError(`--alias '${opts.alias}' is not an alias`, "use lower-case letters, digits, _ and -");
  return {
    alias: opts.alias,
    appId: opts.appId!,
    appName: opts.appName!,
    source: opts.source!,
    prune: false,
  };
}

async function adoptAccount(opts: InitOptions, file: string, present: boolean): Promise<string> {
  const flagged = appFromFlags(opts);
  let apps: AppConfig[];
  if (flagged) {
    apps = [flagged];
  } else {
    if (!present) {
      throw new UserError(
        `--import needs apps: ${file} does not exist`,
        "give --app-id, --app-name and --source, or declare the apps in the file first",
      );
    }
    const { declaration } = await loadChecked({ file: [file] }, Date.now());
    if (declaration.apps.length === 0)
      throw new UserError(`${file} declares no apps`, "declare them under `apps:`, or give --app-id");
    if (declaration.templates.length > 0) {
      throw new UserError(
        `${file} already declares ${plural(declaration.templates.length, "template")}`,
        "use `waform import -o FILE` to write the remote templates somewhere else",
      );
    }
    apps = declaration.apps;
  }
  const { importApps, reportImport } = await import("./import.js");
  const imported = await importApps(apps, opts);
  const { renderImportYaml } = await import("../../config/write.js");
  const yaml = withModeline(
    renderImportYaml(imported.declaration, imported.unmanageable, imported.warnings),
    file,
  );
  await reportImport(imported, apps.length);
  return yaml;
}

export async function runInit(opts: InitOptions): Promise<void> {
  const file = opts.file ?? opts.out;
  const present = await exists(file);
  // a directory or a missing parent directory fails before anything else (and before --import reads)
  const { overwrites } = await checkOutputFile(file);
  if (!opts.import && (opts.appId || opts.appName || opts.source)) {
    throw new UserError("--app-id, --app-name and --source are for --import");
  }
  if (overwrites && !opts.force) {
    throw new UserError(
      `${file} already exists`,
      opts.import
        ? "pass --force to replace it with the imported declaration (its apps are kept, its comments are not)"
        : "pass --force to overwrite it",
    );
  }
  const content = opts.import ? await adoptAccount(opts, file, present) : scaffold(schemaModeline(file));
  await writeOutputFile(file, content);
  const shown = inertLine(file);
  const f = file === "templates.yaml" ? "" : ` -f ${shown}`;
  writeErr(`Wrote ${shown}. Next: \`waform validate${f}\`, then \`waform plan${f}\`.\n`);
}
