// Phone numbers are E.164 with `+` inside waform (decision #21); Gupshup wants bare digits.

import { UserError } from "../../model/errors.js";

const E164 = /^\+[1-9]\d{6,14}$/;

/** The number as E.164 with `+`, or a UserError saying which number (`what`) is wrong. */
export function e164(number: string, what: string): string {
  const compact = number.replace(/[\s().-]/g, "");
  const withPlus = compact.startsWith("+") ? compact : `+${compact}`;
  if (!E164.test(withPlus)) {
    throw new UserError(
      `${what} ${JSON.stringify(number)} is not a phone number in E.164 form (e.g. +918888998545)`,
    );
  }
  return withPlus;
}

/** The number as digits only (country code first, no `+`). */
export function digitsOnly(number: string, what: string): string {
  return e164(number, what).slice(1);
}
