// Credentials come from the environment only. A missing one is a UserError that names the
// variable, never its value.

import { UserError } from "../../model/errors.js";

export type Env = Readonly<Record<string, string | undefined>>;

export function requireEnv(env: Env, name: string, channel: string): string {
  const value = env[name]?.trim();
  if (!value) {
    throw new UserError(
      `${name} is not set: the ${channel} channel needs it`,
      `export ${name}=… and run again`,
    );
  }
  return value;
}

/** A base URL from the environment (or the default), without a trailing slash. Keys travel in
 * headers, so plain http is allowed only for this machine (the sandbox). */
export function baseUrl(env: Env, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${name} is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UserError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new UserError(
      `${name} uses plain http for ${url.hostname}: the API key would travel unencrypted`,
      "use https, or http only for a loopback address such as http://127.0.0.1 (the sandbox)",
    );
  }
  return value.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
