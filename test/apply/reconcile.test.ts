import { describe, expect, it } from "vitest";
import { RemoteError } from "../../src/model/errors.js";
import { app, change, declared, edited, planOf } from "./builders.js";
import { remoteKeys, setup } from "./harness.js";

const shop = app("shop");
const lost = () => new RemoteError("transient", "socket hang up", { ambiguous: true });
const methods = (calls: { method: string }[]) => calls.map((c) => c.method);

describe("a create that may have happened is checked before it is sent again", () => {
  it("a lost create response: re-reads, finds it, counts it created, sends no second create", async () => {
    // a server that does not refuse duplicates: a blind retry would make a second template
    const { provider, apply } = setup({ duplicates: "allow" });
    provider.failNext("create", lost(), { afterCommit: true });

    const result = await apply(planOf([shop], [change("create", declared("shop", "welcome"))]));

    expect(result.outcomes[0]).toMatchObject({
      outcome: "created",
      attempts: 1,
      message: "the create took effect although its answer was lost",
    });
    expect(result.outcomes[0]!.remote?.id).toBe(provider.all()[0]!.id);
    expect(methods(provider.calls)).toEqual(["create", "list"]);
    expect(remoteKeys(provider)).toEqual(["shop/welcome/en"]);
  });

  it("a timeout before the server saw it: re-reads, finds nothing, creates once", async () => {
    const { provider, apply } = setup({ duplicates: "allow" });
    provider.failNext("create", new RemoteError("transient", "request timed out"));

    const result = await apply(planOf([shop], [change("create", declared("shop", "welcome"))]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "created", attempts: 2 });
    expect(methods(provider.calls)).toEqual(["create", "list", "create"]);
    expect(remoteKeys(provider)).toEqual(["shop/welcome/en"]);
  });

  it("already exists with the declared content (conflict): adopts it", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "welcome");
    const existing = provider.seed(shop, d, d, "PENDING");

    const result = await apply(planOf([shop], [change("create", d)]));

    expect(result.outcomes[0]).toMatchObject({
      outcome: "adopted",
      remote: { id: existing.id, status: "PENDING" },
      message: "already existed with the declared content: adopted",
    });
    expect(result.counts).toMatchObject({ created: 0, adopted: 1 });
    expect(remoteKeys(provider)).toEqual(["shop/welcome/en"]);
  });

  it("already exists with other content and can be edited: edits it in place", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "welcome");
    const existing = provider.seed(shop, d, edited(d, "Someone else's text"), "REJECTED");

    const result = await apply(planOf([shop], [change("create", d)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "updated", remote: { id: existing.id } });
    expect(result.counts).toMatchObject({ created: 0, updated: 1, failed: 0 });
    expect(provider.all()).toEqual([expect.objectContaining({ id: existing.id, body: d.body })]);
  });

  it("already exists with other content under review: fails that change, creates nothing", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "welcome");
    provider.seed(shop, d, edited(d, "Someone else's text"), "PENDING");

    const result = await apply(planOf([shop], [change("create", d)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "failed", errorKind: "conflict" });
    expect(result.outcomes[0]!.message).toMatch(/other content and status PENDING/);
    expect(methods(provider.calls)).toEqual(["create", "list"]);
  });

  it("concurrent lost creates in one app share one re-read", async () => {
    const { provider, apply } = setup({
      duplicates: "allow",
      latencyMs: 20,
      budget: { limits: { templates: { limit: 6000, windowMs: 60_000 } } },
    });
    for (let i = 0; i < 4; i++) provider.failNext("create", lost(), { afterCommit: true });
    const plan = planOf(
      [shop],
      ["a", "b", "c", "d"].map((n) => change("create", declared("shop", n))),
    );

    const result = await apply(plan, { perAppConcurrency: 4 });

    expect(result.counts.created).toBe(4);
    expect(provider.calls.filter((c) => c.method === "list").length).toBeLessThan(4);
    expect(remoteKeys(provider)).toEqual(["shop/a/en", "shop/b/en", "shop/c/en", "shop/d/en"]);
  });
});

describe("an edit that may have happened is never repeated blind", () => {
  it("a lost edit response: the re-read shows the new content, so no second edit", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "promo");
    const remote = provider.seed(shop, d, d);
    provider.failNext("update", lost(), { afterCommit: true });

    // the edit sent the template back to review, so a blind second edit would be refused
    const result = await apply(planOf([shop], [change("update", edited(d), remote)]));

    expect(result.outcomes[0]).toMatchObject({
      outcome: "updated",
      attempts: 1,
      remote: { status: "PENDING" },
    });
    expect(methods(provider.calls)).toEqual(["update", "list"]);
  });

  it("a 503 on an edit that did not happen: re-reads, then edits once", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "promo");
    const remote = provider.seed(shop, d, d);
    provider.failNext("update", new RemoteError("transient", "Bad Gateway", { status: 502 }));

    const result = await apply(planOf([shop], [change("update", edited(d), remote)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "updated", attempts: 2 });
    expect(methods(provider.calls)).toEqual(["update", "list", "update"]);
    expect(provider.all()[0]!.body).toBe(edited(d).body);
  });

  it("the template vanished: reports it and does not create it", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "promo");
    const remote = provider.seed(shop, d, d);
    provider.failNext(
      "update",
      new RemoteError("not_found", "No Template found for given id", { status: 400 }),
    );

    const result = await apply(planOf([shop], [change("update", edited(d), remote)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "failed", errorKind: "not_found" });
    expect(result.outcomes[0]!.message).toMatch(/no longer exists; run plan again/);
  });
});

describe("deletes and replaces", () => {
  it("a delete of something already gone is done", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "old");
    const remote = provider.seed(shop, d, d);
    provider.failNext("delete", new RemoteError("not_found", "Template not found", { status: 404 }));

    const result = await apply(planOf([shop], [change("delete", undefined, remote)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "deleted", message: "was already gone" });
  });

  it("a lost delete response: the re-read shows it gone, so it is deleted", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "old");
    const remote = provider.seed(shop, d, d);
    provider.failNext("delete", lost(), { afterCommit: true });

    const result = await apply(planOf([shop], [change("delete", undefined, remote)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "deleted", attempts: 1 });
    expect(methods(provider.calls)).toEqual(["delete", "list"]);
    expect(provider.all()).toEqual([]);
  });

  it("a replace whose create answer is lost: one new template, the old one gone", async () => {
    const { provider, apply } = setup({ duplicates: "allow" });
    const d = declared("shop", "offer");
    const old = provider.seed(shop, d, d, "REJECTED");
    provider.failNext("create", lost(), { afterCommit: true });
    const wanted = { ...d, kind: "lto" as const, lto: { text: "Ends soon", hasExpiration: true } };

    const result = await apply(planOf([shop], [change("replace", wanted, old)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "replaced", attempts: 2 });
    expect(provider.all()).toEqual([expect.objectContaining({ name: "offer", kind: "lto" })]);
    expect(provider.all()[0]!.id).not.toBe(old.id);
  });

  it("a replace whose delete fails creates nothing", async () => {
    const { provider, apply } = setup();
    const d = declared("shop", "offer");
    const old = provider.seed(shop, d, d, "REJECTED");
    provider.failNext("delete", new RemoteError("invalid", "cannot delete", { status: 400 }));

    const result = await apply(planOf([shop], [change("replace", { ...d, kind: "lto" }, old)]));

    expect(result.outcomes[0]).toMatchObject({ outcome: "failed" });
    expect(result.outcomes[0]!.message).toBe("the old version was not deleted: cannot delete");
    expect(methods(provider.calls)).toEqual(["delete"]);
  });
});
