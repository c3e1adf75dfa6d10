// `waform sandbox`: the standalone simulator, for curl or any other client.

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
  const sandbox = await startSandbox({
    port,
    seed,
    approvalDelayMs,
    faults,
    ...(opts.state ? { stateFile: opts.state } : {}),
    ...(opts.rateLimits ? {} : { rateLimits: false }),
    onError: (err) =>
      writeErr(`sandbox: internal error: ${err instanceof Error ? err.message : String(err)}\n`),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE")
      throw new UserError(`port ${port} is already in use`, "pick another with --port");
    throw err;
  });

  writeOut(
    [
      `waform sandbox listening on ${sandbox.url}`,
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
