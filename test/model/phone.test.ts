// One phone rule for the declaration, the template list read back and the send payloads. The
// table lists the cases where the three earlier copies disagreed, and what each said.

import { describe, expect, it } from "vitest";
import { UserError } from "../../src/model/errors.js";
import { isE164, normalizePhone } from "../../src/model/phone.js";
import { readButtons } from "../../src/providers/gupshup/mapping.js";
import { digitsOnly, e164 } from "../../src/providers/senders/phone.js";

const CASES: [input: string | number, e164: string | undefined, why: string][] = [
  // config accepted 8–15 digits, the senders 7–15: the shortest numbers in service have 7
  ["+683 4002", "+6834002", "Niue: 7 digits with the country code (config refused it)"],
  ["+690 3456", "+6903456", "Tokelau: 7 digits (config refused it)"],
  ["+68 3400", undefined, "6 digits cannot hold a country code and a number"],
  // the senders put a `+` before `00` and refused the result; 00 is the international prefix
  ["0091 99999 00001", "+919999900001", "00 prefix (the senders refused it)"],
  ["0091-99999-00001", "+919999900001", "00 prefix with hyphens"],
  // the same in every copy, kept
  ["+91 99999 00001", "+919999900001", "spaces"],
  ["+1 (555) 010-9999", "+15550109999", "parentheses and hyphen"],
  ["91.99999.00001", "+919999900001", "dots, no +: the digits start with the country code"],
  ["919999900001", "+919999900001", "bare digits as Gupshup writes them"],
  [919999900001, "+919999900001", "a YAML number"],
  ["+91\u00a099999\u00a000001", "+919999900001", "no-break spaces"],
  ["+123456789012345", "+123456789012345", "15 digits: the E.164 maximum"],
  ["+1234567890123456", undefined, "16 digits"],
  ["+0123456789", undefined, "a country code cannot start with 0"],
  ["0919999900001", undefined, "a national trunk 0 is not a country code"],
  ["++919999900001", undefined, "two plus signs"],
  ["+91 99999 00001 ext 2", undefined, "letters"],
  ["tel:+919999900001", undefined, "a URI, not a number"],
  ["", undefined, "empty"],
];

describe("normalizePhone: E.164 with +", () => {
  it.each(CASES)("%j → %s (%s)", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
    if (expected !== undefined) expect(isE164(expected)).toBe(true);
  });

  it("gives the same answer again for its own output", () => {
    for (const [input] of CASES) {
      const once = normalizePhone(input);
      if (once !== undefined) expect(normalizePhone(once)).toBe(once);
    }
  });

  it("isE164 wants the + form exactly", () => {
    expect(isE164("+919999900001")).toBe(true);
    expect(isE164("919999900001")).toBe(false);
    expect(isE164("+91 99999 00001")).toBe(false);
  });
});

describe("every caller uses the one rule", () => {
  it.each(CASES.filter(([input]) => typeof input === "string"))(
    "%j: send payloads take it or refuse it with the number named",
    (input, expected) => {
      const text = String(input);
      if (expected === undefined) {
        expect(() => e164(text, "destination")).toThrow(UserError);
        expect(() => e164(text, "destination")).toThrow(`destination ${JSON.stringify(text)} is not`);
      } else {
        expect(e164(text, "destination")).toBe(expected);
        expect(digitsOnly(text, "destination")).toBe(expected.slice(1));
      }
    },
  );

  it.each(CASES.filter(([input]) => typeof input === "string"))(
    "%j: a phone button read back from Gupshup is normalised, or kept as sent",
    (input, expected) => {
      const [button] = readButtons([{ type: "PHONE_NUMBER", text: "Call", phone_number: input }]).buttons;
      expect(button).toEqual({ type: "phone_number", text: "Call", phoneNumber: expected ?? String(input) });
    },
  );
});
