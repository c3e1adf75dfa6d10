// Classifies every failure into a RemoteError kind (model/errors.ts). Kinds drive retries: only
// rate_limited and transient are retried, and `ambiguous` tells apply to re-read the remote before
// retrying a write. Messages carry the provider's own words, cleaned of every known secret.

import { RemoteError } from "../../model/errors.js";
import { kindNamedBy } from "../documented-messages.js";
import { NOT_SENT_CODES, networkErrorCode } from "../network-errors.js";
import { plainWords } from "../plain-words.js";
import { rateLimitWaitMs } from "../retry-after.js";
import { editQuotaRefusal } from "./edit-quota.js";
import { errorMessageOf } from "./mapping.js";
import type { SecretSet } from "./secrets.js";

export interface CallInfo {
  method: string;
  /** Path without query, for messages (it holds app ids and template names, never tokens). */
  path: string;
}

/** Longest provider message we quote; longer ones are cut (after secrets are masked). */
const MAX_MESSAGE = 500;

/** A request that may have changed something on the remote. */
export function mayChangeRemote(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

function quote(text: string, secrets: SecretSet): string {
  const clean = secrets.clean(text).replace(/\s+/g, " ").trim();
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

function where(info: CallInfo): string {
  return `(${info.method} ${info.path})`;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function field(v: unknown, key: string): string | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const x = (v as Record<string, unknown>)[key];
  return typeof x === "string" && x.trim() !== "" ? x.trim() : undefined;
}

/**
 * The provider's words: its message, and for a relayed Meta error whose `message` is generic
 * ("(#100) Invalid parameter") the `error_user_title` and `error_user_msg` that say what was wrong.
 */
function providerWords(body: unknown): string | undefined {
  const message = errorMessageOf(body);
  const meta = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  const extra = [field(meta, "error_user_title"), field(meta, "error_user_msg")].filter(
    (t): t is string => t !== undefined && t !== message,
  );
  if (extra.length === 0) return message;
  return [message, extra.join(": ")].filter(Boolean).join(" — ");
}

/** The words of a body that is not a JSON envelope: a JSON string, or plain text or HTML. */
function bareWords(body: unknown, text: string): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  return body === undefined ? plainWords(text) : undefined;
}

/** An edit (`PUT …/templates/{id}`): the only call Meta's edit quota can refuse. */
function isEdit(info: CallInfo): boolean {
  return info.method === "PUT" && /\/templates\/[^/]+\/?$/.test(info.path);
}

const ALREADY_EXISTS = /already exists/i;
const NOT_FOUND = /no template found|does not exist|template does not exists|not found|does not match/i;
const TRY_LATER = /try (again )?after some ?time|try again later/i;

/** An HTTP answer that is not a success (or a 2xx carrying an error envelope). */
export function errorFromResponse(
  info: CallInfo,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  secrets: SecretSet,
  now: number,
): RemoteError {
  const body = parseBody(bodyText);
  // masked before it is cut: a secret cut in two would no longer be found
  const plain = bareWords(body, secrets.clean(bodyText));
  const providerMessage = providerWords(body) ?? plain;
  // an envelope's message stands alone; a bare text or a page is said with its status
  const said = providerMessage
    ? `${plain === undefined ? "" : `HTTP ${status}: `}${quote(providerMessage, secrets)}`
    : `HTTP ${status}`;
  const message = `${said} ${where(info)}`;
  const writes = mayChangeRemote(info.method);
  if (status >= 300 && status < 400) {
    // not followed: a redirect of an API call most likely means a wrong base URL (http for https)
    const to = headers["location"];
    const location = Array.isArray(to) ? to[0] : to;
    const target = location ? ` to ${quote(location, secrets)}` : "";
    return new RemoteError(
      "invalid",
      `HTTP ${status}: redirected${target}; waform does not follow redirects of API calls, check GUPSHUP_BASE_URL ${where(info)}`,
      { status },
    );
  }
  if (status === 401) return new RemoteError("auth", message, { status });
  if (status < 500 && isEdit(info)) {
    const refusal = editQuotaRefusal(body, bodyText);
    if (refusal) return new RemoteError("quota", message, { status, quotaWindowMs: refusal.windowMs });
  }
  if (status === 403) {
    return new RemoteError(
      providerMessage && NOT_FOUND.test(providerMessage) ? "not_found" : "auth",
      message,
      {
        status,
      },
    );
  }
  // a 429's message in another answer (a 200 envelope, a 400) is still a rate limit
  const named = kindNamedBy(providerMessage);
  if (status === 429 || (status < 500 && named === "rate_limited")) {
    const wait = rateLimitWaitMs(headers, now);
    return new RemoteError(
      "rate_limited",
      message,
      wait === undefined ? { status } : { status, retryAfterMs: wait },
    );
  }
  if (status >= 500 || status === 408) {
    // the body may have been processed before the server failed
    return new RemoteError("transient", message, { status, ambiguous: writes });
  }
  if (status === 404) return new RemoteError("not_found", message, { status });
  if (named === "auth") return new RemoteError("auth", message, { status });
  if (status === 409 || (providerMessage && ALREADY_EXISTS.test(providerMessage))) {
    return new RemoteError("conflict", message, { status });
  }
  if (providerMessage && NOT_FOUND.test(providerMessage))
    return new RemoteError("not_found", message, { status });
  if (providerMessage && TRY_LATER.test(providerMessage))
    return new RemoteError("transient", message, { status });
  return new RemoteError("invalid", message, { status });
}

/** A failure below HTTP: no connection, reset, timeout. */
export function errorFromFailure(info: CallInfo, err: unknown): RemoteError {
  const code = networkErrorCode(err) ?? "unknown";
  const writes = mayChangeRemote(info.method);
  if (NOT_SENT_CODES.has(code)) {
    const what = code === "UND_ERR_CONNECT_TIMEOUT" ? "timed out connecting to" : "could not connect to";
    return new RemoteError("transient", `${what} the Partner API [${code}] ${where(info)}`);
  }
  const what =
    code === "UND_ERR_HEADERS_TIMEOUT"
      ? "timed out waiting for the response"
      : code === "UND_ERR_BODY_TIMEOUT"
        ? "timed out reading the response"
        : code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE"
          ? "the connection was closed before a response arrived"
          : "network failure";
  return new RemoteError("transient", `${what} [${code}] ${where(info)}`, { ambiguous: writes });
}

/** A success status whose body is unusable (not JSON, wrong shape, too big). */
export function malformedResponse(info: CallInfo, status: number, problem: string): RemoteError {
  // a write that got a garbled 2xx most likely took effect: reconcile before retrying
  return new RemoteError("invalid", `malformed response from the Partner API: ${problem} ${where(info)}`, {
    status,
    ambiguous: mayChangeRemote(info.method),
  });
}
