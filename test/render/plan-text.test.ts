// The text plan, as a reader of a terminal or a CI log sees it.

import { describe, expect, it } from "vitest";
import { makePlan } from "../../src/plan/make-plan.js";
import { renderPlanText } from "../../src/render/plan-text.js";
import { app, ltoTemplate, NOW, plan, remoteOf, template } from "../plan/builders.js";
import { samplePlan } from "./sample-plan.js";

const ANSI = /\u001b\[\d+m/g;

describe("renderPlanText", () => {
  const text = renderPlanText(samplePlan(), { color: false });

  it("ends with the summary line", () => {
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "Plan: 2 to create, 1 to update, 1 to replace, 1 to delete, 4 blocked.",
    );
  });

  it("groups changes by app, with one marker per action", () => {
    const titles = text.split("\n").filter((l) => /^ {2}(\+|~|-\/\+|-|!) /.test(l));
    expect(titles.map((l) => l.trim().split(" ").slice(0, 2).join(" "))).toEqual([
      "+ brand/brand_news/en",
      "! brand/spring_sale/en",
      "! shop/disabled_old/en",
      "-/+ shop/flash_sale/en",
      "! shop/in_review/en",
      "- shop/legacy_promo/en",
      "+ shop/new_arrivals/en",
      "! shop/order_update/en",
      "~ shop/welcome/en",
    ]);
    expect(text.indexOf("app brand")).toBeLessThan(text.indexOf("app shop"));
  });

  it("does not show unchanged templates but counts them", () => {
    expect(text).not.toContain("shop/synced/en");
    expect(text).toContain("2 unchanged templates not shown");
  });

  it("shows a body change as a unified diff", () => {
    expect(text).toContain(
      [
        "      body:",
        "        @@ -1,2 +1,3 @@",
        "         Hello {{1}},",
        "         your order is ready.",
        "        +See you soon!",
      ].join("\n"),
    );
  });

  it("explains a replace in words", () => {
    expect(text).toContain(
      "replace: lto.hasExpiration cannot be edited in place (LTO fields are not in Gupshup's edit list)",
    );
    expect(text).toContain("lto.hasExpiration = true -> false (forces replace)");
  });

  it("shows headers and buttons as key = value lines, never as JSON objects", () => {
    expect(text).toContain(
      [
        "      header:",
        '        type    = "text"',
        '        text    = "New in | {{1}}"',
        '        example = "June"',
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "      buttons[0]:",
        '        type = "url"',
        '        text = "See all"',
        '        url  = "https://shop.example/new"',
      ].join("\n"),
    );
    expect(text).not.toMatch(/\{"/);
  });

  it("shows what a delete removes: the remote template's content", () => {
    const start = text.indexOf("- shop/legacy_promo/en will be deleted");
    const block = text.slice(start, text.indexOf("\n\n", start));
    expect(block).toContain('      id                  = "id-shop-legacy_promo-en"');
    expect(block).toContain("        Hello {{1}}, legacy promo is ready.");
    expect(block).toContain('      footer              = "Reply STOP to opt out"');
  });

  it("says when a create looks like a rename of an undeclared remote template", () => {
    expect(text).toContain(
      "+ brand/brand_news/en will be created (looks like a rename of brand/old_brand/en)",
    );
  });

  it("shows a header or button that changed type key by key", () => {
    const welcome = template("welcome");
    const p = plan(
      [template("welcome", { header: { type: "image", example: "https://cdn.example/a.png" } })],
      [remoteOf(welcome)],
    );
    const out = renderPlanText(p, { color: false });
    expect(out).toContain(
      [
        "      header:",
        '        type    = "text" -> "image"',
        '        text    = "Order update" -> (none)',
        '        example = (none) -> "https://cdn.example/a.png"',
      ].join("\n"),
    );
  });

  it("shows warnings with their hints, and notes of unchanged templates", () => {
    expect(text).toContain("warning EDIT-003: editing an APPROVED template uses its edit quota");
    expect(text).toContain("error CATG-003: the category of an APPROVED template cannot change");
    expect(text).toContain("hint: keep category UTILITY");
    expect(text).toContain("note EDIT-006 shop/labelled/en: vertical differs");
    expect(text).toContain("warning HDR-004 templates.yaml:5:13 shop/new_arrivals/en:");
  });

  it("lists undeclared templates and what happens to them", () => {
    expect(text).toContain("brand/old_brand/en    APPROVED  kept (app brand does not prune)");
    expect(text).toContain("shop/legacy_promo/en  APPROVED  will be deleted (app shop prunes)");
  });

  it("lists unmanageable templates with why, apart from the undeclared ones (never pruned)", () => {
    expect(text).toContain("Unmanageable templates (waform lists them and never changes them):");
    expect(text).toContain(
      'shop/legacy_auto_reply/en  APPROVED  unknown category: category "AUTO_REPLY" is not one waform manages; left as it is',
    );
    expect(text).toContain('shop/promo_carousel/en     PAUSED    unknown type: template type "CAROUSEL"');
    expect(text).not.toMatch(/legacy_auto_reply.*will be deleted/);
  });

  it("has no colour unless asked, and the same words with colour", () => {
    expect(text).not.toMatch(ANSI);
    const colored = renderPlanText(samplePlan(), { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored.replace(ANSI, "")).toBe(text);
  });

  it("says there is nothing to do when the remote matches", () => {
    const t = template("welcome");
    expect(renderPlanText(plan([t], [remoteOf(t)]))).toBe(
      "No changes. The remote matches the declaration.\n",
    );
    expect(renderPlanText(makePlan([], [], { apps: [], now: NOW }))).toBe(
      "No changes. The remote matches the declaration.\n",
    );
  });

  it("still lists undeclared templates when there is nothing to do", () => {
    const out = renderPlanText(plan([], [remoteOf(template("legacy"))]));
    expect(out).toContain("shop/legacy/en  APPROVED  kept (app shop does not prune)");
    expect(out.trimEnd().endsWith("No changes. The remote matches the declaration.")).toBe(true);
  });

  it("prints only the summary of blocked changes when nothing can be applied", () => {
    const lto = ltoTemplate("flash");
    const p = plan(
      [ltoTemplate("flash", { protect: true, lto: { text: "x", hasExpiration: true } })],
      [remoteOf(lto, { status: "REJECTED" })],
    );
    const out = renderPlanText(p);
    expect(out).toContain("! shop/flash/en is blocked [REJECTED]");
    expect(out).toContain(
      "error PLAN-002: lto.text cannot be edited in place, and replacing the template would delete it, but it is protected",
    );
    expect(
      out.trimEnd().endsWith("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 1 blocked."),
    ).toBe(true);
  });

  it("describes a plan across apps", () => {
    const p = makePlan([template("a", { app: "brand" })], [], { apps: [app("brand")], now: NOW });
    expect(renderPlanText(p)).toContain("app brand (brand-app, prune off)");
  });
});
