// The embedded sandbox behind `--sandbox`: a Partner API simulator in this process, on an
// ephemeral loopback port, with its state in a file so consecutive runs see the same remote.

import { resolve } from "node:path";
import { parseDuration } from "../model/duration.js";
import { UserError } from "../model/errors.js";
import { startSandbox } from "../sandbox/index.js";

export const DEFAULT_STATE_FILE = ".waform/sandbox.json";
/** Short, so `apply --sandbox` then `verify --sandbox` shows approval within seconds. */
export const DEFAULT_EMBEDDED_APPROVAL_DELAY_MS = 3000;
/** Stands in for every credential (short, so output redaction never masks ordinary words). */
export const SANDBOX_CREDENTIAL = "any";

export interface EmbeddedSandbox {
  baseUrl: string;
  /**
   * Environment overrides for everything that talks to the sandbox: base URLs of the Partner API
   * and of the send APIs it simulates, placeholder credentials, and blanks for every real Gupshup
   * credential found in `process.env`, so that `{ ...process.env, ...env }` never sends one here.
   */
  env: Record<string, string>;
  close(): Promise<void>;
}

function approvalDelay(explicit: number | undefined, env: NodeJS.ProcessEnv): number {
  if (explicit !== undefined) return explicit;
  const text = env["WAFORM_SANDBOX_APPROVAL_DELAY"]?.trim();
  if (!text) return DEFAULT_EMBEDDED_APPROVAL_DELAY_MS;
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new UserError(
      `WAFORM_SANDBOX_APPROVAL_DELAY is not a duration: ${JSON.stringify(text)}`,
      "use e.g. 3s, 500ms or 1m",
    );
  }
  return ms;
}

/** The environment a client needs to use a sandbox at `baseUrl` instead of the real APIs. */
export function sandboxEnv(baseUrl: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(env)) {
    if (/^GUPSHUP_APP_TOKEN_/.test(name)) out[name] = "";
  }
  return {
    ...out,
    GUPSHUP_UNIVERSAL_TOKEN: "",
    GUPSHUP_EMAIL: "",
    GUPSHUP_SECRET: "",
    GUPSHUP_BASE_URL: baseUrl,
    GUPSHUP_PARTNER_TOKEN: SANDBOX_CREDENTIAL,
    GUPSHUP_API_BASE_URL: baseUrl,
    GUPSHUP_API_KEY: SANDBOX_CREDENTIAL,
    KALEYRA_BASE_URL: baseUrl,
    KALEYRA_API_KEY: SANDBOX_CREDENTIAL,
    KALEYRA_SID: "sandbox",
  };
}

export async function startEmbeddedSandbox(
  opts: { stateFile?: string; approvalDelayMs?: number } = {},
): Promise<EmbeddedSandbox> {
  const sandbox = await startSandbox({
    stateFile: resolve(opts.stateFile ?? DEFAULT_STATE_FILE),
    approvalDelayMs: approvalDelay(opts.approvalDelayMs, process.env),
  });
  return { baseUrl: sandbox.url, env: sandboxEnv(sandbox.url), close: () => sandbox.close() };
}
