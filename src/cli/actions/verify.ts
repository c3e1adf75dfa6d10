import { checkTargets, inScope } from "../../plan/scope.js";
import {
  appsInScope,
  type ConfigOptions,
  loadChecked,
  parseFormat,
  type SandboxOptions,
  withProvider,
} from "../context.js";
import { writeErr, writeOut } from "../output.js";
import { checkJunitTarget } from "../output-file.js";
import { linesProgress, progressMode, waitsProgress } from "../progress.js";
import { runVerification, type VerifyCliOptions, writeJunit } from "../verification.js";

export async function runVerify(
  opts: ConfigOptions & SandboxOptions & VerifyCliOptions & { format?: string },
): Promise<void> {
  const format = parseFormat(opts.format, ["text", "json"] as const, "text");
  const say = (await checkJunitTarget(opts.junit, format)) ? writeErr : writeOut;
  const { declaration } = await loadChecked(opts, Date.now());
  const apps = appsInScope(declaration, opts.app, opts.shard);
  const scope = { apps: apps.map((a) => a.alias), targets: opts.target ?? [] };
  // verify looks at declared templates only: a target must name one of them (in a shard job, of
  // any app: the target may be another shard's)
  checkTargets(
    opts.target,
    declaration.templates.filter((t) => opts.shard !== undefined || scope.apps.includes(t.app)),
  );
  const byAlias = new Map(apps.map((a) => [a.alias, a]));
  const targets = declaration.templates
    .filter((t) => inScope(t, scope))
    .map((template) => ({ app: byAlias.get(template.app)!, template }));
  const progress = progressMode(format) === "silent" ? waitsProgress : linesProgress();
  const report = await withProvider(opts, (provider, env, stop) =>
    runVerification(targets, provider, env, opts, progress.emit, stop),
  );
  const { verifyExitCode } = await import("../../verify/index.js");
  if (opts.junit) await writeJunit(opts.junit, report);
  if (format === "json") say((await import("../../render/verify-json.js")).renderVerifyJson(report));
  else say((await import("../../render/verify-text.js")).renderVerifyText(report));
  process.exitCode = verifyExitCode(report);
}
