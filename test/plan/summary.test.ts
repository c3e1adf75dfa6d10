import { describe, expect, it } from "vitest";
import { hasBlocked, hasChanges, summarize } from "../../src/plan/summary.js";
import { app, plan, remoteOf, template } from "./builders.js";

const welcome = template("welcome");

describe("summarize / hasChanges", () => {
  it("counts each action", () => {
    const p = plan(
      [welcome, template("new_one"), template("cat", { category: "UTILITY" })],
      [remoteOf(welcome), remoteOf(template("cat")), remoteOf(template("gone"))],
      { apps: [app("shop", { prune: true })] },
    );
    expect(summarize(p)).toEqual({ create: 1, update: 0, replace: 0, delete: 1, blocked: 1, noop: 1 });
    expect(hasChanges(p)).toBe(true);
    expect(hasBlocked(p)).toBe(true);
  });

  it("a plan with only noops has no changes", () => {
    const p = plan([welcome], [remoteOf(welcome)]);
    expect(hasChanges(p)).toBe(false);
    expect(hasBlocked(p)).toBe(false);
  });

  it("a blocked change is not work for apply: hasChanges is false, hasBlocked true", () => {
    const p = plan([template("welcome", { footer: "x" })], [remoteOf(welcome, { status: "PENDING" })]);
    expect(summarize(p).blocked).toBe(1);
    expect(hasChanges(p)).toBe(false);
    expect(hasBlocked(p)).toBe(true);
  });
});
