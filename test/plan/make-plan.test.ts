// makePlan by example: a declaration and a remote in, the decision for one template out.
// Every action and every reason of the closed vocabulary appears at least once (checked at the end).

import { describe, expect, it } from "vitest";
import type { DesiredTemplate, RemoteTemplate } from "../../src/model/template.js";
import type { PlanOptions } from "../../src/plan/make-plan.js";
import { ACTIONS, type Change, REASONS } from "../../src/plan/types.js";
import {
  app,
  changeOf,
  codes,
  HOUR,
  ltoTemplate,
  NOW,
  outline,
  plan,
  remoteOf,
  template,
  unmanageableOf,
} from "./builders.js";

interface Example {
  title: string;
  desired: DesiredTemplate[];
  remote: RemoteTemplate[];
  options?: Partial<PlanOptions>;
  /** The template whose change is checked. */
  name: string;
  expected: { action: Change["action"]; reason: Change["reason"]; fields: string[] };
  /** Diagnostics of the change, as `severity CODE`. */
  notes?: string[];
}

const welcome = template("welcome");
const flash = ltoTemplate("flash_sale");
const pruning = { apps: [app("shop", { prune: true })] };

const EXAMPLES: Example[] = [
  // create
  {
    title: "a declared template missing remotely is created",
    desired: [welcome],
    remote: [],
    name: "welcome",
    expected: { action: "create", reason: "not_in_remote", fields: [] },
  },
  // noop
  {
    title: "a template equal to its remote twin needs nothing",
    desired: [welcome],
    remote: [remoteOf(welcome)],
    name: "welcome",
    expected: { action: "noop", reason: "in_sync", fields: [] },
  },
  {
    title:
      "a different vertical is ignored, with a note: Gupshup cannot edit it and a replace is too destructive",
    desired: [welcome],
    remote: [remoteOf(welcome, {}, { vertical: "ecommerce" })],
    name: "welcome",
    expected: { action: "noop", reason: "in_sync", fields: ["vertical:ignore"] },
    notes: ["info EDIT-006"],
  },
  {
    title: "a different allowCategoryChange is ignored: it only matters at creation",
    desired: [template("welcome", { allowCategoryChange: true })],
    remote: [remoteOf(welcome)],
    name: "welcome",
    expected: { action: "noop", reason: "in_sync", fields: ["allowCategoryChange:ignore"] },
    notes: ["info EDIT-006"],
  },
  {
    title: "a remote media header whose sample URL the provider does not know is not compared",
    desired: [flash],
    remote: [remoteOf(flash, {}, { header: { type: "image" } })],
    name: "flash_sale",
    expected: { action: "noop", reason: "in_sync", fields: [] },
  },
  {
    title:
      "a REJECTED template that matches the declaration is a noop, with a warning that nothing is resubmitted",
    desired: [welcome],
    remote: [remoteOf(welcome, { status: "REJECTED", reason: "Invalid Format" })],
    name: "welcome",
    expected: { action: "noop", reason: "in_sync", fields: [] },
    notes: ["warning EDIT-004"],
  },
  {
    title: "a template Meta re-categorised shows the old category as a note",
    desired: [template("welcome", { category: "UTILITY" })],
    remote: [remoteOf(welcome, { oldCategory: "MARKETING" }, { category: "UTILITY" })],
    name: "welcome",
    expected: { action: "noop", reason: "in_sync", fields: [] },
    notes: ["info CATG-002"],
  },
  // update
  {
    title: "a new body on an APPROVED template is an update, with a quota and re-review warning",
    desired: [template("welcome", { body: "Hi {{1}}, your order is ready." })],
    remote: [remoteOf(welcome)],
    name: "welcome",
    expected: { action: "update", reason: "fields_changed", fields: ["body:update"] },
    notes: ["warning EDIT-003"],
  },
  {
    title: "a button URL, the footer and the body examples are edited in place on a REJECTED template",
    desired: [
      template("welcome", {
        footer: "Thanks",
        bodyExamples: ["Bea"],
        buttons: [
          { type: "quick_reply", text: "Thanks" },
          { type: "url", text: "Track", url: "https://shop.example/t/{{1}}", example: "A123" },
        ],
      }),
    ],
    remote: [remoteOf(welcome, { status: "REJECTED" })],
    name: "welcome",
    expected: {
      action: "update",
      reason: "fields_changed",
      fields: ["bodyExamples[0]:update", "footer:update", "buttons[1].url:update"],
    },
    notes: ["info EDIT-005"],
  },
  {
    title:
      "a text header becoming an image header is an edit (Gupshup edits templateType TEXT/IMAGE/VIDEO/DOCUMENT)",
    desired: [template("welcome", { header: { type: "image", example: "https://cdn.example/a.png" } })],
    remote: [remoteOf(welcome, { status: "PAUSED" })],
    name: "welcome",
    expected: { action: "update", reason: "fields_changed", fields: ["header:update"] },
    notes: ["info EDIT-005"],
  },
  {
    title: "a changed header text and an added button are edits",
    desired: [
      template("welcome", {
        header: { type: "text", text: "Your order" },
        buttons: [...welcome.buttons, { type: "phone_number", text: "Call", phoneNumber: "+919876543210" }],
      }),
    ],
    remote: [remoteOf(welcome)],
    name: "welcome",
    expected: {
      action: "update",
      reason: "fields_changed",
      fields: ["header.text:update", "buttons[2]:update"],
    },
    notes: ["warning EDIT-003"],
  },
  {
    title: "the category of a REJECTED template can change in place",
    desired: [template("welcome", { category: "UTILITY" })],
    remote: [remoteOf(welcome, { status: "REJECTED" })],
    name: "welcome",
    expected: { action: "update", reason: "fields_changed", fields: ["category:update"] },
    notes: ["info EDIT-005"],
  },
  {
    title: "an APPROVED template edited more than 24 h ago may be edited again",
    desired: [template("welcome", { footer: "Bye" })],
    remote: [remoteOf(welcome, { modifiedOn: NOW - 25 * HOUR, editedOn: NOW - 25 * HOUR })],
    name: "welcome",
    expected: { action: "update", reason: "fields_changed", fields: ["footer:update"] },
    notes: ["warning EDIT-003"],
  },
  {
    title: "an APPROVED template created (not edited) in the last 24 h may be edited",
    desired: [template("welcome", { footer: "Bye" })],
    remote: [remoteOf(welcome, { createdOn: NOW - HOUR, modifiedOn: NOW - HOUR })],
    name: "welcome",
    expected: { action: "update", reason: "fields_changed", fields: ["footer:update"] },
    notes: ["warning EDIT-003"],
  },
  {
    title: "a protected template may still be updated in place",
    desired: [template("welcome", { protect: true, footer: "Bye" })],
    remote: [remoteOf(welcome)],
    name: "welcome",
    expected: { action: "update", reason: "fields_changed", fields: ["footer:update"] },
    notes: ["warning EDIT-003"],
  },
  // replace
  {
    title: "hasExpiration of a REJECTED LTO cannot be edited: delete and create under the same name",
    desired: [ltoTemplate("flash_sale", { lto: { text: "Summer sale", hasExpiration: false } })],
    remote: [remoteOf(flash, { status: "REJECTED" })],
    name: "flash_sale",
    expected: { action: "replace", reason: "field_forces_replace", fields: ["lto.hasExpiration:replace"] },
    notes: ["info LTO-013"],
  },
  {
    title: "a standard template becoming an LTO is a replace (kind and lto are not editable)",
    desired: [ltoTemplate("welcome")],
    remote: [remoteOf(welcome, { status: "REJECTED" })],
    name: "welcome",
    expected: {
      action: "replace",
      reason: "field_forces_replace",
      fields: [
        "kind:replace",
        "header:update",
        "body:update",
        "footer:update",
        "buttons[0]:update",
        "buttons[1].text:update",
        "buttons[1].url:update",
        "buttons[1].example:update",
        "lto:replace",
      ],
    },
    notes: ["info EDIT-006"],
  },
  {
    title:
      "a text header becoming a location header is a replace, with a name-lock warning for a PAUSED template",
    desired: [template("welcome", { header: { type: "location" } })],
    remote: [remoteOf(welcome, { status: "PAUSED" })],
    name: "welcome",
    expected: { action: "replace", reason: "field_forces_replace", fields: ["header:replace"] },
    notes: ["info EDIT-006", "warning DEL-002"],
  },
  // blocked
  {
    title: "the category of an APPROVED template cannot change",
    desired: [template("welcome", { category: "UTILITY" })],
    remote: [remoteOf(welcome)],
    name: "welcome",
    expected: { action: "blocked", reason: "approved_category_immutable", fields: ["category:impossible"] },
    notes: ["error CATG-003"],
  },
  {
    title: "an APPROVED template approved (modified, not edited) 3 h ago may be edited",
    desired: [template("welcome", { footer: "Bye" })],
    remote: [remoteOf(welcome, { modifiedOn: NOW - 3 * HOUR })],
    name: "welcome",
    expected: { action: "update", reason: "fields_changed", fields: ["footer:update"] },
    notes: ["warning EDIT-003"],
  },
  {
    title: "an APPROVED template edited 3 h ago cannot be edited again for 21 h",
    desired: [template("welcome", { footer: "Bye" })],
    remote: [remoteOf(welcome, { modifiedOn: NOW - 3 * HOUR, editedOn: NOW - 3 * HOUR })],
    name: "welcome",
    expected: { action: "blocked", reason: "edit_quota", fields: ["footer:update"] },
    notes: ["error EDIT-003"],
  },
  {
    title: "a template under review cannot be edited",
    desired: [template("welcome", { footer: "Bye" })],
    remote: [remoteOf(welcome, { status: "PENDING" })],
    name: "welcome",
    expected: { action: "blocked", reason: "pending_review", fields: ["footer:update"] },
    notes: ["error EDIT-001"],
  },
  {
    title: "a template in appeal cannot be edited",
    desired: [template("welcome", { footer: "Bye" })],
    remote: [remoteOf(welcome, { status: "IN_APPEAL" })],
    name: "welcome",
    expected: { action: "blocked", reason: "status_not_editable", fields: ["footer:update"] },
    notes: ["error EDIT-001"],
  },
  {
    title: "a DISABLED template that is not declared cannot be pruned (DEL-004)",
    desired: [],
    remote: [remoteOf(welcome, { status: "DISABLED" })],
    options: pruning,
    name: "welcome",
    expected: { action: "blocked", reason: "status_not_editable", fields: [] },
    notes: ["error DEL-004"],
  },
  {
    title: "replacing an APPROVED template would lock its name for 30 days: blocked, rename instead",
    desired: [ltoTemplate("flash_sale", { lto: { text: "Winter sale", hasExpiration: true } })],
    remote: [remoteOf(flash)],
    name: "flash_sale",
    expected: { action: "blocked", reason: "name_reuse_locked", fields: ["lto.text:replace"] },
    notes: ["error DEL-002"],
  },
  {
    title: "a protected template is never replaced",
    desired: [
      ltoTemplate("flash_sale", { protect: true, lto: { text: "Summer sale", hasExpiration: false } }),
    ],
    remote: [remoteOf(flash, { status: "REJECTED" })],
    name: "flash_sale",
    expected: { action: "blocked", reason: "protected", fields: ["lto.hasExpiration:replace"] },
    notes: ["error PLAN-002"],
  },
  // delete
  {
    title: "an undeclared template is deleted when the app prunes, with a name-lock warning when APPROVED",
    desired: [],
    remote: [remoteOf(welcome)],
    options: pruning,
    name: "welcome",
    expected: { action: "delete", reason: "not_declared", fields: [] },
    notes: ["warning DEL-002"],
  },
  {
    title: "an undeclared REJECTED template is deleted with no warning",
    desired: [],
    remote: [remoteOf(welcome, { status: "REJECTED" })],
    options: pruning,
    name: "welcome",
    expected: { action: "delete", reason: "not_declared", fields: [] },
    notes: [],
  },
  // unmanageable
  {
    title: "a declaration naming a remote template waform cannot manage is blocked, with what to do",
    desired: [template("welcome", { language: "en" })],
    remote: [],
    options: { unmanageable: [unmanageableOf("welcome")] },
    name: "welcome",
    expected: { action: "blocked", reason: "unmanageable", fields: [] },
    notes: ["error PLAN-007"],
  },
];

describe("makePlan: one template, one decision", () => {
  it.each(EXAMPLES)("$title", (ex) => {
    const p = plan(ex.desired, ex.remote, ex.options);
    const c = changeOf(p, ex.name);
    expect(outline(c)).toEqual(ex.expected);
    if (ex.notes) expect(codes(c)).toEqual(ex.notes);
  });

  it("the examples cover every action and every reason", () => {
    expect([...new Set(EXAMPLES.map((e) => e.expected.action))].sort()).toEqual([...ACTIONS].sort());
    expect([...new Set(EXAMPLES.map((e) => e.expected.reason))].sort()).toEqual([...REASONS].sort());
  });
});

describe("makePlan: what a change carries", () => {
  it("records each field's before (remote) and after (declared)", () => {
    const p = plan([template("welcome", { footer: undefined })], [remoteOf(welcome)]);
    expect(changeOf(p, "welcome").fields).toEqual([
      { path: "footer", before: "Reply STOP to opt out", policy: "update" },
    ]);
  });

  it("keeps what apply needs: the declared template and the remote id, status and content", () => {
    const remote = remoteOf(welcome, { status: "REJECTED", reason: "Invalid Format" }, { footer: "Old" });
    const c = changeOf(plan([welcome], [remote]), "welcome");
    expect(c.desired).toEqual(welcome);
    expect(c.remote).toEqual({
      id: remote.id,
      status: "REJECTED",
      reason: "Invalid Format",
      category: "MARKETING",
      createdOn: remote.createdOn,
      modifiedOn: remote.modifiedOn,
      content: remote,
    });
  });

  it("says when the edit window frees up", () => {
    const p = plan(
      [template("welcome", { footer: "Bye" })],
      [remoteOf(welcome, { modifiedOn: NOW - 3 * HOUR, editedOn: NOW - 3 * HOUR })],
    );
    expect(changeOf(p, "welcome").diagnostics[0]?.hint).toBe(
      "plan and apply again after 2025-06-02T09:00:00.000Z",
    );
  });

  it("reports one blocking error when a replace and a category change both block an APPROVED template", () => {
    const p = plan(
      [ltoTemplate("flash_sale", { category: "UTILITY", lto: { text: "X", hasExpiration: true } })],
      [remoteOf(flash)],
    );
    const c = changeOf(p, "flash_sale");
    expect(c.reason).toBe("name_reuse_locked");
    // a new name settles both: the category of a new template is free
    expect(codes(c)).toEqual(["error DEL-002"]);
    expect(c.diagnostics[0]?.hint).toContain("flash_sale_v2");
  });
});

describe("makePlan: undeclared templates", () => {
  const legacy = remoteOf(template("legacy"));

  it("lists an undeclared template and leaves it alone without prune", () => {
    const p = plan([], [legacy]);
    expect(p.changes).toEqual([]);
    expect(p.undeclared).toEqual([
      {
        key: { app: "shop", name: "legacy", language: "en" },
        id: legacy.id,
        status: "APPROVED",
        willDelete: false,
      },
    ]);
  });

  it("lists it as undeclared and deletes it with prune", () => {
    const p = plan([], [legacy], pruning);
    expect(p.undeclared.map((u) => u.willDelete)).toEqual([true]);
    expect(p.changes.map((c) => c.action)).toEqual(["delete"]);
  });

  it("prune deletes only in the app that has it", () => {
    const other = remoteOf(template("legacy", { app: "brand" }));
    const p = plan([], [legacy, other], { apps: [app("shop", { prune: true }), app("brand")] });
    expect(p.changes.map((c) => `${c.key.app}:${c.action}`)).toEqual(["shop:delete"]);
    expect(p.undeclared.map((u) => `${u.key.app}:${u.willDelete}`)).toEqual(["brand:false", "shop:true"]);
  });

  it("does not delete a template that is already being deleted", () => {
    const p = plan([], [remoteOf(template("legacy"), { status: "PENDING_DELETION" })], pruning);
    expect(p.changes).toEqual([]);
    expect(p.undeclared.map((u) => u.willDelete)).toEqual([false]);
  });

  it("keeps a language that is still declared when another language of the name is pruned", () => {
    const en = template("welcome");
    const es = template("welcome", { language: "es" });
    const p = plan([en], [remoteOf(en), remoteOf(es)], pruning);
    expect(p.changes.map((c) => `${c.key.language}:${c.action}`)).toEqual(["en:noop", "es:delete"]);
  });
});

describe("makePlan: the plan as a whole", () => {
  it("sorts changes by app, name and language whatever the input order, and keeps noops", () => {
    const ts = [
      template("b", { app: "shop" }),
      template("a", { app: "shop", language: "fr" }),
      template("a", { app: "brand" }),
      template("a", { app: "shop", language: "de" }),
    ];
    const p = plan(ts, [remoteOf(ts[0] as DesiredTemplate)], { apps: [app("shop"), app("brand")] });
    expect(p.changes.map((c) => `${c.key.app}/${c.key.name}/${c.key.language}:${c.action}`)).toEqual([
      "brand/a/en:create",
      "shop/a/de:create",
      "shop/a/fr:create",
      "shop/b/en:noop",
    ]);
  });

  it("records the time it was given and the apps in scope without anything but ids and names", () => {
    const withSecret = { ...app("shop"), token: "sk_live_secret" } as never;
    const p = plan([welcome], [], { apps: [withSecret] });
    expect(p.createdAt).toBe(NOW);
    expect(p.formatVersion).toBe(3);
    expect(JSON.stringify(p)).not.toContain("sk_live_secret");
    expect(p.apps).toEqual([app("shop")]);
  });

  it("does not change its inputs", () => {
    const d = deepFreeze([template("welcome", { footer: "New" })]);
    const r = deepFreeze([remoteOf(welcome)]);
    expect(() => plan(d, r)).not.toThrow();
  });

  it("reports declared templates of an unknown app and duplicate declarations, and keeps the first", () => {
    const p = plan([welcome, template("welcome", { footer: "Second" }), template("x", { app: "nope" })], []);
    expect(p.diagnostics.map((d) => `${d.severity} ${d.code} ${d.template}`)).toEqual([
      "error PLAN-001 nope/x/en",
      "error NAME-004 shop/welcome/en",
    ]);
    expect(changeOf(p, "welcome").desired?.footer).toBe(welcome.footer);
  });

  it("uses one row, whatever the order, when the remote lists a key twice", () => {
    const a = remoteOf(welcome, { id: "id-a" });
    const b = remoteOf(welcome, { id: "id-b" }, { footer: "Other" });
    const p1 = plan([welcome], [a, b]);
    const p2 = plan([welcome], [b, a]);
    expect(changeOf(p1, "welcome").remote?.id).toBe("id-a");
    expect(p2).toEqual(p1);
    expect(p1.diagnostics.map((d) => d.code)).toEqual(["PLAN-003"]);
  });
});

describe("makePlan: plan-level warnings", () => {
  it("DUP-001: a new template worded like another declared one", () => {
    const a = template("promo_a", { body: "Big sale today!", footer: undefined });
    const b = template("promo_b", { body: "Big sale today!", footer: undefined });
    const p = plan([a, b], []);
    expect(p.diagnostics.map((d) => `${d.code} ${d.template}: ${d.message}`)).toEqual([
      "DUP-001 shop/promo_a/en: same body and footer as shop/promo_b/en (declared); Meta rejects duplicates",
      "DUP-001 shop/promo_b/en: same body and footer as shop/promo_a/en (declared); Meta rejects duplicates",
    ]);
  });

  it("DUP-001: a new template worded like an undeclared remote one", () => {
    const old = remoteOf(template("old_promo", { body: "Big sale today!" }), { status: "REJECTED" });
    const p = plan([template("promo", { body: "Big sale today!" })], [old]);
    expect(p.diagnostics.filter((d) => d.code === "DUP-001").map((d) => d.message)).toEqual([
      "same body and footer as shop/old_promo/en (remote, REJECTED); Meta rejects duplicates",
    ]);
  });

  it("PLAN-006: a create with the same content as an undeclared remote template looks like a rename", () => {
    const old = remoteOf(template("old_promo", { body: "Big sale today!" }));
    const renamed = template("promo", { body: "Big sale today!" });
    const kept = plan([renamed], [old]);
    expect(kept.diagnostics.filter((d) => d.code === "PLAN-006")).toEqual([
      {
        severity: "info",
        code: "PLAN-006",
        message:
          "looks like a rename of shop/old_promo/en: the same content as that undeclared remote template (APPROVED)",
        hint: "a name cannot be edited: the new template is created, the old one stays (app shop does not prune)",
        template: "shop/promo/en",
      },
    ]);
    const pruned = plan([renamed], [old], { apps: [app("shop", { prune: true })] });
    expect(pruned.diagnostics.find((d) => d.code === "PLAN-006")?.hint).toMatch(/the old one is deleted$/);
    // another footer is other content: no rename (DUP-001 still compares body and footer only)
    const edited = plan([template("promo", { body: "Big sale today!", footer: "Bye" })], [old]);
    expect(edited.diagnostics.filter((d) => d.code === "PLAN-006")).toEqual([]);
    // a declared remote template is not a rename source
    expect(plan([renamed, template("old_promo", { body: "Big sale today!" })], [old]).diagnostics).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ code: "PLAN-006" })]),
    );
  });

  it("DUP-001 does not apply to AUTHENTICATION, other footers, other apps or templates already in sync", () => {
    const body = "Your code is {{1}}.";
    const ts = [
      template("otp_a", { category: "AUTHENTICATION", body }),
      template("otp_b", { category: "AUTHENTICATION", body }),
      template("c", { body, footer: "other" }),
      template("d", { body, app: "brand", footer: "other" }),
    ];
    const synced = template("e", { body, footer: "other" });
    const p = plan([...ts, synced], [remoteOf(synced)], { apps: [app("shop"), app("brand")] });
    expect(p.diagnostics.map((d) => d.template)).toEqual(["shop/c/en"]);
  });

  it("QTA-001: more than 100 creations for one app", () => {
    const many = Array.from({ length: 101 }, (_, i) =>
      template(`t${i}`, { body: `Offer ${i} for {{1}} today` }),
    );
    expect(plan(many.slice(0, 100), []).diagnostics).toEqual([]);
    expect(plan(many, []).diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      "QTA-001: app shop: 101 templates to create; Meta accepts 100 creations per WABA per hour",
    ]);
  });
});

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe("makePlan: remote rows waform cannot manage", () => {
  it("lists them apart from undeclared ones, never deletes them, and blocks a declaration naming one", () => {
    const odd = unmanageableOf("legacy_reply");
    const p = plan([], [], { ...pruning, unmanageable: [odd] });
    expect(p.changes).toEqual([]);
    expect(p.undeclared).toEqual([]);
    expect(p.unmanageable).toEqual([
      {
        key: { app: "shop", name: "legacy_reply", language: "en" },
        id: odd.id,
        status: "APPROVED",
        reason: "unknown_category",
        detail: 'category "AUTO_REPLY" is not one waform manages',
        raw: { category: "AUTO_REPLY", templateType: "TEXT" },
        declared: false,
      },
    ]);
    const declared = plan([template("legacy_reply", { language: "en" })], [], { unmanageable: [odd] });
    expect(declared.unmanageable.map((u) => u.declared)).toEqual([true]);
    expect(changeOf(declared, "legacy_reply").diagnostics[0]?.hint).toContain("legacy_reply_v2");
  });

  it("changes the fingerprint when such a row changes, so a saved plan goes stale", () => {
    const before = plan([], [], { unmanageable: [unmanageableOf("legacy_reply")] });
    const after = plan([], [], { unmanageable: [unmanageableOf("legacy_reply", { status: "PAUSED" })] });
    expect(before.remoteFingerprint).not.toBe(after.remoteFingerprint);
    expect(plan([], []).remoteFingerprint).not.toBe(before.remoteFingerprint);
  });

  it("notes a pending re-categorisation by Meta without changing anything", () => {
    const t = template("followup");
    const c = changeOf(plan([t], [remoteOf(t, { correctCategory: "UTILITY" })]), "followup");
    expect(outline(c)).toEqual({ action: "noop", reason: "in_sync", fields: [] });
    expect(c.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "CATG-002 Meta says this MARKETING template belongs in UTILITY; it moves there on the 1st of next month",
    ]);
  });
});
