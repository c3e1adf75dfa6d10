import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY, isAmbiguous, retryDelayMs } from "../../src/apply/retry.js";
import { RemoteError } from "../../src/model/errors.js";

const policy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 8_000 };
const transient = new RemoteError("transient", "Bad Gateway", { status: 502 });

describe("retryDelayMs", () => {
  it("waits what the server asked for when it said", () => {
    const err = new RemoteError("transient", "Service Unavailable", { status: 503, retryAfterMs: 42_000 });
    expect(retryDelayMs(1, err, policy, () => 0)).toBe(42_000);
  });

  it("waits nothing after a 429: the rate budget holds the retry until its pause ends", () => {
    const err = new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs: 42_000 });
    expect(retryDelayMs(1, err, policy, () => 0.5)).toBe(0);
    expect(retryDelayMs(4, new RemoteError("rate_limited", "Too Many Requests"), policy, () => 0.5)).toBe(0);
  });

  it("is full jitter below a ceiling that doubles per attempt up to the maximum", () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, transient, policy, () => 0.999_999));
    expect(ceilings).toEqual([999, 1_999, 3_999, 7_999, 7_999, 7_999]);
    expect(retryDelayMs(3, transient, policy, () => 0)).toBe(0);
    expect(retryDelayMs(3, transient, policy, () => 0.5)).toBe(2_000);
  });

  it("has defaults a run can live with", () => {
    expect(DEFAULT_RETRY.maxAttempts).toBeGreaterThan(1);
    expect(DEFAULT_RETRY.maxDelayMs).toBeGreaterThanOrEqual(DEFAULT_RETRY.baseDelayMs);
  });
});

describe("isAmbiguous", () => {
  it.each([
    [
      "a lost response the provider flagged",
      new RemoteError("transient", "reset", { ambiguous: true }),
      true,
    ],
    ["a timeout, no response at all", new RemoteError("transient", "timed out"), true],
    [
      "a 503 the provider says did nothing",
      new RemoteError("transient", "unavailable", { status: 503 }),
      false,
    ],
    ["a 429", new RemoteError("rate_limited", "Too Many Requests", { status: 429 }), false],
    ["a 400", new RemoteError("invalid", "bad", { status: 400 }), false],
  ])("%s: %s", (_label, error, expected) => {
    expect(isAmbiguous(error)).toBe(expected);
  });
});
