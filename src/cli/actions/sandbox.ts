// `waform sandbox`: the standalone simulator, for curl or any other client.

import { readFile } from "node:fs/promises";
import { fileErrorWords } from "../../config/files.js";
import { parseDuration } from "../../model/duration.js";
import { UserError } from "../../model/errors.js";
import { type FaultConfig, parseFaultSpec, startSandbox } from "../../sandbox/index.js";
import { writeErr, writeOut } from "../output.js";
import { SANDBOX_CREDENTIAL } from "../sandbox-embed.js";

export interface SandboxCommandOptions {
  port: string;
  state?: string;
  approvalDelay: string;
  seed: string;
  faults?: string;
  rateLimits: boolean;
  rows?: string;
  strict?: boolean;
  editOmitted: string;
}

/**
 * A rows file: `{"apps": {"<appId>": {"templates": [rows…]}}}`, each app's part shaped like a list
 * answer, so a real `GET …/templates` body can be pasted in.
 */
async function readRowsFile(file: string): Promise<{ appId: string; templates: unknown[] }[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    const why = err instanceof SyntaxError ? `not valid JSON: ${err.message}` : fileErrorWords(err);
    throw new UserError(`--rows ${file}: ${why}`);
  }
  const apps = (parsed as { apps?: unknown } | null)?.apps;
  if (!apps || typeof apps !== "object" || Array.isArray(apps)) {
    throw new UserError(`--rows ${file}: expected {"apps": {"<appId>": {"templates": [rows…]}}}`);
  }
  return Object.entries(apps).map(([appId, part]) => {
    const templates = (part as { templates?: unknown } | null)?.templates;
    if (!Array.isArray(templates)) {
      throw new UserError(`--rows ${file}: apps.${appId} has no templates list`);
    }
    return { appId, templates };
  });
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    throw new UserError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

export async function runSandbox(opts: SandboxCommandOptions): Promise<void> {
  const port = integer("--port", opts.port, 0, 65535);
  const seed = integer("--seed", opts.seed, 0, 2 ** 32 - 1);
  const approvalDelayMs = parseDuration(opts.approvalDelay);
  if (approvalDelayMs === undefined) {
    throw new UserError(
      `--approval-delay is not a duration: ${JSON.stringify(opts.approvalDelay)}`,
      "use e.g. 10s, 2m",
    );
  }
  let faults: FaultConfig = {};
  if (opts.faults) {
    try {
      faults = parseFaultSpec(opts.faults);
    } catch (err) {
      throw new UserError(`--faults: ${(err as Error).message}`);
    }
  }
  if (opts.editOmitted !== "keep" && opts.editOmitted !== "clear") {
    throw new UserError(`--edit-omitted must be keep or clear, got ${JSON.stringify(opts.editOmitted)}`);
  }
  const rows = opts.rows ? await readRowsFile(opts.rows) : [];
  const sandbox = await startSandbox({
    port,
    seed,
    approvalDelayMs,
    faults,
    editOmitted: opts.editOmitted,
    ...(opts.strict ? { strict: true } : {}),
    ...(opts.state ? { stateFile: opts.state } : {}),
    ...(opts.rateLimits ? {} : { rateLimits: false }),
    onError: (err) =>
      writeErr(`sandbox: internal error: ${err instanceof Error ? err.message : String(err)}\n`),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE")
      throw new UserError(`port ${port} is already in use`, "pick another with --port");
    throw err;
  });

  let loaded = 0;
  for (const { appId, templates } of rows) loaded += sandbox.loadRows(appId, templates);

  writeOut(
    [
      `waform sandbox listening on ${sandbox.url}`,
      ...(opts.rows
        ? [
            `  loaded ${loaded} raw row${loaded === 1 ? "" : "s"} for ${rows.length} app${rows.length === 1 ? "" : "s"} from ${opts.rows}`,
          ]
        : []),
      `  state: ${opts.state ?? "in memory"}; approval delay: ${opts.approvalDelay}; rate limits: ${opts.rateLimits ? "on" : "off"}${opts.faults ? `; faults: ${opts.faults}` : ""}`,
      "",
      "Point waform (or curl) at it with:",
      `  export GUPSHUP_BASE_URL=${sandbox.url}`,
      `  export GUPSHUP_PARTNER_TOKEN=${SANDBOX_CREDENTIAL}`,
      "",
      `Admin API: ${sandbox.url}/__sandbox/ (see src/sandbox/README.md). Stop with Ctrl-C.`,
      "",
    ].join("\n"),
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await sandbox.close();
  writeOut("waform sandbox stopped\n");
}
