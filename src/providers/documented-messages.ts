// The error messages the Partner API documents for its 429 and 401 answers (reference §1.3, §9).
// They say what happened whatever status they come with (Gupshup also sends them in a 200 or 400
// `{"status":"error","message":…}` envelope), so the Partner API client and the send channels
// classify by them alike.

import type { RemoteErrorKind } from "../model/errors.js";

const TOO_MANY = /too many requests/i;
const AUTH_FAILED = /unauthori[sz]ed access|authentication failed/i;

/** The kind a documented message names (`rate_limited`, `auth`), or undefined for any other. */
export function kindNamedBy(
  message: string | undefined,
): Extract<RemoteErrorKind, "rate_limited" | "auth"> | undefined {
  if (!message) return undefined;
  if (TOO_MANY.test(message)) return "rate_limited";
  if (AUTH_FAILED.test(message)) return "auth";
  return undefined;
}
