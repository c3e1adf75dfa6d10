// The sandbox accepts any non-empty key. These values make it answer with the documented error
// bodies instead, so clients can be tested against every failure (see README.md).

/** As an API key (`apikey` / `api-key`): authentication failure. */
export const INVALID_KEY = "invalid-key";

/** Recipient numbers (digits, after an optional `+`) starting with these trigger an error. */
export const RECIPIENT_PREFIX = {
  /** Kaleyra `E110` low balance (400). */
  lowBalance: "999110",
  /** Gupshup `Invalid Destination` (400); Kaleyra `WA400`. */
  invalidDestination: "999400",
  /** Gupshup 500; Kaleyra `WA500` (500). */
  serverError: "999500",
} as const;

/** Sender numbers (Kaleyra v1 `from`, Kaleyra v2 path number) starting with this: Kaleyra `WA401`. */
export const FOREIGN_SENDER_PREFIX = "999401";

export function digitsOf(number: string): string {
  return number.replace(/^\+/, "");
}

export function hasPrefix(number: string, prefix: string): boolean {
  return digitsOf(number).startsWith(prefix);
}
