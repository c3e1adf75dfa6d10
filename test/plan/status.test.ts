// The status table (plan/status.ts) decides plan, drift and verify for every status, in any
// spelling; docs/accounts.md prints it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { driftReport } from "../../src/plan/drift.js";
import { STATUS_TABLE, statusRow } from "../../src/plan/status.js";
import { renderStatusTableMarkdown } from "../../src/render/status-table.js";
import { classifyStatus } from "../../src/verify/status.js";
import { app, changeOf, outline, plan, remoteOf, template } from "./builders.js";

const welcome = template("welcome");
const edited = template("welcome", { body: "Hello {{1}}, welcome back." });

function declaredDiffering(status: string) {
  return outline(changeOf(plan([edited], [remoteOf(welcome, { status })]), "welcome"));
}

function pruned(status: string) {
  const p = plan([], [remoteOf(welcome, { status })], { apps: [app("shop", { prune: true })] });
  return p.changes[0] ? `${p.changes[0].action}:${p.changes[0].reason}` : "nothing";
}

describe("the status table", () => {
  it.each([
    ["APPROVED", "update:fields_changed", "delete:not_declared", "approved"],
    ["PENDING", "blocked:pending_review", "delete:not_declared", "waiting"],
    ["REJECTED", "update:fields_changed", "delete:not_declared", "rejected"],
    ["FAILED", "blocked:status_not_editable", "delete:not_declared", "rejected"],
    ["PAUSED", "update:fields_changed", "delete:not_declared", "not_sendable"],
    ["DISABLED", "blocked:status_not_editable", "blocked:status_not_editable", "not_sendable"],
    ["SANDBOX_REQUESTED", "blocked:status_not_editable", "delete:not_declared", "approved"],
    ["IN_APPEAL", "blocked:status_not_editable", "blocked:status_not_editable", "not_sendable"],
    ["PENDING_DELETION", "blocked:status_not_editable", "nothing", "not_sendable"],
    ["DELETED", "blocked:status_not_editable", "nothing", "not_sendable"],
    ["LIMIT_EXCEEDED", "blocked:status_not_editable", "delete:not_declared", "not_sendable"],
    ["ARCHIVED", "blocked:status_not_editable", "delete:not_declared", "not_sendable"],
    ["SOMETHING_NEW", "blocked:status_not_editable", "blocked:status_not_editable", "waiting"],
  ])(
    "%s: plan %s when declared and different, %s when undeclared and pruned; verify: %s",
    (status, edit, prune, verify) => {
      for (const spelling of [
        status,
        status.toLowerCase(),
        ` ${status.toLowerCase().replaceAll("_", " ")} `,
      ]) {
        const o = declaredDiffering(spelling);
        expect(`${o.action}:${o.reason}`, spelling).toBe(edit);
        expect(pruned(spelling), spelling).toBe(prune);
        expect(classifyStatus(spelling), spelling).toBe(verify);
      }
    },
  );

  it("covers every status the table names", () => {
    expect(STATUS_TABLE.map((r) => r.status).sort()).toEqual(
      [
        "APPROVED",
        "ARCHIVED",
        "DELETED",
        "DISABLED",
        "FAILED",
        "IN_APPEAL",
        "LIMIT_EXCEEDED",
        "PAUSED",
        "PENDING",
        "PENDING_DELETION",
        "REJECTED",
        "SANDBOX_REQUESTED",
      ].sort(),
    );
  });

  it("drift counts a declared FAILED template as not sendable, like a rejected one", () => {
    const failed = remoteOf(welcome, { status: "FAILED", reason: "submission failed" });
    expect(driftReport(plan([welcome], [failed])).unhealthy).toEqual([
      { key: "shop/welcome/en", status: "FAILED", reason: "submission failed" },
    ]);
    expect(statusRow("failed").unhealthy).toBe(true);
  });

  it("is printed in docs/accounts.md exactly as the code has it", () => {
    const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", "accounts.md"), "utf8");
    const start = doc.indexOf("<!-- status-table:start -->");
    const end = doc.indexOf("<!-- status-table:end -->");
    expect(start).toBeGreaterThan(0);
    expect(doc.slice(start, end).split("\n").slice(1).join("\n").trim()).toBe(renderStatusTableMarkdown());
  });
});
