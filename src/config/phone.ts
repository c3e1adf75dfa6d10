// Phone numbers are written many ways ("+91 99999 00001", "919999900001", 00919999900001) and
// stored one way: E.164 with a leading `+`.

const SEPARATORS = /[\s\-().]/g;

/** E.164 with `+`, or undefined when the value cannot be a phone number with country code. */
export function normalizePhone(value: string | number): string | undefined {
  let text = typeof value === "number" ? String(value) : value.replace(SEPARATORS, "");
  if (text.startsWith("+")) text = text.slice(1);
  else if (text.startsWith("00")) text = text.slice(2);
  // E.164: a country code that does not start with 0, at most 15 digits in all
  if (!/^[1-9]\d{7,14}$/.test(text)) return undefined;
  return `+${text}`;
}
