// Where the Partner API lives. Tokens travel in headers, so a plain-http base URL is refused
// unless it points at this machine (the sandbox).

import { UserError } from "../../model/errors.js";

export const DEFAULT_BASE_URL = "https://partner.gupshup.io";

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The base URL from the option, else GUPSHUP_BASE_URL, else the real API; no trailing slash. */
export function resolveBaseUrl(env: Readonly<Record<string, string | undefined>>, override?: string): URL {
  const fromEnv = env["GUPSHUP_BASE_URL"]?.trim();
  const source = override ? "the base URL" : fromEnv ? "GUPSHUP_BASE_URL" : "the default base URL";
  const text = override || fromEnv || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${source} is not a valid URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new UserError(
      `${source} uses plain http for ${url.hostname}: tokens would travel unencrypted`,
      "use https, or http only for a loopback address such as http://127.0.0.1 (the sandbox)",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UserError(`${source} must be an https URL, got ${JSON.stringify(text)}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new UserError(`${source} must not carry credentials, a query or a fragment`);
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}
