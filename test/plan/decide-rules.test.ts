// decideDeclared as data: the rules of decide-rules.ts folded to the worst impact. docs/plan.md
// lists the same rules in the same order (UPDATE_GOLDEN=1 rewrites that list after a change).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideDeclared } from "../../src/plan/decide.js";
import { DECLARED_RULES, type DecisionRule, IMPACT } from "../../src/plan/decide-rules.js";
import { ACTIONS } from "../../src/plan/types.js";
import { updatingGolden } from "../helpers/golden.js";
import { codes, HOUR, ltoTemplate, NOW, remoteOf, template } from "./builders.js";

const DOC = join(import.meta.dirname, "../../docs/plan.md");
const START = /<!-- decide-rules:[^>]*-->\n/;
const END = "<!-- /decide-rules -->";

describe("docs/plan.md", () => {
  it("lists the rules of decide-rules.ts, in their order", () => {
    const text = readFileSync(DOC, "utf8");
    const start = START.exec(text);
    const end = text.indexOf(END);
    expect(start && end > start.index, "docs/plan.md has the decide-rules markers").toBe(true);
    const from = (start?.index ?? 0) + (start?.[0].length ?? 0);
    const listed = DECLARED_RULES.map((r, i) => `${i + 1}. ${r.doc}\n`).join("");
    if (updatingGolden()) writeFileSync(DOC, text.slice(0, from) + listed + text.slice(end));
    else expect(text.slice(from, end)).toBe(listed);
  });

  it("states the impact order the fold uses", () => {
    const order = [...IMPACT]
      .reverse()
      .map((a) => `\`${a}\``)
      .join(" over ");
    expect(readFileSync(DOC, "utf8").replace(/\s+/g, " ")).toContain(`wins: ${order};`);
    expect([...IMPACT].sort()).toEqual([...ACTIONS].sort());
  });
});

describe("the fold", () => {
  const approved = (t = template("welcome"), over = {}) => remoteOf(t, { status: "APPROVED", ...over });

  it("reports one blocking error when a protected template needs a replace and a category change", () => {
    const flash = ltoTemplate("flash_sale");
    const desired = ltoTemplate("flash_sale", {
      protect: true,
      category: "UTILITY",
      lto: { text: "X", hasExpiration: true },
    });
    const c = decideDeclared(desired, approved(flash), NOW);
    expect([c.action, c.reason]).toEqual(["blocked", "protected"]);
    expect(codes(c)).toEqual(["error PLAN-002"]);
  });

  it("keeps the notes of every rule, and drops the diagnostics of outcomes that lost", () => {
    // vertical is ignored (a note); the body edit of an APPROVED template edited 3 h ago is blocked
    // by the quota, so the update's warning about spending the quota does not apply
    const desired = template("welcome", { vertical: "fashion", body: "Hello {{1}}, new body." });
    const remote = approved(template("welcome"), { editedOn: NOW - 3 * HOUR, oldCategory: "UTILITY" });
    const c = decideDeclared(desired, remote, NOW);
    expect([c.action, c.reason]).toEqual(["blocked", "edit_quota"]);
    expect(codes(c)).toEqual(["info EDIT-006", "info CATG-002", "error EDIT-003"]);
  });

  it("lets a later rule with a worse outcome win, so a new rule is one entry in the list", () => {
    // e.g. a remote row waform cannot manage: blocked, whatever the other rules say
    const unmanaged: DecisionRule = {
      doc: "A remote row waform cannot manage → `blocked`.",
      decide: (i) =>
        i.remote?.id === "odd"
          ? {
              outcome: { action: "blocked", reason: "status_not_editable", unblockedBy: "declaration" },
              notes: [{ severity: "error", code: "X-001", message: "declare it under a new name" }],
            }
          : undefined,
    };
    const rules = [...DECLARED_RULES, unmanaged];
    const desired = template("welcome", { footer: "New footer" });
    const odd = approved(template("welcome"), { id: "odd" });
    expect(decideDeclared(desired, odd, NOW, rules)).toMatchObject({
      action: "blocked",
      diagnostics: [{ code: "X-001" }],
    });
    expect(decideDeclared(desired, approved(), NOW, rules).action).toBe("update");
    expect(decideDeclared(template("welcome"), odd, NOW, rules).action).toBe("blocked");
  });

  it("between outcomes of the same impact, the rule listed first decides", () => {
    const remote = remoteOf(template("welcome"), { status: "PENDING" });
    const desired = template("welcome", { footer: "New footer" });
    expect(decideDeclared(desired, remote, NOW).reason).toBe("pending_review");
    const reversed = [...DECLARED_RULES].reverse();
    expect(decideDeclared(desired, remote, NOW, reversed).reason).toBe("status_not_editable");
  });
});
