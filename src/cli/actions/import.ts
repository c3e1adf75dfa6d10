import type { AppConfig, Declaration } from "../../model/app.js";
import { contentOf } from "../../model/content.js";
import type { Diagnostic } from "../../model/diagnostic.js";
import { UserError } from "../../model/errors.js";
import { plural } from "../../model/plural.js";
import type {
  DesiredTemplate,
  RemoteTemplate,
  TemplateKey,
  UnmanageableTemplate,
} from "../../model/template.js";
import { fetchRemote } from "../../providers/fetch-remote.js";
import { inertLine } from "../../render/inert.js";
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

/** What an import read: the declaration of the manageable templates, and what it could not adopt. */
export interface ImportedAccount {
  declaration: Declaration;
  /** Rows waform cannot manage: written as comments, with the reason. */
  unmanageable: UnmanageableTemplate[];
  /** Rows skipped for having no name or id. */
  warnings: Diagnostic[];
}

/** The remote templates of `apps` as a declaration of those apps (used by import and init --import). */
export async function importApps(apps: AppConfig[], opts: SandboxOptions): Promise<ImportedAccount> {
  // the provider spends from the run's budget, as plan does: a 429 from a busy app is waited out
  const remote = await withProvider(opts, (provider) => fetchRemote(provider, apps));
  const byKey = (a: TemplateKey, b: TemplateKey) =>
    a.app.localeCompare(b.app) || a.name.localeCompare(b.name) || a.language.localeCompare(b.language);
  return {
    declaration: { apps, templates: remote.templates.map(adopt).sort(byKey) },
    unmanageable: [...remote.unmanageable].sort(byKey),
    warnings: remote.warnings,
  };
}

/** One stderr line about what an import wrote and left out; warnings (skipped rows) are printed first. */
export async function reportImport(imported: ImportedAccount, apps: number, into?: string): Promise<void> {
  if (imported.warnings.length > 0) {
    const { renderDiagnosticsText } = await import("../../render/diagnostics.js");
    writeErr(renderDiagnosticsText(imported.warnings));
  }
  const odd = imported.unmanageable.length;
  const skipped = imported.warnings.length;
  writeErr(
    `Imported ${plural(imported.declaration.templates.length, "template")} from ${plural(apps, "app")}${into ? ` into ${inertLine(into)}` : ""}` +
      `${odd ? `; ${odd} that waform cannot manage ${odd === 1 ? "is" : "are"} listed as comments` : ""}` +
      `${skipped ? `; ${plural(skipped, "nameless row")} ${skipped === 1 ? "was" : "were"} skipped` : ""}.\n`,
  );
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
  const { renderImportYaml } = await import("../../config/write.js");
  const { withModeline } = await import("../../config/modeline.js");
  // the modeline init writes too: for the output file, or (on stdout) for a file here
  const yaml = withModeline(
    renderImportYaml(imported.declaration, imported.unmanageable, imported.warnings),
    out && !writesStdout(out) ? out : "templates.yaml",
  );
  if (out && !writesStdout(out)) {
    await writeOutputFile(out, yaml);
    await reportImport(imported, apps.length, out);
  } else {
    writeOut(yaml);
    await reportImport(imported, apps.length);
  }
}
