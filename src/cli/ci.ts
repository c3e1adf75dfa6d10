// What waform does differently inside a CI runner. In GitHub Actions, diagnostics also go out as
// workflow commands (annotations on the pull request's lines) and reports are appended to the
// job's step summary. Both go beside the normal output, never into stdout, so `--format json`
// stays the only thing on stdout.

import { appendFile } from "node:fs/promises";
import type { Diagnostic } from "../model/diagnostic.js";
import { inGithubActions, writeAnnotations, writeErr } from "./output.js";
import { checkData } from "./secrets.js";

export { inGithubActions };

/**
 * `::error file=…,line=…,col=…::` for each diagnostic, on stderr (the runner reads both streams):
 * the only workflow commands waform writes (every other line is neutralised by output.ts).
 */
export async function annotateDiagnostics(
  diagnostics: readonly Diagnostic[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (!inGithubActions(env) || diagnostics.length === 0) return;
  const { renderGithubAnnotations } = await import("../render/diagnostics.js");
  writeAnnotations(renderGithubAnnotations(diagnostics));
}

/**
 * Appends Markdown to `$GITHUB_STEP_SUMMARY` when the runner set it (GitHub Actions; other CIs may
 * set it too). A summary that cannot be written is a warning, not a failed plan.
 */
export async function appendStepSummary(
  markdown: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const file = env["GITHUB_STEP_SUMMARY"];
  if (!file) return;
  // a report, like stdout: verbatim, refused if it would carry a credential
  const report = checkData(markdown, "the step summary", env);
  try {
    await appendFile(file, `${report.trimEnd()}\n\n`, "utf8");
  } catch (err) {
    writeErr(
      `warning: could not append to $GITHUB_STEP_SUMMARY: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`,
    );
  }
}
