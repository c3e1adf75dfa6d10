// templates.yaml -> Declaration + Diagnostic[]: read the files, parse, check the schema, merge
// apps and defaults (the structure: loadStructure), then build canonical templates and lint them
// (its `complete`). Every problem with the input is a diagnostic; nothing here throws for bad
// input and nothing touches the network.
//
// The declaration holds only the templates and apps that could be fully formed; callers must not
// act on it when the diagnostics contain an error (`hasErrors`).

import type { AppConfig, Declaration } from "../model/app.js";
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

/**
 * The first stage of loading: every file read, parsed and checked against the schema, defaults
 * and apps merged. An error here means the files cannot be trusted even to say which apps exist,
 * so a command sends no request at all; the rule checks of the second stage (`complete`) may run
 * while the remote is read, as long as nothing is written before they pass.
 */
export interface LoadedStructure {
  /** The declared apps that could be fully formed. */
  apps: AppConfig[];
  /** Sorted as LoadResult's; the complete result repeats them. */
  diagnostics: Diagnostic[];
  files: string[];
  /**
   * Builds and lints every template: the whole LoadResult. `pause` is awaited between slices of
   * the work, so that a caller reading the remote meanwhile can handle its answers (the config
   * layer keeps no timers of its own).
   */
  complete(opts?: { pause?: () => Promise<void> }): Promise<LoadResult>;
}

interface FileTemplates {
  file: UsableFile;
  brokenTemplates: ReadonlySet<number>;
}

/** Templates built or linted between two pauses: a few milliseconds of work. */
const SLICE = 250;

export async function loadDeclaration(paths: string[], opts: LoadOptions): Promise<LoadResult> {
  return (await loadStructure(paths, opts)).complete();
}

export async function loadStructure(paths: string[], opts: LoadOptions): Promise<LoadedStructure> {
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
  const shown = expanded.files.map((f) => f.display);
  let completed: Promise<LoadResult> | undefined;

  return {
    apps,
    diagnostics: [...diagnostics].sort(compareDiagnostics),
    files: shown,
    complete(options) {
      completed ??= completeOnce(options?.pause);
      return completed;
    },
  };

  async function completeOnce(pause?: () => Promise<void>): Promise<LoadResult> {
    // With broken defaults every template would inherit a wrong value: report the defaults only.
    if (!defaultsBroken) {
      const built = await buildAll(
        usable,
        {
          apps: new Map(apps.map((a) => [a.alias, a])),
          brokenApps,
          defaults: merged.defaults,
          testDestinations: merged.testDestinations,
        },
        pause,
      );
      diagnostics.push(...built.diagnostics);
      const all = [...built.complete, ...built.incomplete];
      for (let i = 0; i < all.length; i += SLICE) {
        diagnostics.push(...lintEach(all.slice(i, i + SLICE), apps, opts.now, built.locate));
        await pause?.();
      }
      diagnostics.push(...lintSet(built.complete, apps, opts.now, built.locate));
      return done(built.complete);
    }
    return done([]);
  }

  function done(templates: DesiredTemplate[]): LoadResult {
    return {
      declaration: { apps, templates },
      diagnostics: diagnostics.sort(compareDiagnostics),
      files: shown,
    };
  }
}

async function buildAll(usable: readonly FileTemplates[], ctx: BuildContext, pause?: () => Promise<void>) {
  const complete: DesiredTemplate[] = [];
  const incomplete: DesiredTemplate[] = [];
  const diagnostics: Diagnostic[] = [];
  // where each template was declared, for the rules' findings (a Map: a WeakMap of ten thousand
  // entries costs the garbage collector more, and this one lives only as long as the load)
  const origin = new Map<DesiredTemplate, { source: SourceFile; base: Path }>();
  let sinceBreak = 0;
  for (const { file, brokenTemplates } of usable) {
    const raws = file.data.templates ?? [];
    for (let i = 0; i < raws.length; i++) {
      if (++sinceBreak === SLICE) {
        sinceBreak = 0;
        await pause?.();
      }
      if (brokenTemplates.has(i)) continue;
      const base: Path = ["templates", i];
      const result = buildTemplate(raws[i]!, file.source, base, ctx);
      diagnostics.push(...result.diagnostics);
      if (!result.template) continue;
      origin.set(result.template, { source: file.source, base });
      (result.complete ? complete : incomplete).push(result.template);
    }
  }
  const locate: Locate = (t, path) => {
    const o = origin.get(t);
    return o ? o.source.locate([...o.base, ...path]) : t.source;
  };
  return { complete, incomplete, diagnostics, locate };
}
