// Reading send responses tolerantly (send-apis.md decisions #5, #12, #13, #22): any 2xx with a
// message id is accepted, whatever the status word or code; Kaleyra's documented bodies are not
// even valid JSON. Failures become RemoteError with a kind that drives verify's retries.

import { RemoteError, type RemoteErrorKind } from "../../model/errors.js";
import { kindNamedBy } from "../documented-messages.js";
import { plainWords } from "../plain-words.js";
import { rateLimitWaitMs } from "../retry-after.js";
import type { HttpResponse } from "./http.js";
import type { SendResult } from "./port.js";

export interface ResponseContext {
  /** Channel name, prefixed to messages. */
  channel: string;
  /** Values that must never appear in a message (API keys), even if a provider echoes them. */
  secrets: readonly string[];
}

type Json = Record<string, unknown>;

/** Parses a JSON object, repairing the missing commas between lines of the seeds' samples. */
export function tolerantJson(text: string): Json | undefined {
  for (const candidate of [text, text.replace(/(["\d}\]el])\s*\n(\s*")/g, "$1,\n$2")]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Json;
      return undefined;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** Gupshup `/template/msg` (partner and self-serve). */
export function interpretGupshupResponse(res: HttpResponse, ctx: ResponseContext): SendResult {
  const body = tolerantJson(res.text);
  const messageId = str(body?.["messageId"]) ?? extract(res.text, "messageId");
  if (isSuccess(res.status) && messageId) return { messageId };

  const message = str(body?.["message"]) ?? plainWords(scrub(res.text, ctx.secrets)) ?? `HTTP ${res.status}`;
  throw gupshupError(message, res, ctx);
}

/**
 * Meta Cloud API format (Gupshup `/v3/message`): `{"messages":[{"id"}]}` on success, Meta's
 * `{"error":{"message","code"}}` or Gupshup's `{"status":"error","message"}` on failure.
 */
export function interpretMetaResponse(res: HttpResponse, ctx: ResponseContext): SendResult {
  const body = tolerantJson(res.text);
  const messages = body?.["messages"];
  const first = Array.isArray(messages) ? messages[0] : undefined;
  const messageId = first && typeof first === "object" ? str((first as Json)["id"]) : undefined;
  if (isSuccess(res.status) && messageId) return { messageId };
  const error = body?.["error"];
  const message =
    (error && typeof error === "object" ? str((error as Json)["message"]) : undefined) ??
    str(body?.["message"]) ??
    plainWords(scrub(res.text, ctx.secrets)) ??
    `HTTP ${res.status}`;
  throw gupshupError(message, res, ctx);
}

/**
 * A Gupshup send that gave no message id. Its status decides the kind, except that a 2xx or 4xx
 * answer whose message is one the Partner API documents (`Too Many Requests`, `Authentication
 * Failed`) is what that message says, as in the Partner API client.
 */
function gupshupError(message: string, res: HttpResponse, ctx: ResponseContext): RemoteError {
  const byStatus = isSuccess(res.status) ? "invalid" : kindForStatus(res.status);
  const named = res.status < 500 ? kindNamedBy(message) : undefined;
  const kind = byStatus === "invalid" ? (named ?? byStatus) : byStatus;
  const text = isSuccess(res.status) && !named ? `accepted without a message id: ${message}` : message;
  return remoteError(kind, `${ctx.channel}: ${text}`, res, ctx);
}

/** Kaleyra's Kaleyra-side error codes (seeds 000, 001, 004 and the v2 error-code page). */
const KALEYRA_CODES: Record<string, { kind: RemoteErrorKind; ambiguous?: boolean; hint?: string }> = {
  RBC001: { kind: "auth", hint: "check KALEYRA_SID and KALEYRA_API_KEY" },
  RBC201: { kind: "auth", hint: "check KALEYRA_SID and KALEYRA_API_KEY" },
  WA401: { kind: "auth", hint: "the sender number must be registered on this Kaleyra account" },
  "WA-401": { kind: "auth" },
  WA400: { kind: "invalid" },
  E110: { kind: "invalid", hint: "top up the Kaleyra balance, then retry" },
  // documented as "try again later": refused, so not sent
  WA500: { kind: "transient", ambiguous: false },
  WAV2101: { kind: "invalid", hint: "the daily account limit is reached; not retryable today" },
};

/** Kaleyra v1 (`data[0].message_id`) and v2 (`data.message_id`). */
export function interpretKaleyraResponse(res: HttpResponse, ctx: ResponseContext): SendResult {
  const body = tolerantJson(res.text);
  const data = body?.["data"];
  const first = Array.isArray(data) ? data[0] : data;
  const messageId =
    (first && typeof first === "object" ? str((first as Json)["message_id"]) : undefined) ??
    extract(res.text, "message_id");
  if (isSuccess(res.status) && messageId) return { messageId };

  const code = str(body?.["code"]) ?? extract(res.text, "code");
  const known = code ? KALEYRA_CODES[code] : undefined;
  const message = str(body?.["message"]) ?? extract(res.text, "message") ?? `HTTP ${res.status}`;
  const details = errorDetails(body?.["error"], message);
  const kind = known?.kind ?? (isSuccess(res.status) ? "invalid" : kindForStatus(res.status));
  const text = [
    `${ctx.channel}: ${code ? `${code} ` : ""}${message}`,
    details && `(${details})`,
    isSuccess(res.status) && !known && "accepted without a message id",
    known?.hint && `- ${known.hint}`,
  ]
    .filter(Boolean)
    .join(" ");
  throw remoteError(kind, text, res, ctx, known?.ambiguous);
}

function errorDetails(error: unknown, message: string): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const parts = Object.entries(error as Json)
    .filter(([, v]) => typeof v === "string" && v !== message)
    .map(([k, v]) => `${k}: ${v as string}`);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

function kindForStatus(status: number): RemoteErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "transient";
  return "invalid";
}

function remoteError(
  kind: RemoteErrorKind,
  message: string,
  res: HttpResponse,
  ctx: ResponseContext,
  ambiguous?: boolean,
): RemoteError {
  const wait = rateLimitWaitMs(res.headers, Date.now());
  return new RemoteError(kind, scrub(message, ctx.secrets), {
    status: res.status,
    ...(wait !== undefined && { retryAfterMs: wait }),
    // a 5xx may come after the provider accepted the message
    ambiguous: ambiguous ?? res.status >= 500,
  });
}

/** Masks every secret value (and its URL-encoded form) in a text. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("***");
  }
  return out;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function str(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Last resort for bodies that are not JSON even after repair: `"name": "value"`. */
function extract(text: string, name: string): string | undefined {
  const m = new RegExp(`"${name}"\\s*:\\s*"([^"]+)"`).exec(text);
  return m?.[1];
}
