// Offer expiries are always absolute epoch ms: a duration is added to the moment of sending; an
// absolute value that looks like a duration, or lies in the past, is refused.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/model/errors.js";
import { resolveOfferExpiry } from "../../../src/providers/senders/expiry.js";
import { createSendChannel } from "../../../src/providers/senders/index.js";
import { DAY_MS, ENV, NOW, requestOf, TEMPLATES, withTest } from "./fixtures.js";

const KEY = "shop/summer_lto/en_US";

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error("expected a UserError");
}

describe("resolveOfferExpiry", () => {
  it("turns a duration into now + duration, always after now and absolute", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: NOW, max: NOW + 400 * DAY_MS }),
        fc.integer({ min: 1, max: 365 * DAY_MS }),
        (now, ms) => {
          const at = resolveOfferExpiry({ kind: "duration", ms }, now, KEY);
          expect(at).toBe(now + ms);
          expect(at).toBeGreaterThan(now);
          expect(at).toBeGreaterThanOrEqual(1e12);
        },
      ),
    );
  });

  it("keeps a future absolute time as is", () => {
    expect(resolveOfferExpiry({ kind: "absolute", epochMs: NOW + 1 }, NOW, KEY)).toBe(NOW + 1);
  });

  it("refuses an absolute value below 10^12 as a duration, naming the template", () => {
    const err = refusal(() => resolveOfferExpiry({ kind: "absolute", epochMs: 1209600000 }, NOW, KEY));
    expect(err.message).toContain(KEY);
    expect(err.message).toMatch(/looks like a duration/);
    expect(err.hint).toMatch(/14d/);
  });

  it("refuses an absolute time in the past, or now", () => {
    for (const epochMs of [NOW - DAY_MS, NOW]) {
      const err = refusal(() => resolveOfferExpiry({ kind: "absolute", epochMs }, NOW, KEY));
      expect(err.message).toMatch(new RegExp(`^${KEY}: .*is in the past`));
    }
  });

  it("refuses a missing expiry and a non-positive duration", () => {
    expect(refusal(() => resolveOfferExpiry(undefined, NOW, KEY)).message).toMatch(/needs an expiry/);
    expect(refusal(() => resolveOfferExpiry({ kind: "duration", ms: 0 }, NOW, KEY)).message).toMatch(
      /positive/,
    );
  });
});

describe("expiry in every channel's payload", () => {
  const lto = TEMPLATES["lto-expiry-image-url"];
  const channels = ["gupshup-partner", "gupshup", "kaleyra-v1", "kaleyra-v2"] as const;

  it.each(channels)(
    "%s sends now + the declared duration, and refuses a duration-like absolute",
    async (name) => {
      const channel = createSendChannel(name, { env: ENV });
      const later = NOW + 3 * DAY_MS;
      const text = JSON.stringify(await channel.prepare(requestOf(lto, { now: later })));
      expect(text).toContain(String(later + 14 * DAY_MS));

      const bad = withTest(lto, { expiry: { kind: "absolute", epochMs: 1209600000 } });
      await expect(channel.prepare(requestOf(bad))).rejects.toThrow(
        /summer_lto\/en_US: test\.expiry 1209600000 looks like a duration/,
      );
    },
  );

  it.each(channels)("%s sends no expiration for an offer without one", async (name) => {
    const t = withTest(TEMPLATES["lto-no-expiry"], { expiry: { kind: "duration", ms: DAY_MS } });
    const text = JSON.stringify(await createSendChannel(name, { env: ENV }).prepare(requestOf(t)));
    expect(text).not.toMatch(/expiration/);
  });
});
