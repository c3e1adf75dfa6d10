// Counts and clauses read as English: "1 warning", "1 app", "apply is blocked", "1 table row".

import { describe, expect, it } from "vitest";
import { noun, plural } from "../../src/model/plural.js";
import { driftReport } from "../../src/plan/drift.js";
import { renderSummaryLine } from "../../src/render/diagnostics.js";
import { renderDriftText } from "../../src/render/drift.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { applyWouldPhrase } from "../../src/render/plan-words.js";
import { plan, remoteOf, template } from "../plan/builders.js";

describe("plural", () => {
  it("counts one and many, with an irregular plural when given", () => {
    expect(plural(1, "warning")).toBe("1 warning");
    expect(plural(0, "warning")).toBe("0 warnings");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
    expect(noun(1, "app")).toBe("app");
  });

  it("is what the validate summary line uses", () => {
    expect(renderSummaryLine({ errors: 1, warnings: 1, files: 1, templates: 1, apps: 1 })).toBe(
      "1 error, 1 warning: 1 template, 1 app in 1 file\n",
    );
  });
});

describe("what apply would do, in words", () => {
  it("says a blocked change is blocked", () => {
    expect(applyWouldPhrase("blocked")).toBe("apply is blocked");
    expect(applyWouldPhrase("update")).toBe("apply would update it in place");
  });

  it("in the drift report", () => {
    const pending = template("in_review", { footer: "Reply STOP to unsubscribe" });
    const p = plan([pending], [remoteOf(template("in_review"), { status: "PENDING" })]);
    expect(renderDriftText(driftReport(p))).toContain(
      "~ shop/in_review/en [PENDING] (apply cannot undo it yet (pending_review): apply later, or change the declaration)",
    );
  });
});

describe("the Markdown plan cut to size", () => {
  it("counts what it left out in the singular when it is one", () => {
    const p = plan([template("a"), template("b")], []);
    const full = renderPlanMarkdown(p);
    // the largest limit that leaves something out leaves out one diff
    let cut = "";
    for (let max = full.length + 700; max > 0 && !cut.includes("left out"); max -= 5)
      cut = renderPlanMarkdown(p, { maxChars: max });
    expect(cut).toMatch(/left out 1 template diff\./);
  });
});
