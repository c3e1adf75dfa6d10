// Issue 12 item 3: a blocked change says what lifts it — a change of the declaration, or time (and
// until when, when waform can tell) — and `plan --detailed-exitcode` reads that: exit 1 for a plan
// that can never be applied as declared, 2 for one that waits.

import { describe, expect, it } from "vitest";
import { detailedExit } from "../../src/plan/summary.js";
import {
  app,
  changeOf,
  DAY,
  HOUR,
  ltoTemplate,
  NOW,
  plan,
  remoteOf,
  template,
  unmanageableOf,
} from "./builders.js";

const welcome = template("welcome");
const edited = template("welcome", { footer: "Bye" });

function lift(c: { action: string; reason: string; unblockedBy?: string; blockedUntil?: number }) {
  return { action: c.action, reason: c.reason, unblockedBy: c.unblockedBy, blockedUntil: c.blockedUntil };
}

describe("what lifts a block", () => {
  it("the edit quota: time, until 24 h after the edit the remote shows, said in the diagnostic too", () => {
    const c = changeOf(plan([edited], [remoteOf(welcome, { editedOn: NOW - 3 * HOUR })]), "welcome");
    const until = NOW + 21 * HOUR;
    expect(lift(c)).toEqual({
      action: "blocked",
      reason: "edit_quota",
      unblockedBy: "time",
      blockedUntil: until,
    });
    expect(c.diagnostics[0]?.message).toContain(`edited again after ${new Date(until).toISOString()}`);
    expect(c.diagnostics[0]?.hint).toBe(`plan and apply again after ${new Date(until).toISOString()}`);
  });

  it("review and appeal: time, no instant known", () => {
    const pending = changeOf(plan([edited], [remoteOf(welcome, { status: "PENDING" })]), "welcome");
    expect(lift(pending)).toEqual({
      action: "blocked",
      reason: "pending_review",
      unblockedBy: "time",
      blockedUntil: undefined,
    });
    const appeal = changeOf(plan([edited], [remoteOf(welcome, { status: "IN_APPEAL" })]), "welcome");
    expect(lift(appeal)).toMatchObject({ reason: "status_not_editable", unblockedBy: "time" });
  });

  it.each([
    ["a DISABLED template", [edited], [remoteOf(welcome, { status: "DISABLED" })], "status_not_editable"],
    [
      "a category change of an APPROVED template",
      [template("welcome", { category: "UTILITY" })],
      [remoteOf(welcome)],
      "approved_category_immutable",
    ],
    [
      "an LTO text change of an APPROVED template (its name would lock)",
      [ltoTemplate("flash", { lto: { text: "Flash", hasExpiration: true } })],
      [remoteOf(ltoTemplate("flash"))],
      "name_reuse_locked",
    ],
    [
      "a replace of a protected template",
      [ltoTemplate("flash", { protect: true, lto: { text: "Flash", hasExpiration: true } })],
      [remoteOf(ltoTemplate("flash"), { status: "REJECTED" })],
      "protected",
    ],
  ])("%s: a declaration change", (_what, desired, remote, reason) => {
    const [c] = plan(desired, remote).changes;
    expect(lift(c!)).toEqual({
      action: "blocked",
      reason,
      unblockedBy: "declaration",
      blockedUntil: undefined,
    });
  });

  it("a declaration naming a remote row waform cannot manage: a declaration change", () => {
    const p = plan([template("legacy")], [], { unmanageable: [unmanageableOf("legacy")] });
    expect(lift(changeOf(p, "legacy"))).toEqual({
      action: "blocked",
      reason: "unmanageable",
      unblockedBy: "declaration",
      blockedUntil: undefined,
    });
  });

  it("an undeclared template in appeal in an app that prunes: time (the appeal is decided)", () => {
    const p = plan([], [remoteOf(welcome, { status: "IN_APPEAL" })], {
      apps: [app("shop", { prune: true })],
    });
    expect(lift(changeOf(p, "welcome"))).toMatchObject({ action: "blocked", unblockedBy: "time" });
  });

  it("an undeclared DISABLED template in an app that prunes: a declaration change", () => {
    const p = plan([], [remoteOf(welcome, { status: "DISABLED" })], { apps: [app("shop", { prune: true })] });
    expect(lift(changeOf(p, "welcome"))).toMatchObject({ action: "blocked", unblockedBy: "declaration" });
  });

  it("other changes carry neither field", () => {
    const c = changeOf(plan([edited], [remoteOf(welcome)]), "welcome");
    expect(c.action).toBe("update");
    expect("unblockedBy" in c || "blockedUntil" in c).toBe(false);
  });
});

describe("an edit whose quota cannot be known says so on the change", () => {
  it("no edit flagged: the whole quota is unknown", () => {
    const c = changeOf(plan([edited], [remoteOf(welcome)]), "welcome");
    expect(c.diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "EDIT-003",
        message: expect.stringContaining(
          "the quota cannot be checked before apply: the remote flags no earlier edit, but Gupshup exposes no edit count",
        ),
        hint: expect.stringContaining("apply reports the change blocked (edit_quota)"),
      }),
    ]);
  });

  it("an edit 2 days ago: the 24 h quota is free, the 30-day one unknown", () => {
    const at = NOW - 2 * DAY;
    const c = changeOf(plan([edited], [remoteOf(welcome, { editedOn: at })]), "welcome");
    expect(c.action).toBe("update");
    expect(c.diagnostics[0]?.message).toContain(
      `the 10 per 30 days cannot be checked before apply: the last edit (at ${new Date(at).toISOString()}) is over 24 h old`,
    );
  });
});

describe("detailedExit (plan --detailed-exitcode)", () => {
  const other = template("other");
  it("a change that can never be applied as declared wins: exit 1, whatever else the plan holds", () => {
    const p = plan(
      [template("welcome", { category: "UTILITY" }), template("fresh")],
      [remoteOf(welcome), remoteOf(other, { status: "PENDING" })],
    );
    expect(detailedExit(p)).toBe("unappliable");
  });

  it("a plan whose only blocks wait for time: exit 2 (so it says when), even with nothing to apply now", () => {
    const p = plan([edited], [remoteOf(welcome, { editedOn: NOW - HOUR })]);
    expect(p.changes.map((c) => c.action)).toEqual(["blocked"]);
    expect(detailedExit(p)).toBe("changes");
  });

  it("work for apply: exit 2; nothing at all: exit 0", () => {
    expect(detailedExit(plan([edited], [remoteOf(welcome)]))).toBe("changes");
    expect(detailedExit(plan([welcome], [remoteOf(welcome)]))).toBe("none");
  });
});
