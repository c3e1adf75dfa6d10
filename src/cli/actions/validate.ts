// `waform validate`: load and lint the declaration, print every diagnostic, exit 1 on any error.
// Offline by construction: it imports config/ and render/diagnostics only (no HTTP client, no
// progress UI, no sandbox), which also keeps start-up fast.

import { hasErrors } from "../../model/diagnostic.js";
import { systemClock } from "../../platform/clock.js";
import {
  renderDiagnosticsJson,
  renderDiagnosticsText,
  renderSummaryLine,
  summarize,
} from "../../render/diagnostics.js";
import { annotateDiagnostics } from "../ci.js";
import { parseFormat } from "../context.js";
import { EXIT } from "../errors.js";
import { colorEnabled, writeOut } from "../output.js";

export interface ValidateOptions {
  file?: string[];
  format?: string;
}

export async function runValidate(opts: ValidateOptions): Promise<void> {
  const format = parseFormat(opts.format, ["text", "json"] as const, "text");
  const { loadDeclaration } = await import("../../config/load.js");
  const paths = opts.file?.length ? opts.file : ["templates.yaml"];
  const { declaration, diagnostics, files } = await loadDeclaration(paths, { now: systemClock.now() });
  const summary = summarize(diagnostics, {
    files: files.length,
    templates: declaration.templates.length,
    apps: declaration.apps.length,
  });
  if (format === "json") {
    writeOut(renderDiagnosticsJson(diagnostics, summary));
  } else {
    const color = colorEnabled();
    writeOut(renderDiagnosticsText(diagnostics, { color }) + renderSummaryLine(summary, { color }));
  }
  // stdout stays pure JSON in --format json; the runner reads workflow commands from stderr too
  await annotateDiagnostics(diagnostics);
  process.exitCode = hasErrors(diagnostics) ? EXIT.error : EXIT.ok;
}
