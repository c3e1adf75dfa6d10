// Issue 12 item 4: a saved plan is bound to what was reviewed. The declaration digest (canonical,
// not file bytes) and the one equality of plans (planDifferences) by example.

import { describe, expect, it } from "vitest";
import { mergePlans } from "../../src/plan/merge.js";
import { planDifferences, samePlan } from "../../src/plan/saved-plan.js";
import { makeShardPlan } from "../../src/plan/shard-plan.js";
import type { Plan } from "../../src/plan/types.js";
import { app, HOUR, NOW, plan, remoteOf, template } from "./builders.js";

const shop = app("shop");
const care = app("care");
const apps = [shop, care];
const welcome = template("welcome");
const refill = template("refill", { app: "care" });
const ENDPOINT = "https://partner.gupshup.io";

function planOf(desired = [welcome, refill], remote = [remoteOf(welcome)], over = {}): Plan {
  return plan(desired, remote, { apps, endpoint: ENDPOINT, ...over });
}

const texts = (saved: Plan, now: Plan) => planDifferences(saved, now).map((d) => `${d.kind}: ${d.text}`);

describe("the declaration digest", () => {
  it("ignores where and in what order templates were declared", () => {
    const moved = template("welcome", { source: { file: "split/shop.yaml", line: 99, col: 5 } });
    expect(planOf([refill, moved]).declarationDigest).toBe(planOf().declarationDigest);
  });

  it.each([
    ["a body", [template("welcome", { body: "Hi {{1}}, new text." }), refill], apps],
    [
      "a test block",
      [template("welcome", { test: { destinations: ["+919999900001"], params: ["A"] } }), refill],
      apps,
    ],
    ["protect", [template("welcome", { protect: true }), refill], apps],
    ["one more template", [welcome, refill, template("extra")], apps],
    ["an app id", [welcome, refill], [app("shop", { appId: "00000000-0000-4000-8000-000000000bad" }), care]],
    ["an app's prune", [welcome, refill], [app("shop", { prune: true }), care]],
  ])("changes with %s", (_what, desired, declaredApps) => {
    expect(plan(desired, [], { apps: declaredApps }).declarationDigest).not.toBe(
      plan([welcome, refill], [], { apps }).declarationDigest,
    );
  });

  it("covers only the scope: another app's or another target's templates do not count", () => {
    const other = template("refill", { app: "care", body: "Changed {{1}}." });
    expect(planOf([welcome, other], [], { scopeApps: ["shop"] }).declarationDigest).toBe(
      planOf([welcome, refill], [], { scopeApps: ["shop"] }).declarationDigest,
    );
    const extra = template("extra", { body: "Changed {{1}}." });
    expect(planOf([welcome, refill, extra], [], { targets: ["welcome"] }).declarationDigest).toBe(
      planOf([welcome, refill], [], { targets: ["welcome"] }).declarationDigest,
    );
  });

  it("merged shard plans carry the whole declaration's digest", () => {
    const shard = (alias: string) =>
      makeShardPlan([welcome, refill], [], { apps, now: NOW, scopeApps: [alias], endpoint: ENDPOINT });
    const merged = mergePlans([
      { name: "1.json", plan: shard("shop") },
      { name: "2.json", plan: shard("care") },
    ]);
    expect(merged.declarationDigest).toBe(planOf([welcome, refill], []).declarationDigest);
    expect(samePlan(merged, planOf([welcome, refill], []))).toBe(true);
  });
});

describe("planDifferences: the one equality of plans", () => {
  it("a plan made again later, from files named otherwise, is the same plan", () => {
    const saved = planOf();
    const moved = template("welcome", { source: { file: "./templates.yaml", line: 3, col: 1 } });
    const now = planOf([moved, refill], [remoteOf(welcome)], { now: NOW + HOUR });
    expect(now.createdAt).not.toBe(saved.createdAt);
    expect(planDifferences(saved, now)).toEqual([]);
    // diagnostics are words about the decisions, compared through the decisions themselves
    expect(samePlan({ ...saved, diagnostics: [] }, now)).toBe(true);
  });

  it("a changed action is named with both actions", () => {
    const saved = planOf([template("welcome", { footer: "Bye" }), refill]);
    const tampered = {
      ...saved,
      changes: saved.changes.map((c) =>
        c.key.name === "welcome" ? { ...c, action: "delete" as const, reason: "not_declared" as const } : c,
      ),
    };
    expect(texts(tampered, saved)).toEqual([
      'change: shop/welcome/en: the saved plan says "delete" ("not_declared"), a plan made now says "update" ("fields_changed")',
    ]);
  });

  it("a changed body is named by template and field", () => {
    const saved = planOf();
    const tampered = {
      ...saved,
      changes: saved.changes.map((c) =>
        c.desired && c.key.name === "refill"
          ? { ...c, desired: { ...c.desired, body: "Hi {{1}}, pay here." } }
          : c,
      ),
    };
    expect(texts(tampered, saved)).toEqual(["change: care/refill/en: the declared template differs in body"]);
  });

  it("a changed app id is named with both values", () => {
    const saved = planOf();
    const tampered = {
      ...saved,
      apps: saved.apps.map((a) => (a.alias === "shop" ? { ...a, appId: "evil" } : a)),
    };
    expect(texts(tampered, saved)).toEqual([
      `app: app shop: appId is "evil" in the saved plan, "${shop.appId}" in the declaration`,
    ]);
  });

  it("another endpoint comes first, even when both remotes are empty", () => {
    const sandbox = planOf([welcome, refill], [], { endpoint: "sandbox" });
    const real = planOf([welcome, refill], []);
    expect(texts(sandbox, real)).toEqual([
      `endpoint: the plan was made against "sandbox"; this run uses "${ENDPOINT}"`,
    ]);
  });

  it("another declaration: the digest, then each template that differs", () => {
    const saved = planOf();
    const other = planOf([template("welcome", { footer: "Other" }), refill]);
    expect(texts(saved, other)).toEqual([
      "declaration: the declaration differs from the one the plan was made from",
      'change: shop/welcome/en: the saved plan says "noop" ("in_sync"), a plan made now says "update" ("fields_changed")',
      "change: shop/welcome/en: the declared template differs in footer",
      "change: shop/welcome/en: fields differ",
    ]);
  });

  it("a stale plan: the remote, then what it changes", () => {
    const saved = planOf();
    const now = planOf([welcome, refill], [remoteOf(welcome), remoteOf(refill)]);
    expect(texts(saved, now)).toEqual([
      "remote: the remote templates changed since the plan was made",
      'change: care/refill/en: the saved plan says "create" ("not_in_remote"), a plan made now says "noop" ("in_sync")',
      "change: care/refill/en: the remote template differs in category, content, createdOn, id, modifiedOn, status",
    ]);
  });

  it("a change only one plan has is named", () => {
    const saved = planOf();
    const dropped = { ...saved, changes: saved.changes.filter((c) => c.key.name !== "refill") };
    expect(texts(dropped, saved)).toEqual([
      'change: care/refill/en: a plan made now has "create", the saved plan has no change for it',
    ]);
  });
});
