// Offer expiries in the `test:` block: a duration (`14d`, `36h`, `1d12h`) relative to the moment
// of sending, or an absolute time. Sends need absolute epoch milliseconds; the verify step adds the
// duration to its own clock (see OfferExpiry in model/).

const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
const PART = /(\d+)(ms|s|m|h|d|w)/g;
const WHOLE = /^(\d+(ms|s|m|h|d|w))+$/;

/** Milliseconds of a duration such as `14d` or `1d12h`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(PART)) total += Number(m[1]) * UNIT_MS[m[2] as Unit];
  return Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest duration text for `ms` (its inverse: `parseDuration(formatDuration(x)) === x`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  let rest = ms;
  let out = "";
  for (const unit of ["d", "h", "m", "s", "ms"] as const) {
    const size = UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

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
