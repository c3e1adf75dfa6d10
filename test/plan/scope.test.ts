// --app and --target restrict which templates a plan looks at, and so what it may change.

import { describe, expect, it } from "vitest";
import type { UserError } from "../../src/model/errors.js";
import { checkTargets, closestNames, unmatchedTargets } from "../../src/plan/scope.js";
import { app, plan, remoteOf, template } from "./builders.js";

const apps = [app("shop", { prune: true }), app("brand", { prune: true })];
const desired = [
  template("welcome"),
  template("welcome", { language: "es" }),
  template("promo", { body: "Promo for {{1}} now" }),
  template("welcome", { app: "brand", body: "Brand welcome {{1}} here" }),
];
const remote = [remoteOf(template("legacy")), remoteOf(template("old", { app: "brand" }))];

function keysOf(scopeApps?: string[], targets?: string[]) {
  const p = plan(desired, remote, { apps, scopeApps, targets });
  return {
    changes: p.changes.map((c) => `${c.key.app}/${c.key.name}/${c.key.language}:${c.action}`),
    undeclared: p.undeclared.map((u) => `${u.key.app}/${u.key.name}`),
    scope: p.scope,
    apps: p.apps.map((a) => a.alias),
  };
}

describe("plan scope", () => {
  it("without scope, every app and template", () => {
    expect(keysOf()).toEqual({
      changes: [
        "brand/old/en:delete",
        "brand/welcome/en:create",
        "shop/legacy/en:delete",
        "shop/promo/en:create",
        "shop/welcome/en:create",
        "shop/welcome/es:create",
      ],
      undeclared: ["brand/old", "shop/legacy"],
      scope: { apps: ["brand", "shop"], targets: [] },
      apps: ["shop", "brand"],
    });
  });

  it("--app keeps one app's templates, undeclared ones included", () => {
    const r = keysOf(["brand"]);
    expect(r.changes).toEqual(["brand/old/en:delete", "brand/welcome/en:create"]);
    expect(r.undeclared).toEqual(["brand/old"]);
    expect(r.apps).toEqual(["brand"]);
  });

  it("--target name matches that name in every app and language", () => {
    expect(keysOf(undefined, ["welcome"]).changes).toEqual([
      "brand/welcome/en:create",
      "shop/welcome/en:create",
      "shop/welcome/es:create",
    ]);
  });

  it("--target app/name matches every language of it", () => {
    expect(keysOf(undefined, ["shop/welcome"]).changes).toEqual([
      "shop/welcome/en:create",
      "shop/welcome/es:create",
    ]);
  });

  it("--target app/name/language matches one template, and prune only deletes targeted ones", () => {
    const r = keysOf(undefined, ["shop/welcome/es", "shop/legacy/en"]);
    expect(r.changes).toEqual(["shop/legacy/en:delete", "shop/welcome/es:create"]);
    expect(r.undeclared).toEqual(["shop/legacy"]);
  });

  it("--app and --target combine", () => {
    expect(keysOf(["brand"], ["welcome"]).changes).toEqual(["brand/welcome/en:create"]);
  });

  it("warns about a target that matches nothing and an app that does not exist", () => {
    const p = plan(desired, remote, {
      apps,
      scopeApps: ["nope", "shop"],
      targets: ["missing", "brand/welcome"],
    });
    expect(p.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([
      "error PLAN-004: --app nope: no such app",
      "warning PLAN-005: --target brand/welcome matches no declared or remote template in shop",
      "warning PLAN-005: --target missing matches no declared or remote template in shop",
    ]);
    expect(p.changes).toEqual([]);
  });
});

describe("targets that match nothing", () => {
  const keys = desired.map((t) => ({ app: t.app, name: t.name, language: t.language }));

  it("are refused with the closest names in the same form as the target", () => {
    expect(unmatchedTargets(["welcome", "welcom", "shop/promo", "shop/prmo/en"], keys)).toEqual([
      "welcom",
      "shop/prmo/en",
    ]);
    expect(() => checkTargets(["welcom"], keys)).toThrow(/--target 'welcom' matches no template/);
    try {
      checkTargets(["shop/prmo/en"], keys);
    } catch (e) {
      expect((e as UserError).hint).toBe("did you mean 'shop/promo/en'?");
    }
    expect(() => checkTargets(["welcome", "brand/welcome"], keys)).not.toThrow();
  });

  it("closest names: typos, swaps and missing letters, never unrelated names", () => {
    const names = ["summer_sale", "summer_sales", "winter_sale", "order_update", "welcome"];
    expect(closestNames("sumer_sale", names)).toEqual(["summer_sale", "summer_sales"]);
    expect(closestNames("welcoem", names)).toEqual(["welcome"]);
    expect(closestNames("xyz", names)).toEqual([]);
    expect(closestNames("shpo", ["shop", "brand"])).toEqual(["shop"]);
  });
});
