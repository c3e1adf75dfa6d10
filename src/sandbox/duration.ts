// Durations as people type them on the command line and in environment variables.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `1500`, `500ms`, `3s`, `2m`, `1h`, `1d` → milliseconds; undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNITS[(m[2] ?? "ms").toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}
