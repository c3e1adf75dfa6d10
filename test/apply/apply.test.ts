import { describe, expect, it } from "vitest";
import { RemoteError } from "../../src/model/errors.js";
import { app, change, declared, edited, planOf, replan } from "./builders.js";
import { remoteKeys, setup } from "./harness.js";

const shop = app("shop");

describe("applyPlan: one change of each action", () => {
  it("creates, updates, replaces and deletes, then a new plan has nothing to do", async () => {
    const { provider, apply, events } = setup();
    const fresh = declared("shop", "welcome");
    const promo = declared("shop", "promo");
    const offer = declared("shop", "offer");
    const oldPromo = provider.seed(shop, promo, promo);
    const oldOffer = provider.seed(shop, offer, offer, "REJECTED");
    const stale = provider.seed(shop, declared("shop", "stale"), declared("shop", "stale"));
    const newPromo = edited(promo);
    const newOffer = { ...offer, kind: "lto" as const, lto: { text: "Ends soon", hasExpiration: false } };

    const result = await apply(
      planOf(
        [shop],
        [
          change("create", fresh),
          change("update", newPromo, oldPromo),
          change("replace", newOffer, oldOffer),
          change("delete", undefined, stale),
        ],
      ),
    );

    expect(result.counts).toEqual({
      created: 1,
      adopted: 0,
      updated: 1,
      replaced: 1,
      deleted: 1,
      failed: 0,
      blocked: 0,
      skipped: 0,
    });
    expect(result.outcomes.map((o) => [o.key.name, o.outcome, o.attempts])).toEqual([
      ["welcome", "created", 1],
      ["promo", "updated", 1],
      ["offer", "replaced", 2],
      ["stale", "deleted", 1],
    ]);
    const created = result.outcomes[0]!.remote!;
    expect(created.status).toBe("PENDING");
    expect(provider.all().find((t) => t.name === "welcome")?.id).toBe(created.id);
    expect(remoteKeys(provider)).toEqual(["shop/offer/en", "shop/promo/en", "shop/welcome/en"]);
    const offerNow = provider.all().find((t) => t.name === "offer")!;
    expect(offerNow.id).not.toBe(oldOffer.id);
    expect(offerNow.lto).toEqual({ text: "Ends soon", hasExpiration: false });
    expect(provider.all().find((t) => t.name === "promo")?.body).toBe(newPromo.body);

    const again = replan([shop], [fresh, newPromo, newOffer], provider);
    expect(again.changes.map((c) => c.action)).toEqual(["noop", "noop", "noop"]);
    expect(
      events.filter((e) => e.type === "change_done").map((e) => e.type === "change_done" && e.outcome),
    ).toEqual(["ok", "ok", "ok", "ok"]);
  });

  it("skips noop changes and reports blocked ones as blocked, saying why, and sends nothing for them", async () => {
    const { provider, apply } = setup();
    const same = declared("shop", "same");
    const pending = declared("shop", "pending");
    const sameRemote = provider.seed(shop, same, same);
    const pendingRemote = provider.seed(shop, pending, pending, "PENDING");
    const blocked = {
      ...change("blocked", edited(pending), pendingRemote),
      diagnostics: [
        { severity: "error" as const, code: "EDIT-002", message: "the template is under review" },
      ],
    };

    const result = await apply(planOf([shop], [change("noop", same, sameRemote), blocked]));

    expect(result.outcomes.map((o) => [o.outcome, o.reason, o.message])).toEqual([
      ["skipped", "in_sync", "in sync"],
      ["blocked", "pending_review", "the template is under review"],
    ]);
    expect(provider.calls).toEqual([]);
  });

  it("runs deletes before creates within an app", async () => {
    const { provider, apply } = setup();
    const gone = provider.seed(shop, declared("shop", "a_gone"), declared("shop", "a_gone"));
    await apply(
      planOf([shop], [change("create", declared("shop", "a_new")), change("delete", undefined, gone)]),
      {
        perAppConcurrency: 1,
      },
    );
    expect(provider.calls.map((c) => c.method)).toEqual(["delete", "create"]);
  });
});

describe("applyPlan: failures", () => {
  it("retries a 429 only after the Retry-After the server asked for", async () => {
    const { provider, apply, events, clock } = setup();
    provider.failNext(
      "create",
      new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs: 30_000 }),
    );
    const t0 = clock.now();

    const result = await apply(planOf([shop], [change("create", declared("shop", "welcome"))]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "created", attempts: 2 });
    const [first, second] = provider.calls;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(30_000);
    expect(second!.at - t0).toBeLessThan(31_000);
    // the budget holds the retry for the pause (one wait, announced once), apply adds none
    expect(events).toContainEqual(expect.objectContaining({ type: "change_retry", attempt: 2, waitMs: 0 }));
    expect(events.filter((e) => e.type === "rate_wait")).toEqual([
      expect.objectContaining({ app: "shop", cause: "paused", waitMs: 30_000 }),
    ]);
    expect(remoteKeys(provider)).toEqual(["shop/welcome/en"]);
  });

  it("backs off with jitter on 5xx and gives up after maxAttempts, failing that change only", async () => {
    const { provider, apply, events } = setup();
    for (let i = 0; i < 3; i++) {
      provider.failNext("update", new RemoteError("transient", "Service Unavailable", { status: 503 }));
    }
    const a = declared("shop", "a");
    const remoteA = provider.seed(shop, a, a);

    const result = await apply(
      planOf([shop], [change("update", edited(a), remoteA), change("create", declared("shop", "b"))]),
      {
        maxAttempts: 3,
        baseDelayMs: 1_000,
      },
    );

    expect(result.outcomes.map((o) => o.outcome)).toEqual(["failed", "created"]);
    expect(result.outcomes[0]).toMatchObject({ attempts: 3, errorKind: "transient" });
    expect(result.outcomes[0]!.message).toMatch(/gave up after 3 attempts: Service Unavailable/);
    const waits = events.flatMap((e) => (e.type === "change_retry" && e.key.name === "a" ? [e.waitMs] : []));
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThan(1_000);
    expect(waits[1]).toBeLessThan(2_000);
    expect(result.counts.failed).toBe(1);
  });

  it("does not retry an invalid template; the others still apply", async () => {
    const { provider, apply } = setup();
    provider.failNext("create", new RemoteError("invalid", "Invalid category provided", { status: 400 }));

    const result = await apply(
      planOf([shop], [change("create", declared("shop", "a")), change("create", declared("shop", "b"))]),
      { perAppConcurrency: 1 },
    );

    expect(result.outcomes.map((o) => [o.outcome, o.attempts, o.errorKind])).toEqual([
      ["failed", 1, "invalid"],
      ["created", 1, undefined],
    ]);
    expect(result.outcomes[0]!.message).toBe("Invalid category provided");
  });

  it("stops the whole run at an authentication error: that change failed, the rest skipped", async () => {
    const other = app("other");
    const { provider, apply } = setup({ authFailAfter: 2 });
    const changes = [...["a", "b", "c", "d", "e"].map((n) => change("create", declared("shop", n)))];

    const result = await apply(planOf([shop, other], changes), { perAppConcurrency: 1 });

    expect(result.stopped).toBe("auth_failed");
    expect(result.outcomes.map((o) => o.outcome)).toEqual([
      "created",
      "created",
      "failed",
      "skipped",
      "skipped",
    ]);
    expect(result.outcomes[2]).toMatchObject({ errorKind: "auth" });
    expect(result.outcomes[3]!.message).toBe("not started: authentication failed");
    expect(provider.calls).toHaveLength(3);
  });
});

describe("applyPlan: the edit quota (issue 12 item 3)", () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;

  it("an edit the API refuses for its daily quota is blocked, not failed: reason, time, no retry", async () => {
    const { provider, apply, events, clock } = setup();
    const promo = declared("shop", "promo");
    const edit = clock.now() - 3 * HOUR;
    const remote = { ...provider.seed(shop, promo, promo), modifiedOn: edit };
    provider.failNext(
      "update",
      new RemoteError("quota", "Template edit limit reached (PUT /partner/app/x/templates/y)", {
        status: 400,
        quotaWindowMs: DAY,
      }),
    );

    const result = await apply(planOf([shop], [change("update", edited(promo), remote)]));

    const [o] = result.outcomes;
    expect(o).toMatchObject({
      action: "update",
      outcome: "blocked",
      reason: "edit_quota",
      errorKind: "quota",
      blockedUntil: edit + DAY,
      attempts: 1,
    });
    expect(o?.message).toContain("Template edit limit reached");
    expect(o?.message).toContain(`it can be edited again after ${new Date(edit + DAY).toISOString()}`);
    expect(result.counts).toMatchObject({ blocked: 1, failed: 0, updated: 0 });
    expect(provider.calls.filter((c) => c.method === "update")).toHaveLength(1);
    expect(events).toContainEqual(expect.objectContaining({ type: "change_done", outcome: "blocked" }));
  });

  it("a refusal when the last change is over a day old is the 30-day quota: 30 days at the latest", async () => {
    const { provider, apply, clock } = setup();
    const promo = declared("shop", "promo");
    const remote = { ...provider.seed(shop, promo, promo), modifiedOn: clock.now() - 3 * DAY };
    provider.failNext("update", new RemoteError("quota", "edit limit", { status: 400 }));

    const before = clock.now();
    const [o] = (await apply(planOf([shop], [change("update", edited(promo), remote)]))).outcomes;

    expect(o).toMatchObject({ outcome: "blocked", reason: "edit_quota" });
    expect(o?.blockedUntil).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(o?.blockedUntil).toBeLessThanOrEqual(clock.now() + 30 * DAY);
    expect(o?.message).toContain("Meta allows 10 edits per 30 days");
    expect(o?.message).toContain("at the latest");
  });

  it("other refusals of an edit stay failures", async () => {
    const { provider, apply } = setup();
    const promo = declared("shop", "promo");
    const remote = provider.seed(shop, promo, promo);
    provider.failNext("update", new RemoteError("invalid", "Invalid parameter", { status: 400 }));
    const [o] = (await apply(planOf([shop], [change("update", edited(promo), remote)]))).outcomes;
    expect(o).toMatchObject({ outcome: "failed", reason: "fields_changed", errorKind: "invalid" });
  });
});
