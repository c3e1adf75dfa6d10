// templates.yaml -> Declaration + Diagnostic[]: read the files, parse, check the schema, merge
// apps and defaults, build canonical templates, lint. Every problem with the input is a diagnostic;
// nothing here throws for bad input and nothing touches the network.
//
// The declaration holds only the templates and apps that could be fully formed; callers must not
// act on it when the diagnostics contain an error (`hasErrors`).

import type { Declaration } from "../model/app.js";
import { compareDiagnostics, type Diagnostic } from "../model/diagnostic.js";
import type { DesiredTemplate } from "../model/template.js";
import { type BuildContext, buildTemplate } from "./build.js";
import { expandPaths, readText } from "./files.js";
import { checkDefaultApp, mergeApps, mergeDefaults, type UsableFile } from "./merge.js";
import { parseYaml } from "./parse.js";
import type { RawFile } from "./raw.js";
import { type Locate, lintEach, lintSet } from "./rules/index.js";
import { checkSchema } from "./schema-errors.js";
import { findSecretKeys } from "./secrets.js";
import type { Path, SourceFile } from "./source.js";
import { findIllFormedText } from "./unicode.js";

export interface LoadOptions {
  /** The current time (epoch ms): absolute offer expiries must be after it. */
  now: number;
  /** Base for relative paths, and what displayed file names are relative to. Default: process.cwd(). */
  cwd?: string;
}

export interface LoadResult {
  declaration: Declaration;
  /** Sorted by file, line, column, code. */
  diagnostics: Diagnostic[];
  /** The files read, as displayed in diagnostics. */
  files: string[];
}

interface FileTemplates {
  file: UsableFile;
  brokenTemplates: ReadonlySet<number>;
}

export async function loadDeclaration(paths: string[], opts: LoadOptions): Promise<LoadResult> {
  const cwd = opts.cwd ?? process.cwd();
  const expanded = await expandPaths(paths, cwd);
  const diagnostics: Diagnostic[] = [...expanded.diagnostics];
  const texts = await Promise.all(expanded.files.map(readText));

  const usable: FileTemplates[] = [];
  let defaultsBroken = false;
  expanded.files.forEach((input, i) => {
    const { text, diagnostic } = texts[i]!;
    if (diagnostic || text === undefined) {
      if (diagnostic) diagnostics.push(diagnostic);
      return;
    }
    const parsed = parseYaml(input.display, text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.source || parsed.data === undefined) return;
    const secrets = findSecretKeys(parsed.data, parsed.source);
    const schema = checkSchema(parsed.data, parsed.source, secrets.pointers);
    diagnostics.push(
      ...secrets.diagnostics,
      ...schema.diagnostics,
      ...findIllFormedText(parsed.data, parsed.source),
    );
    if (schema.fileBroken) return;
    defaultsBroken ||= schema.defaultsBroken;
    usable.push({
      file: {
        source: parsed.source,
        data: parsed.data as RawFile,
        brokenApps: schema.brokenApps,
        defaultsBroken: schema.defaultsBroken,
      },
      brokenTemplates: schema.brokenTemplates,
    });
  });

  const files = usable.map((u) => u.file);
  const merged = mergeDefaults(files);
  const { apps, brokenApps, diagnostics: appDiagnostics } = mergeApps(files, merged.defaults);
  diagnostics.push(...merged.diagnostics, ...appDiagnostics, ...checkDefaultApp(merged, apps, brokenApps));

  // With broken defaults every template would inherit a wrong value: report the defaults only.
  const built = defaultsBroken
    ? { complete: [], incomplete: [], diagnostics: [], locate: undefined }
    : buildAll(usable, {
        apps: new Map(apps.map((a) => [a.alias, a])),
        brokenApps,
        defaults: merged.defaults,
        testDestinations: merged.testDestinations,
      });
  diagnostics.push(...built.diagnostics);
  if (built.locate) {
    diagnostics.push(
      ...lintEach([...built.complete, ...built.incomplete], apps, opts.now, built.locate),
      ...lintSet(built.complete, apps, opts.now, built.locate),
    );
  }

  return {
    declaration: { apps, templates: built.complete },
    diagnostics: diagnostics.sort(compareDiagnostics),
    files: expanded.files.map((f) => f.display),
  };
}

function buildAll(usable: readonly FileTemplates[], ctx: BuildContext) {
  const complete: DesiredTemplate[] = [];
  const incomplete: DesiredTemplate[] = [];
  const diagnostics: Diagnostic[] = [];
  const origin = new WeakMap<DesiredTemplate, { source: SourceFile; base: Path }>();
  for (const { file, brokenTemplates } of usable) {
    (file.data.templates ?? []).forEach((raw, i) => {
      if (brokenTemplates.has(i)) return;
      const base: Path = ["templates", i];
      const result = buildTemplate(raw, file.source, base, ctx);
      diagnostics.push(...result.diagnostics);
      if (!result.template) return;
      origin.set(result.template, { source: file.source, base });
      (result.complete ? complete : incomplete).push(result.template);
    });
  }
  const locate: Locate = (t, path) => {
    const o = origin.get(t);
    return o ? o.source.locate([...o.base, ...path]) : t.source;
  };
  return { complete, incomplete, diagnostics, locate };
}
