// Offer expiries in the `test:` block: a duration relative to the moment of sending (`14d`, read by
// model/duration.ts), or an absolute time, read here. Sends need absolute epoch milliseconds; the
// verify step adds a duration to its own clock (see OfferExpiry in model/).

/** ISO 8601 with an explicit timezone; a local time would depend on the machine that runs waform. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export type AbsoluteTime = { ok: true; epochMs: number } | { ok: false; reason: string };

export function parseAbsoluteTime(value: string | number): AbsoluteTime {
  if (typeof value === "number") return { ok: true, epochMs: value };
  if (!ISO_WITH_ZONE.test(value)) {
    return { ok: false, reason: "expected an ISO 8601 time with a timezone, e.g. 2030-01-31T23:59:59Z" };
  }
  const epochMs = Date.parse(value);
  if (Number.isNaN(epochMs)) return { ok: false, reason: "not a valid date" };
  return { ok: true, epochMs };
}
