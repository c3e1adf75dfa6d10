import { describe, expect, it } from "vitest";
import { RemoteError, UserError } from "../../src/model/errors.js";
import type { CoreEvent } from "../../src/model/events.js";
import type { ChannelName, DesiredTemplate, RemoteTemplate } from "../../src/model/template.js";
import { resolveChannel } from "../../src/verify/channel.js";
import { runTestSends, sendTests } from "../../src/verify/test-sends.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { app, desired, fakeChannels } from "./doubles.js";

function remoteOf(t: DesiredTemplate): RemoteTemplate {
  return { ...t, id: `id-${t.name}`, status: "APPROVED" };
}

function target(alias: string, name: string, test?: Parameters<typeof desired>[1], channel?: ChannelName) {
  const template = desired({ app: alias, name, language: "en" }, test);
  return { app: app(alias, channel ? { channel } : {}), template, remote: remoteOf(template) };
}

describe("channel precedence", () => {
  const withTest = (channel?: ChannelName) =>
    desired({ app: "a", name: "t", language: "en" }, channel ? { channel } : {});

  it("--channel beats the template, which beats the app, which beats the default", () => {
    expect(resolveChannel("kaleyra-v1", withTest("kaleyra-v2"), { channel: "gupshup" })).toBe("kaleyra-v1");
    expect(resolveChannel(undefined, withTest("kaleyra-v2"), { channel: "gupshup" })).toBe("kaleyra-v2");
    expect(resolveChannel(undefined, withTest(), { channel: "gupshup" })).toBe("gupshup");
    expect(resolveChannel(undefined, withTest(), {})).toBe("gupshup-partner");
  });

  it("sends through the resolved channel", async () => {
    const clock = new VirtualClock();
    const ch = fakeChannels(clock);
    const deps = { channels: ch.get, clock };
    await sendTests(target("a", "by_app", {}, "gupshup"), deps);
    await sendTests(target("a", "by_template", { channel: "kaleyra-v2" }, "gupshup"), deps);
    await sendTests(target("a", "by_flag", { channel: "kaleyra-v2" }, "gupshup"), deps, {
      channel: "kaleyra-v1",
    });
    await sendTests(target("a", "by_default", {}), deps);
    expect(ch.allSent().map((s) => `${s.template}:${s.channel}`)).toEqual([
      "by_app:gupshup",
      "by_template:kaleyra-v2",
      "by_flag:kaleyra-v1",
      "by_default:gupshup-partner",
    ]);
  });
});

describe("sendTests", () => {
  it("sends to every destination with the remote id and the moment of sending, recording message ids", async () => {
    const clock = new VirtualClock();
    const ch = fakeChannels(clock);
    const events: CoreEvent[] = [];
    const t = target("shop", "offer", { destinations: ["+919800000001", "+919800000002"] });

    const out = await sendTests(t, { channels: ch.get, clock, emit: (e) => events.push(e) });

    expect(out).toEqual([
      {
        destination: "+919800000001",
        channel: "gupshup-partner",
        messageId: "gupshup-partner-msg-1",
        at: clock.now(),
        attempts: 1,
      },
      {
        destination: "+919800000002",
        channel: "gupshup-partner",
        messageId: "gupshup-partner-msg-2",
        at: clock.now(),
        attempts: 1,
      },
    ]);
    expect(ch.allSent().map((s) => [s.remoteId, s.now === s.at])).toEqual([
      ["id-offer", true],
      ["id-offer", true],
    ]);
    expect(events).toContainEqual({
      type: "test_sent",
      key: { app: "shop", name: "offer", language: "en" },
      destination: "+919800000002",
      messageId: "gupshup-partner-msg-2",
    });
  });

  it("sends nothing for a template without a test block", async () => {
    const clock = new VirtualClock();
    const ch = fakeChannels(clock);
    expect(await sendTests(target("shop", "plain"), { channels: ch.get, clock })).toEqual([]);
    expect(ch.allSent()).toEqual([]);
  });

  it("records a refused send against its destination and still sends to the others", async () => {
    const clock = new VirtualClock();
    const ch = fakeChannels(clock, (req) =>
      req.destination === "+919800000001"
        ? new RemoteError("invalid", "Invalid Destination", { status: 400 })
        : undefined,
    );
    const t = target("shop", "offer", { destinations: ["+919800000001", "+919800000002"] });
    const out = await sendTests(t, { channels: ch.get, clock });
    expect(out.map((o) => [o.messageId, o.error])).toEqual([
      [undefined, { kind: "invalid", message: "Invalid Destination", status: 400 }],
      ["gupshup-partner-msg-1", undefined],
    ]);
  });

  it("records bad test data (a past expiry) as a user error", async () => {
    const clock = new VirtualClock();
    const ch = fakeChannels(
      clock,
      () => new UserError("the offer expiry 2024-05-03T00:07:45Z is in the past"),
    );
    const t = target("shop", "lto", { expiry: { kind: "absolute", epochMs: 1714694865000 } });
    const [o] = await sendTests(t, { channels: ch.get, clock });
    expect(o!.error).toEqual({
      kind: "user",
      message: "the offer expiry 2024-05-03T00:07:45Z is in the past",
    });
  });

  it("records a channel that cannot be built (missing credentials) for every destination, sending nothing", async () => {
    const clock = new VirtualClock();
    const t = target("shop", "offer", {
      destinations: ["+919800000001", "+919800000002"],
      channel: "kaleyra-v2",
    });
    const out = await sendTests(t, {
      channels: () => {
        throw new UserError("KALEYRA_API_KEY is not set", "export it or choose another --channel");
      },
      clock,
    });
    expect(out.map((o) => [o.channel, o.attempts, o.error?.kind, o.error?.message])).toEqual([
      ["kaleyra-v2", 0, "user", "KALEYRA_API_KEY is not set (export it or choose another --channel)"],
      ["kaleyra-v2", 0, "user", "KALEYRA_API_KEY is not set (export it or choose another --channel)"],
    ]);
  });

  it("retries a rate-limited send after Retry-After", async () => {
    const clock = new VirtualClock();
    const ch = fakeChannels(clock, (_req, attempt) =>
      attempt === 1
        ? new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs: 7_000 })
        : undefined,
    );
    const [o] = await sendTests(target("shop", "offer", {}), { channels: ch.get, clock });
    expect(o).toMatchObject({ messageId: "gupshup-partner-msg-1", attempts: 2 });
    const [first, second] = ch.allSent();
    expect(second!.at - first!.at).toBe(7_000);
  });

  it("does not retry a send that may have gone through, to avoid a duplicate message", async () => {
    const clock = new VirtualClock();
    const ch = fakeChannels(clock, () => new RemoteError("transient", "socket hang up", { ambiguous: true }));
    const [o] = await sendTests(target("shop", "offer", {}), { channels: ch.get, clock });
    expect(o).toMatchObject({ attempts: 1, error: { kind: "transient", message: "socket hang up" } });
    expect(ch.allSent()).toHaveLength(1);
  });
});

describe("send pacing", () => {
  it("keeps each app within 10 sends a minute, apps in parallel", async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const ch = fakeChannels(clock);
    const destinations = Array.from({ length: 12 }, (_, i) => `+9198000000${String(i).padStart(2, "0")}`);

    await runTestSends(
      [
        target("a", "offer", { destinations }),
        target("b", "offer", { destinations: destinations.slice(0, 3) }),
      ],
      { channels: ch.get, clock },
    );

    const secondsOf = (alias: string) =>
      ch
        .allSent()
        .filter((s) => s.app === alias)
        .map((s) => (s.at - t0) / 1000);
    // 10 sends at once, the 11th and 12th a minute later; b's sends don't wait for a's budget
    expect(secondsOf("a")).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 60]);
    expect(secondsOf("b")).toEqual([0, 0, 0]);
  });

  it("honours a configured budget", async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const ch = fakeChannels(clock);
    const destinations = ["+919800000001", "+919800000002", "+919800000003"];
    await runTestSends(
      [target("a", "offer", { destinations })],
      { channels: ch.get, clock },
      { sendsPerMinute: 1 },
    );
    expect(ch.allSent().map((s) => (s.at - t0) / 1000)).toEqual([0, 60, 120]);
  });

  it("shares the budget between templates of one app", async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const ch = fakeChannels(clock);
    await runTestSends(
      [
        target("a", "one", { destinations: ["+919800000001", "+919800000002"] }),
        target("a", "two", { destinations: ["+919800000003"] }),
      ],
      { channels: ch.get, clock },
      { sendsPerMinute: 2 },
    );
    expect(ch.allSent().map((s) => `${s.template}@${(s.at - t0) / 1000}`)).toEqual([
      "one@0",
      "two@0",
      "one@60",
    ]);
  });
});
