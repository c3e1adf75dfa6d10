// The policy table: how each field of a template may change, whatever the template's status.

import { describe, expect, it } from "vitest";
import { CONTENT_FIELDS } from "../../src/model/content.js";
import { HEADER_TYPES, type Header } from "../../src/model/template.js";
import { POLICY_TABLE, policyRow, resolvePolicy } from "../../src/plan/policy.js";
import { editForm } from "../../src/providers/gupshup/mapping.js";
import { template } from "./builders.js";

describe("field policy table", () => {
  it.each([
    ["body", "update"],
    ["bodyExamples[0]", "update"],
    ["footer", "update"],
    ["header.text", "update"],
    ["header.example", "update"],
    ["buttons[1].url", "update"],
    ["buttons[3]", "update"],
    ["category", "update"],
    ["kind", "replace"],
    ["lto", "replace"],
    ["lto.text", "replace"],
    ["lto.hasExpiration", "replace"],
    ["vertical", "ignore"],
    ["allowCategoryChange", "ignore"],
    ["someFutureField", "replace"],
  ])("%s of a REJECTED template: %s", (path, policy) => {
    expect(resolvePolicy(path, "a", "b", "REJECTED")).toBe(policy);
  });

  it("the category of an APPROVED template is impossible to change; other fields keep their policy", () => {
    expect(resolvePolicy("category", "MARKETING", "UTILITY", "APPROVED")).toBe("impossible");
    expect(resolvePolicy("category", "MARKETING", "UTILITY", "PAUSED")).toBe("update");
    expect(resolvePolicy("body", "a", "b", "APPROVED")).toBe("update");
  });

  it.each([
    [{ type: "text", text: "Hi" }, { type: "image" }, "update"],
    [{ type: "video" }, { type: "document" }, "update"],
    [undefined, { type: "image" }, "update"],
    [{ type: "text", text: "Hi" }, undefined, "update"],
    [{ type: "text", text: "Hi" }, { type: "location" }, "replace"],
    [{ type: "location" }, undefined, "replace"],
    [{ type: "image" }, { type: "product" }, "replace"],
  ])("header %j → %j: %s", (before, after, policy) => {
    expect(resolvePolicy("header", before, after, "APPROVED")).toBe(policy);
  });

  it("names every template field, and explains each row with a rule id", () => {
    const named = new Set(POLICY_TABLE.map((r) => r.field));
    expect(CONTENT_FIELDS.filter((f) => !named.has(f))).toEqual([]);
    for (const row of POLICY_TABLE) expect(row.rule).toMatch(/^[A-Z]+-\d{3}$/);
  });

  it("explains an LTO replace in words", () => {
    expect(policyRow("lto.hasExpiration").why).toBe("LTO fields are not in Gupshup's edit list");
  });

  it.each(HEADER_TYPES)(
    "plans a switch to a %s header as an update exactly when the edit form can send it",
    (type) => {
      const header = { type } as Header;
      // a product header only exists on a single-product template
      const kind = type === "product" ? "single_product" : "standard";
      const canEdit = editForm(template("x", { header, kind }), { handle: "h" }).has("templateType");
      expect(resolvePolicy("header", { type: "text", text: "Hi" }, header, "APPROVED")).toBe(
        canEdit ? "update" : "replace",
      );
    },
  );
});
