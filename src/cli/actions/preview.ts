// `waform preview`: the declared templates (or the changes of a saved plan) as one HTML page.
// Offline: it reads files only. The page goes to a file (default waform-preview.html), or to
// stdout with `-o -`.

import { UserError } from "../../model/errors.js";
import { plural } from "../../model/plural.js";
import { inScope } from "../../plan/scope.js";
import { inertLine } from "../../render/inert.js";
import { appsInScope, type ConfigOptions, loadChecked } from "../context.js";
import { writeErr } from "../output.js";
import { checkOutputFile, writeOutputFile, writesStdout } from "../output-file.js";
import { readPlanFile } from "../plan-file.js";

export interface PreviewCliOptions extends ConfigOptions {
  out: string;
  plan?: string;
}

async function planPage(file: string, now: number): Promise<{ html: string; count: number }> {
  const { renderPlanPreview } = await import("../../render/preview-html.js");
  const plan = await readPlanFile(file);
  const count = plan.changes.filter((c) => c.action !== "noop").length;
  return { html: renderPlanPreview(plan, { now, source: file }), count };
}

async function declarationPage(
  opts: PreviewCliOptions,
  now: number,
): Promise<{ html: string; count: number }> {
  const { declaration } = await loadChecked(opts, now);
  const apps = appsInScope(declaration, opts.app);
  const scope = { apps: apps.map((a) => a.alias), targets: opts.target ?? [] };
  const templates = declaration.templates.filter((t) => inScope(t, scope));
  const { renderTemplatesPreview } = await import("../../render/preview-html.js");
  const source = opts.file?.length ? opts.file.join(", ") : "templates.yaml";
  return { html: renderTemplatesPreview(templates, { now, source }), count: templates.length };
}

export async function runPreview(opts: PreviewCliOptions): Promise<void> {
  if (opts.plan && (opts.file?.length || opts.app?.length || opts.target?.length)) {
    throw new UserError(
      "a saved plan already fixes what to preview",
      "drop -f/--app/--target, or drop --plan",
    );
  }
  // a directory or a missing parent directory fails before anything is read
  await checkOutputFile(opts.out);
  const now = Date.now();
  const { html, count } = opts.plan ? await planPage(opts.plan, now) : await declarationPage(opts, now);
  await writeOutputFile(opts.out, html);
  if (writesStdout(opts.out)) return;
  const what = opts.plan ? plural(count, "changed template") : plural(count, "template");
  writeErr(
    `Wrote ${inertLine(opts.out)} (${what}). Open it in a browser; it loads nothing from the network.\n`,
  );
}
