// Offer expiries are always sent as an absolute epoch time in milliseconds (send-apis.md §1.3,
// decision #4): the seeds' own example `1209600000` is a 14-day duration that an API reading it
// as absolute would turn into an offer that expired in 1970.

import { UserError } from "../../model/errors.js";
import type { OfferExpiry } from "../../model/template.js";

/** Below this an epoch-ms value is before 2001-09-09: almost surely a duration typed as a time. */
export const MIN_ABSOLUTE_EPOCH_MS = 1e12;

/** The absolute expiry (epoch ms) to send, or a UserError naming the template `key`. */
export function resolveOfferExpiry(expiry: OfferExpiry | undefined, now: number, key: string): number {
  if (!expiry) {
    throw new UserError(
      `${key}: the offer has an expiration (hasExpiration: true), so the test block needs an expiry`,
      "set test.expiry to a duration (e.g. 14d) or an absolute ISO time",
    );
  }
  if (expiry.kind === "duration") {
    if (!Number.isFinite(expiry.ms) || expiry.ms <= 0) {
      throw new UserError(`${key}: test.expiry must be a positive duration, got ${expiry.ms} ms`);
    }
    return Math.round(now + expiry.ms);
  }
  const at = expiry.epochMs;
  if (!Number.isFinite(at)) throw new UserError(`${key}: test.expiry is not a valid time`);
  if (at < MIN_ABSOLUTE_EPOCH_MS) {
    throw new UserError(
      `${key}: test.expiry ${at} looks like a duration, not an absolute time (epoch ms below 10^12 is before 2001)`,
      `write it as a duration (e.g. ${humanDays(at)}) or as an ISO time`,
    );
  }
  if (at <= now) {
    throw new UserError(
      `${key}: test.expiry ${new Date(at).toISOString()} is in the past (now is ${new Date(now).toISOString()})`,
      "an expired offer cannot be test-sent; use a later time or a duration",
    );
  }
  return Math.round(at);
}

function humanDays(ms: number): string {
  const days = ms / 86_400_000;
  return Number.isInteger(days) && days > 0 ? `${days}d` : `${ms}ms`;
}
