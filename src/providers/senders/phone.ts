// Payloads take phone numbers in waform's E.164 form (model/phone.ts); Gupshup wants bare digits.

import { UserError } from "../../model/errors.js";
import { normalizePhone } from "../../model/phone.js";

/** The number as E.164 with `+`, or a UserError saying which number (`what`) is wrong. */
export function e164(number: string, what: string): string {
  const phone = normalizePhone(number);
  if (phone === undefined) {
    throw new UserError(
      `${what} ${JSON.stringify(number)} is not a phone number in E.164 form (e.g. +918888998545)`,
    );
  }
  return phone;
}

/** The number as digits only (country code first, no `+`). */
export function digitsOnly(number: string, what: string): string {
  return e164(number, what).slice(1);
}
