// One duration notation for templates.yaml, flags, environment variables, the sandbox admin API
// and what waform prints. The earlier three parsers each refused inputs another accepted; the
// table shows the cases where they differed, and the one answer now.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDuration, formatDurationRounded, parseDuration } from "../../src/model/duration.js";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("parseDuration", () => {
  it.each([
    // what the declaration's parser read
    ["14d", 14 * D],
    ["1d12h", 36 * H],
    ["90m", 90 * M],
    ["2w", 14 * D],
    ["0d", 0],
    // what only the sandbox's read (bare milliseconds, decimals, spaces, any case)
    ["1500", 1500],
    ["500ms", 500],
    ["1.5s", 1500],
    [" 3 s ", 3 * S],
    ["3S", 3 * S],
    // what only the declaration's read (several parts, weeks), now in the sandbox too
    ["1h30m", 90 * M],
    ["1w2d", 9 * D],
    // what waform prints reads back
    ["1m33s", 93 * S],
    ["1m 33s", 93 * S],
  ])("%j is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    "",
    " ",
    "14 days",
    "soon",
    "later",
    "d",
    "1d12",
    "1.5.5s",
    "-1s",
    "1e3",
    "1mo",
    "9999999999999d",
  ])("%j is not a duration", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it("reads `ms` as milliseconds, not minutes and a stray s", () => {
    expect(parseDuration("1m500ms")).toBe(M + 500);
  });
});

describe("formatDuration (exact)", () => {
  it.each([
    [0, "0s"],
    [500, "500ms"],
    [36 * H, "1d12h"],
    [14 * D, "14d"],
    [10 * M, "10m"],
    [H + 59 * S, "1h59s"],
  ])("%d ms is %j", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("reads back as the same milliseconds, for any duration", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (ms) => parseDuration(formatDuration(ms)) === ms),
    );
  });
});

describe("formatDurationRounded (for people)", () => {
  it.each([
    [0, "0s"],
    [350, "350ms"],
    [1534, "1.5s"],
    [3000, "3s"],
    [9960, "10s"],
    [12_345, "12s"],
    [59_600, "1m"],
    [93 * S, "1m33s"],
    [5 * M, "5m"],
    [H + 59 * S, "1h1m"],
    [2 * H + 5 * M + 13 * S, "2h5m"],
    [3 * D + 4 * H + 31 * M, "3d5h"],
  ])("%d ms is %j", (ms, text) => {
    expect(formatDurationRounded(ms)).toBe(text);
  });

  it("can be typed back in, and is off by at most half its last unit", () => {
    const halfStep = (ms: number) =>
      ms < S ? 0.5 : ms < 10 * S ? 50 : ms < H ? S / 2 : ms < D ? M / 2 : H / 2;
    const anyScale = fc.oneof(
      ...[0, S, 10 * S, M, H, D, 30 * D].map((min, i, all) =>
        fc.integer({ min, max: (all[i + 1] ?? 1000 * D) - 1 }),
      ),
    );
    fc.assert(
      fc.property(anyScale, (ms) => {
        const back = parseDuration(formatDurationRounded(ms));
        return back !== undefined && Math.abs(back - ms) <= halfStep(ms);
      }),
    );
  });
});
