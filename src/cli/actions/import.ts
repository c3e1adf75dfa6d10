import type { AppConfig, Declaration } from "../../model/app.js";
import { contentOf } from "../../model/content.js";
import { UserError } from "../../model/errors.js";
import { plural } from "../../model/plural.js";
import type { DesiredTemplate, RemoteTemplate } from "../../model/template.js";
import { fetchRemote } from "../../providers/fetch-remote.js";
import {
  appsInScope,
  type ConfigOptions,
  loadChecked,
  type SandboxOptions,
  withProvider,
} from "../context.js";
import { writeErr, writeOut } from "../output.js";
import { checkOutputFile, writeOutputFile, writesStdout } from "../output-file.js";

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
  if (out) {
    // a directory or a missing parent fails here, before the remote is read
    const { overwrites } = await checkOutputFile(out);
    if (overwrites && !opts.force)
      throw new UserError(`${out} already exists`, "pass --force to overwrite it");
  }
  const { declaration } = await loadChecked(opts, Date.now());
  const apps = appsInScope(declaration, opts.app);
  const imported = await importApps(apps, opts);
  const { renderDeclarationYaml } = await import("../../config/write.js");
  const { withModeline } = await import("../../config/modeline.js");
  // the modeline init writes too: for the output file, or (on stdout) for a file here
  const yaml = withModeline(
    renderDeclarationYaml(imported),
    out && !writesStdout(out) ? out : "templates.yaml",
  );
  if (out && !writesStdout(out)) {
    await writeOutputFile(out, yaml);
    writeErr(
      `Imported ${plural(imported.templates.length, "template")} from ${plural(apps.length, "app")} into ${out}.\n`,
    );
  } else {
    writeOut(yaml);
  }
}
