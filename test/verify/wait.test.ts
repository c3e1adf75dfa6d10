import { describe, expect, it } from "vitest";
import { RemoteError } from "../../src/model/errors.js";
import type { CoreEvent } from "../../src/model/events.js";
import { pollInterval } from "../../src/verify/backoff.js";
import { type ApprovalTarget, waitForApproval } from "../../src/verify/wait.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { app, FakeProvider, type Scripted } from "./doubles.js";

const MIN = 60_000;

function fleet(apps: number, perApp: number, steps: Scripted["steps"]) {
  const templates: Scripted[] = [];
  const targets: ApprovalTarget[] = [];
  for (let a = 0; a < apps; a++) {
    const config = app(`app${a}`);
    for (let t = 0; t < perApp; t++) {
      const key = { app: config.alias, name: `offer_${t}`, language: "en" };
      templates.push({ ...key, steps });
      targets.push({ app: config, key });
    }
  }
  return { templates, targets };
}

describe("waitForApproval: polling cost", () => {
  it("lists each app once per cycle, however many templates wait (3 apps x 50 templates)", async () => {
    const clock = new VirtualClock();
    const { templates, targets } = fleet(3, 50, [
      { afterMs: 0, status: "PENDING" },
      { afterMs: 5 * MIN, status: "APPROVED" },
    ]);
    const provider = new FakeProvider(clock, templates, { latencyMs: 200 });

    const outcomes = await waitForApproval(targets, { provider, clock }, { timeoutMs: 60 * MIN });

    expect(outcomes).toHaveLength(150);
    expect(outcomes.every((o) => o.state === "approved")).toBe(true);
    const cycles = [...provider.callsByTime().values()];
    expect(cycles.length).toBeGreaterThan(3);
    for (const apps of cycles) expect(apps.sort()).toEqual(["app0", "app1", "app2"]);
  });

  it("makes the same calls for 1 template per app as for 50", async () => {
    const steps = [
      { afterMs: 0, status: "PENDING" },
      { afterMs: 7 * MIN, status: "APPROVED" },
    ];
    const calls = async (perApp: number) => {
      const clock = new VirtualClock();
      const { templates, targets } = fleet(3, perApp, steps);
      const provider = new FakeProvider(clock, templates);
      await waitForApproval(targets, { provider, clock }, { timeoutMs: 60 * MIN });
      return provider.calls.length;
    };
    const one = await calls(1);
    expect(await calls(50)).toBe(one);
  });

  it("stops listing an app once all of its templates have settled", async () => {
    const clock = new VirtualClock();
    const fast = app("fast");
    const slow = app("slow");
    const provider = new FakeProvider(clock, [
      { app: "fast", name: "a", language: "en", steps: [{ afterMs: 0, status: "APPROVED" }] },
      {
        app: "slow",
        name: "b",
        language: "en",
        steps: [
          { afterMs: 0, status: "PENDING" },
          { afterMs: 2 * MIN, status: "APPROVED" },
        ],
      },
    ]);
    await waitForApproval(
      [
        { app: fast, key: { app: "fast", name: "a", language: "en" } },
        { app: slow, key: { app: "slow", name: "b", language: "en" } },
      ],
      { provider, clock },
      { timeoutMs: 10 * MIN },
    );
    expect(provider.calls.filter((c) => c.app === "fast")).toHaveLength(1);
    expect(provider.calls.filter((c) => c.app === "slow").length).toBeGreaterThan(3);
  });
});

describe("waitForApproval: backoff", () => {
  it("starts at a few seconds and doubles up to a minute", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => pollInterval(n))).toEqual([
      3_000, 6_000, 12_000, 24_000, 48_000, 60_000, 60_000, 60_000,
    ]);
    expect(
      [0, 1, 2, 3].map((n) => pollInterval(n, { initialIntervalMs: 1_000, maxIntervalMs: 5_000 })),
    ).toEqual([1_000, 2_000, 4_000, 5_000]);
  });

  it("spaces its polls by the growing interval, with a last poll at the deadline", async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const a = app("shop");
    const key = { app: "shop", name: "slow", language: "en" };
    const provider = new FakeProvider(clock, [{ ...key, steps: [{ afterMs: 0, status: "PENDING" }] }]);

    await waitForApproval([{ app: a, key }], { provider, clock }, { timeoutMs: 5 * MIN });

    const at = provider.calls.map((c) => (c.at - t0) / 1000);
    // 3, 6, 12, 24, 48, 60, 60, 60 s of waiting, cut short at 300 s
    expect(at).toEqual([0, 3, 9, 21, 45, 93, 153, 213, 273, 300]);
  });

  it("polls with the `poll` priority, and announces each wait between polls once", async () => {
    const clock = new VirtualClock();
    const a = app("shop");
    const keys = ["x", "y"].map((name) => ({ app: "shop", name, language: "en" }));
    const provider = new FakeProvider(
      clock,
      keys.map((k) => ({
        ...k,
        steps: [
          { afterMs: 0, status: "PENDING" },
          { afterMs: 5_000, status: "APPROVED" },
        ],
      })),
    );
    const events: CoreEvent[] = [];
    await waitForApproval(
      keys.map((key) => ({ app: a, key })),
      { provider, clock, emit: (e) => events.push(e) },
      { timeoutMs: 5 * MIN },
    );
    // writes waiting on the same budget go first: polls take what is left
    expect(provider.calls.map((c) => c.priority)).toEqual(["poll", "poll", "poll"]);
    expect(events.filter((e) => e.type === "approval_wait")).toEqual([
      { type: "approval_wait", templates: 2, apps: 1, waitMs: 3_000 },
      { type: "approval_wait", templates: 2, apps: 1, waitMs: 6_000 },
    ]);
  });
});

describe("waitForApproval: outcomes", () => {
  it("reports one approval with its time, and one rejection with Meta's reason", async () => {
    const clock = new VirtualClock();
    const a = app("shop");
    const good = { app: "shop", name: "summer_offer", language: "en" };
    const bad = { app: "shop", name: "winter_offer", language: "en" };
    const provider = new FakeProvider(clock, [
      {
        ...good,
        steps: [
          { afterMs: 0, status: "PENDING" },
          { afterMs: 20_000, status: "APPROVED" },
        ],
      },
      {
        ...bad,
        steps: [
          { afterMs: 0, status: "PENDING" },
          { afterMs: 10_000, status: "REJECTED", reason: "INVALID_FORMAT: variables at the start" },
        ],
      },
    ]);
    const events: CoreEvent[] = [];

    const [approved, rejected] = await waitForApproval(
      [
        { app: a, key: good },
        { app: a, key: bad },
      ],
      { provider, clock, emit: (e) => events.push(e) },
      { timeoutMs: 10 * MIN },
    );

    // polls at 0, 3, 9 and 21 s: both changes are first seen at 21 s
    expect(approved).toMatchObject({ state: "approved", status: "APPROVED", initialStatus: "PENDING" });
    expect(approved!.timeToApprovalMs).toBe(21_000);
    expect(approved!.remote?.id).toBe("id-shop-summer_offer-en");
    expect(rejected).toMatchObject({
      state: "rejected",
      status: "REJECTED",
      reason: "INVALID_FORMAT: variables at the start",
    });
    expect(rejected!.timeToApprovalMs).toBeUndefined();
    expect(events).toContainEqual({
      type: "status_changed",
      key: bad,
      from: "PENDING",
      to: "REJECTED",
      reason: "INVALID_FORMAT: variables at the start",
    });
    expect(events.filter((e) => e.type === "status_changed").map((e) => `${e.key.name}:${e.to}`)).toEqual([
      "summer_offer:PENDING",
      "winter_offer:PENDING",
      "summer_offer:APPROVED",
      "winter_offer:REJECTED",
    ]);
  });

  it("reports an already approved template at the first poll, with no waiting", async () => {
    const clock = new VirtualClock();
    const key = { app: "shop", name: "old", language: "en" };
    const provider = new FakeProvider(clock, [{ ...key, steps: [{ afterMs: 0, status: "approved" }] }]);
    const [o] = await waitForApproval([{ app: app("shop"), key }], { provider, clock }, { timeoutMs: MIN });
    expect(o).toMatchObject({
      state: "approved",
      initialStatus: "APPROVED",
      timeToApprovalMs: 0,
      waitedMs: 0,
    });
    expect(provider.calls).toHaveLength(1);
  });

  it("times out on a template still in review, saying how it was last seen", async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const key = { app: "shop", name: "slow", language: "en" };
    const provider = new FakeProvider(clock, [
      {
        ...key,
        steps: [
          { afterMs: 0, status: "PENDING" },
          { afterMs: 30 * MIN, status: "APPROVED" },
        ],
      },
    ]);
    const [o] = await waitForApproval(
      [{ app: app("shop"), key }],
      { provider, clock },
      { timeoutMs: 2 * MIN },
    );
    expect(o).toMatchObject({ state: "timeout", status: "PENDING", message: "still PENDING after 2m" });
    expect(o!.waitedMs).toBe(2 * MIN);
    expect(clock.now() - t0).toBe(2 * MIN);
  });

  it("reports PAUSED and DISABLED as templates that cannot be sent", async () => {
    const clock = new VirtualClock();
    const paused = { app: "shop", name: "p", language: "en" };
    const disabled = { app: "shop", name: "d", language: "en" };
    const provider = new FakeProvider(clock, [
      { ...paused, steps: [{ afterMs: 0, status: "PAUSED", reason: "paused for 3 hours" }] },
      { ...disabled, steps: [{ afterMs: 0, status: "DISABLED" }] },
    ]);
    const a = app("shop");
    const out = await waitForApproval(
      [
        { app: a, key: paused },
        { app: a, key: disabled },
      ],
      { provider, clock },
      { timeoutMs: MIN },
    );
    expect(out.map((o) => [o.state, o.status, o.reason])).toEqual([
      ["not_sendable", "PAUSED", "paused for 3 hours"],
      ["not_sendable", "DISABLED", undefined],
    ]);
  });

  it("reports a template missing from two lists in a row as not found", async () => {
    const clock = new VirtualClock();
    const provider = new FakeProvider(clock, []);
    const key = { app: "shop", name: "ghost", language: "en" };
    const [o] = await waitForApproval(
      [{ app: app("shop"), key }],
      { provider, clock },
      { timeoutMs: 10 * MIN },
    );
    expect(o).toMatchObject({ state: "not_found" });
    expect(o!.message).toContain("not in the template list of app 'shop'");
    expect(provider.calls).toHaveLength(2);
  });

  it("finds a template that appears in the list one poll late", async () => {
    const clock = new VirtualClock();
    const key = { app: "shop", name: "fresh", language: "en" };
    const provider = new FakeProvider(clock, [{ ...key, steps: [{ afterMs: 2_000, status: "APPROVED" }] }]);
    const [o] = await waitForApproval([{ app: app("shop"), key }], { provider, clock }, { timeoutMs: MIN });
    expect(o).toMatchObject({ state: "approved" });
  });

  it("matches on language: another language of the same name is not the template", async () => {
    const clock = new VirtualClock();
    const provider = new FakeProvider(clock, [
      { app: "shop", name: "offer", language: "en", steps: [{ afterMs: 0, status: "APPROVED" }] },
    ]);
    const key = { app: "shop", name: "offer", language: "hi" };
    const [o] = await waitForApproval([{ app: app("shop"), key }], { provider, clock }, { timeoutMs: MIN });
    expect(o!.state).toBe("not_found");
  });
});

describe("waitForApproval: list failures", () => {
  it("rides out a 429, honouring Retry-After, without failing the wait or delaying other apps", async () => {
    const clock = new VirtualClock();
    const t0 = clock.now();
    const steps = [
      { afterMs: 0, status: "PENDING" },
      { afterMs: 40_000, status: "APPROVED" },
    ];
    const provider = new FakeProvider(clock, [
      { app: "a", name: "x", language: "en", steps },
      { app: "b", name: "y", language: "en", steps },
    ]);
    provider.failNext(
      "a",
      new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs: 20_000 }),
    );
    const events: CoreEvent[] = [];

    const out = await waitForApproval(
      [
        { app: app("a"), key: { app: "a", name: "x", language: "en" } },
        { app: app("b"), key: { app: "b", name: "y", language: "en" } },
      ],
      { provider, clock, emit: (e) => events.push(e) },
      { timeoutMs: 10 * MIN },
    );

    expect(out.map((o) => o.state)).toEqual(["approved", "approved"]);
    const times = (alias: string) =>
      provider.calls.filter((c) => c.app === alias).map((c) => (c.at - t0) / 1000);
    // a: refused at 0, not asked again before 20 s (polls at 3 and 9 s are skipped)
    expect(times("a")).toEqual([0, 21, 45]);
    expect(times("b")).toEqual([0, 3, 9, 21, 45]);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "note",
        message: expect.stringContaining("app 'a' failed (rate_limited"),
      }),
    );
  });

  it("retries transient failures every cycle until the timeout, then says what went wrong", async () => {
    const clock = new VirtualClock();
    const provider = new FakeProvider(clock, []);
    const down = () => new RemoteError("transient", "Internal server error", { status: 500 });
    provider.failNext("a", ...Array.from({ length: 20 }, down));
    const [o] = await waitForApproval(
      [{ app: app("a"), key: { app: "a", name: "x", language: "en" } }],
      { provider, clock },
      { timeoutMs: MIN },
    );
    expect(o!.state).toBe("timeout");
    expect(o!.message).toMatch(
      /^no answer within 1m: listing templates of app 'a' failed \(transient, HTTP 500\)/,
    );
    expect(provider.calls.length).toBeGreaterThan(3);
  });

  it("fails only the templates of an app whose list is refused for good", async () => {
    const clock = new VirtualClock();
    const provider = new FakeProvider(clock, [
      { app: "ok", name: "x", language: "en", steps: [{ afterMs: 0, status: "APPROVED" }] },
    ]);
    provider.failNext("denied", new RemoteError("auth", "Authentication Failed", { status: 401 }));
    const out = await waitForApproval(
      [
        { app: app("denied"), key: { app: "denied", name: "x", language: "en" } },
        { app: app("ok"), key: { app: "ok", name: "x", language: "en" } },
      ],
      { provider, clock },
      { timeoutMs: MIN },
    );
    expect(out.map((o) => o.state)).toEqual(["error", "approved"]);
    expect(out[0]!.message).toContain("(auth, HTTP 401): Authentication Failed");
    expect(provider.calls.filter((c) => c.app === "denied")).toHaveLength(1);
  });

  it("stops when aborted", async () => {
    const clock = new VirtualClock();
    const key = { app: "shop", name: "slow", language: "en" };
    const provider = new FakeProvider(clock, [{ ...key, steps: [{ afterMs: 0, status: "PENDING" }] }]);
    const controller = new AbortController();
    const waiting = waitForApproval(
      [{ app: app("shop"), key }],
      {
        provider,
        clock,
        signal: controller.signal,
        emit: () => controller.abort(new Error("interrupted")),
      },
      { timeoutMs: 60 * MIN },
    );
    await expect(waiting).rejects.toThrow("interrupted");
    expect(provider.calls).toHaveLength(1);
  });
});
