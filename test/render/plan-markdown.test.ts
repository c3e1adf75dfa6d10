// The Markdown plan is a pull-request comment: it must read well and never exceed what GitHub
// accepts (65,536 characters), however large the plan.

import { describe, expect, it } from "vitest";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { app, plan, remoteOf, template } from "../plan/builders.js";
import { samplePlan } from "./sample-plan.js";

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe("renderPlanMarkdown", () => {
  const md = renderPlanMarkdown(samplePlan());

  it("opens with the summary line", () => {
    expect(md).toContain("**Plan: 2 to create, 1 to update, 1 to replace, 1 to delete, 4 blocked.**");
  });

  it("has a table row per affected template, with action and reason", () => {
    expect(md).toContain("| App | Template | Language | Action | Reason |");
    expect(md).toContain(
      "| shop | `flash_sale` | en | `-/+` replace | replace: lto.hasExpiration cannot be edited in place (LTO fields are not in Gupshup's edit list) |",
    );
    expect(md).not.toContain("`synced`");
  });

  it("has a collapsible diff per affected template", () => {
    expect(count(md, "<details>")).toBe(9);
    expect(count(md, "</details>")).toBe(9);
    expect(md).toContain("@@ lto.hasExpiration (forces replace) @@\n-true\n+false");
  });

  it("lists warnings, undeclared and unmanageable templates", () => {
    expect(md).toContain("- **warning** `EDIT-003` `shop/welcome/en`: editing an APPROVED template");
    expect(md).toContain("- `shop/legacy_promo/en` APPROVED: will be deleted (app shop prunes)");
    expect(md).toContain("#### Unmanageable templates (listed, never changed by waform)");
    expect(md).toContain("- `shop/promo_carousel/en` PAUSED: unknown type:");
  });

  it("escapes table cells and code fences", () => {
    const t = template("pipes", { body: "A | B ```{{1}}``` done", footer: undefined });
    const out = renderPlanMarkdown(plan([t], []));
    expect(out).toContain("````diff\n+ category");
    const p = plan([t], []);
    p.changes[0]!.key.app = "a|b";
    expect(renderPlanMarkdown(p)).toContain("| a&#124;b | `pipes` |");
  });

  it("says there is nothing to do when the remote matches", () => {
    const t = template("welcome");
    const out = renderPlanMarkdown(plan([t], [remoteOf(t)]));
    expect(out).toContain("**No changes. The remote matches the declaration.**");
    expect(out).not.toContain("| App |");
  });
});

describe("renderPlanMarkdown on a huge plan", () => {
  // 3,000 creates and 500 prunes: far more than one comment can hold
  const declared = Array.from({ length: 3000 }, (_, i) =>
    template(`offer_${String(i).padStart(4, "0")}`, { body: `Offer ${i} for {{1}}: ${"x".repeat(200)}` }),
  );
  const undeclared = Array.from({ length: 500 }, (_, i) =>
    remoteOf(template(`old_${i}`, { body: `Old ${i} {{1}}` })),
  );
  const huge = plan(declared, undeclared, { apps: [app("shop", { prune: true })] });
  const md = renderPlanMarkdown(huge);

  it("stays below 65,000 characters", () => {
    expect(md.length).toBeLessThan(65_000);
    expect(md.length).toBeGreaterThan(60_000);
  });

  it("keeps the summary and cuts at whole items", () => {
    expect(md).toContain("**Plan: 3000 to create, 0 to update, 0 to replace, 500 to delete, 0 blocked.**");
    expect(count(md, "<details>")).toBe(count(md, "</details>"));
    expect(count(md, "```") % 2).toBe(0);
    const lastRow = md
      .split("\n")
      .filter((l) => l.startsWith("| shop |"))
      .at(-1);
    expect(lastRow).toMatch(/\|$/);
  });

  it("says what it left out, and the counts add up", () => {
    const rows = md.split("\n").filter((l) => l.startsWith("| shop |")).length;
    const note = md.trimEnd().split("\n").at(-1) ?? "";
    expect(note).toMatch(/^> \*\*Cut to stay under 65,000 characters:\*\* left out /);
    const leftOut = Number(/left out ([\d,]+) table rows/.exec(note)?.[1]?.replace(/,/g, ""));
    expect(rows + leftOut).toBe(3500);
    expect(note).toContain("template diffs");
    expect(note).toContain("undeclared templates");
    expect(note).toContain("Run `waform plan` to see the whole plan.");
  });

  it("honours a smaller limit", () => {
    const small = renderPlanMarkdown(huge, { maxChars: 5_000 });
    expect(small.length).toBeLessThan(5_000);
    expect(small).toContain("**Plan: 3000 to create, 0 to update, 0 to replace, 500 to delete, 0 blocked.**");
  });

  it("is not cut when everything fits", () => {
    expect(renderPlanMarkdown(samplePlan())).not.toContain("Cut to stay under");
  });
});
