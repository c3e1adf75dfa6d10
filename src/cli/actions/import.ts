import { access } from "node:fs/promises";
import type { AppConfig, Declaration } from "../../model/app.js";
import { contentOf } from "../../model/content.js";
import { UserError } from "../../model/errors.js";
import { plural } from "../../model/plural.js";
import type { DesiredTemplate, RemoteTemplate } from "../../model/template.js";
import { fetchRemote } from "../../providers/fetch-remote.js";
import { writeFileAtomic } from "../atomic-write.js";
import {
  appsInScope,
  type ConfigOptions,
  loadChecked,
  type SandboxOptions,
  withProvider,
} from "../context.js";
import { writeErr, writeOut } from "../output.js";

/** The declared form of a remote template: its content, with nothing provider-specific. */
export function adopt(remote: RemoteTemplate): DesiredTemplate {
  const { app, name, language } = remote;
  return {
    app,
    name,
    language,
    ...contentOf(remote),
    protect: false,
    source: { file: "(remote)", line: 0, col: 0 },
  };
}

/** The remote templates of `apps` as a declaration of those apps (used by import and init --import). */
export async function importApps(apps: AppConfig[], opts: SandboxOptions): Promise<Declaration> {
  // the provider spends from the run's budget, as plan does: a 429 from a busy app is waited out
  const remote = await withProvider(opts, (provider) => fetchRemote(provider, apps));
  return {
    apps,
    templates: remote
      .map(adopt)
      .sort(
        (a, b) =>
          a.app.localeCompare(b.app) || a.name.localeCompare(b.name) || a.language.localeCompare(b.language),
      ),
  };
}

export async function runImport(
  opts: ConfigOptions & SandboxOptions & { out?: string; output?: string; force?: boolean },
): Promise<void> {
  const out = opts.out ?? opts.output;
  if (out && !opts.force) {
    const exists = await access(out).then(
      () => true,
      () => false,
    );
    if (exists) throw new UserError(`${out} already exists`, "pass --force to overwrite it");
  }
  const { declaration } = await loadChecked(opts, Date.now());
  const apps = appsInScope(declaration, opts.app);
  const imported = await importApps(apps, opts);
  const { renderDeclarationYaml } = await import("../../config/write.js");
  const { withModeline } = await import("../../config/modeline.js");
  // the modeline init writes too: for the output file, or (on stdout) for a file here
  const yaml = withModeline(renderDeclarationYaml(imported), out ?? "templates.yaml");
  if (out) {
    await writeFileAtomic(out, yaml);
    writeErr(
      `Imported ${plural(imported.templates.length, "template")} from ${plural(apps.length, "app")} into ${out}.\n`,
    );
  } else {
    writeOut(yaml);
  }
}
