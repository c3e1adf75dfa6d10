// Phone numbers are written many ways ("+91 99999 00001", "919999900001", "0091 99999 00001") and
// kept one way inside waform: E.164 with a leading `+` (send-apis.md decision #21). The declaration,
// the template list read back from Gupshup and the test-send payloads all go through this one rule.
//
// E.164 (ITU-T): a country code that does not start with 0, then the subscriber number; at most 15
// digits in all. The shortest numbers in service have 7 digits (Niue +683 and Tokelau +690 have
// 4-digit subscriber numbers), so fewer than 7 cannot be a number with its country code.

/** Spaces, hyphens, dots and parentheses people put between the digits. */
const SEPARATORS = /[\s\-().]/g;
const E164_DIGITS = /^[1-9]\d{6,14}$/;

/**
 * The number as E.164 with `+`, or undefined when it cannot be a phone number with country code.
 * A leading `+` or the international call prefix `00` marks the country code; without either, the
 * digits are taken to start with it (Gupshup and Meta write numbers that way).
 */
export function normalizePhone(value: string | number): string | undefined {
  let digits = typeof value === "number" ? String(value) : value.replace(SEPARATORS, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("00")) digits = digits.slice(2);
  return E164_DIGITS.test(digits) ? `+${digits}` : undefined;
}

/** True for a number already in waform's form: `+`, country code, at most 15 digits. */
export function isE164(text: string): boolean {
  return text.startsWith("+") && E164_DIGITS.test(text.slice(1));
}
