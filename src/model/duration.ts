// Durations, read and written in one notation: what people type in templates.yaml (`expiresIn:
// 14d`), on the command line (`--wait-timeout 10m`), in environment variables and in the sandbox's
// admin calls, and what waform prints back (`approved in 1m33s`, `timed out after 10m`), so any
// duration waform shows can be typed back in.

const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;
/** The units written out, largest first (weeks are read, never written: `14d`, not `2w`). */
const WRITTEN: readonly Unit[] = ["d", "h", "m", "s", "ms"];

// `ms` before `m`, so `500ms` is not read as 500 minutes and an `s`
const PART = /\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/iy;
const BARE_NUMBER = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * Milliseconds of a duration: one or more parts such as `14d`, `1d12h`, `1m 30s`, `1.5s`, `500ms`
 * (units w d h m s ms, any case), or a bare number of milliseconds (`1500`); undefined when the
 * text is none of these or too large to count in whole milliseconds.
 */
export function parseDuration(text: string): number | undefined {
  if (BARE_NUMBER.test(text)) return whole(Number(text));
  let total = 0;
  let at = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) {
    total += Number(m[1]) * UNIT_MS[(m[2] as string).toLowerCase() as Unit];
    at = PART.lastIndex;
  }
  if (at === 0 || text.slice(at).trim() !== "") return undefined;
  return whole(total);
}

function whole(ms: number): number | undefined {
  const rounded = Math.round(ms);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}

/** The exact duration in the fewest parts: `0s`, `1d12h`, `1m0s5ms` → `parseDuration` gives `ms` back. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest === 0) return "0s";
  let out = "";
  for (const unit of WRITTEN) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * UNIT_MS[unit];
    }
  }
  return out;
}

/**
 * A duration for people: its largest unit and the one below it, rounded there (`1m33s`, `2h5m`,
 * `3d4h`); under ten seconds to a tenth (`1.5s`), under one second in ms (`350ms`).
 */
export function formatDurationRounded(ms: number): string {
  const exact = Math.max(0, Math.round(ms));
  if (exact === 0) return "0s";
  if (exact < 1000) return `${exact}ms`;
  if (exact < 10_000) return `${Math.round(exact / 100) / 10}s`;
  const largest = WRITTEN.findIndex((u) => exact >= UNIT_MS[u]);
  const step = Math.max(UNIT_MS.s, UNIT_MS[WRITTEN[largest + 1] ?? "s"]);
  return formatDuration(Math.round(exact / step) * step);
}
