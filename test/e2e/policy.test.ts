// What plan and apply may do to an existing remote: prune, protect, edits of approved templates,
// replacements, and templates under review. Each test starts from a remote made by `apply`.

import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, type DeclarationDoc, type E2E, prepareCli, SHOP, test } from "./fixture.js";
import { ltoTemplate, textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

async function applied(e2e: E2E, doc: DeclarationDoc): Promise<void> {
  e2e.write("templates.yaml", doc);
  const r = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
  expect(r.code, transcript(r)).toBe(0);
}

const idOf = (e2e: E2E, name: string) => e2e.stored().find((t) => t.elementName === name)?.id;

describe.concurrent("prune", () => {
  const both = {
    templates: [textTemplate("new_arrivals"), textTemplate("old_promo", "Hi {{1}}, last call!")],
  };

  test("without prune, an undeclared template is listed as undeclared and left alone", async ({ e2e }) => {
    await applied(e2e, both);
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });

    const plan = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toMatch(/undeclared[\s\S]*shop\/old_promo\/en_US/i);
    expect(plan.stdout).toContain("No changes");
    expect(plan.stdout).not.toMatch(/^\s*- shop\/old_promo/m);

    const apply = await e2e.run(["apply", "--auto-approve"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(idOf(e2e, "old_promo")).toBeDefined();
  });

  test("with prune: true, apply deletes the undeclared template and only that one", async ({ e2e }) => {
    await applied(e2e, both);
    const kept = idOf(e2e, "new_arrivals");
    e2e.write("templates.yaml", {
      apps: { shop: { ...SHOP, prune: true } },
      templates: [textTemplate("new_arrivals")],
    });

    const plan = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(plan.code, transcript(plan)).toBe(2);
    expect(plan.stdout).toMatch(/^\s*- shop\/old_promo\/en_US/m);
    expect(plan.stdout).toContain("Plan: 0 to create, 0 to update, 0 to replace, 1 to delete, 0 blocked.");

    const apply = await e2e.run(["apply", "--auto-approve"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(apply.stdout).toContain("1 deleted");
    expect(e2e.stored().map((t) => [t.elementName, t.id])).toEqual([["new_arrivals", kept]]);
  });
});

describe.concurrent("edits of existing templates", () => {
  test("a body change of an APPROVED template is an update: applied in place, with a warning about Meta's edit quota", async ({
    e2e,
  }) => {
    await applied(e2e, { templates: [textTemplate("new_arrivals")] });
    const id = idOf(e2e, "new_arrivals");
    e2e.write("templates.yaml", {
      templates: [textTemplate("new_arrivals", "Hello {{1}}, the new collection has landed.")],
    });

    const plan = await e2e.run(["plan"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toMatch(/^\s*~ shop\/new_arrivals\/en_US/m);
    expect(plan.stdout).toContain("-Hello {{1}}, our new collection is in store now.");
    expect(plan.stdout).toContain("+Hello {{1}}, the new collection has landed.");
    expect(plan.stdout).toMatch(/warning.*(24 h|24h|quota)/i);

    const apply = await e2e.run(["apply", "--auto-approve"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 0 created, 1 updated");
    expect(`${apply.stdout}${apply.stderr}`).toMatch(/warning.*(24 h|24h|quota)/i);
    expect(e2e.stored()).toMatchObject([
      { id, content: "Hello {{1}}, the new collection has landed.", status: "APPROVED" },
    ]);
  });

  test("a new offer text on a REJECTED LTO replaces it (delete, then create under the same name)", async ({
    e2e,
  }) => {
    await applied(e2e, { templates: [ltoTemplate("summer_sale")] });
    const old = idOf(e2e, "summer_sale")!;
    e2e.sandbox.setTemplateStatus(old, "REJECTED", "INVALID_FORMAT");
    e2e.write("templates.yaml", {
      templates: [ltoTemplate("summer_sale", { limitedOfferText: "Hot deal" })],
    });

    const plan = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(plan.code, transcript(plan)).toBe(2);
    expect(plan.stdout).toMatch(/^\s*-\/\+ shop\/summer_sale\/en_US/m);
    expect(plan.stdout).toContain("1 to replace");

    const apply = await e2e.run(["apply", "--auto-approve"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(apply.stdout).toContain("1 replaced");
    const [now] = e2e.stored();
    expect(now).toMatchObject({
      elementName: "summer_sale",
      limitedOfferText: "Hot deal",
      status: "APPROVED",
    });
    expect(now!.id).not.toBe(old);
  });

  test("protect: true blocks that replacement, and apply leaves the template as it is", async ({ e2e }) => {
    await applied(e2e, { templates: [ltoTemplate("summer_sale", { protect: true })] });
    const old = idOf(e2e, "summer_sale")!;
    e2e.sandbox.setTemplateStatus(old, "REJECTED", "INVALID_FORMAT");
    e2e.write("templates.yaml", {
      templates: [ltoTemplate("summer_sale", { protect: true, limitedOfferText: "Hot deal" })],
    });

    const plan = await e2e.run(["plan", "--detailed-exitcode"]);
    // a change that can never be applied as declared: the pull request goes red
    expect(plan.code, transcript(plan)).toBe(1);
    expect(plan.stdout).toMatch(/^\s*! shop\/summer_sale\/en_US/m);
    expect(plan.stdout).toMatch(/protect/);
    expect(plan.stdout).toContain("needs a change of the declaration");
    expect(plan.stdout).toContain("0 to replace, 0 to delete, 1 blocked.");
    expect(plan.stderr).toContain(
      "1 blocked change needs a change of the declaration (exit 1): shop/summer_sale/en_US (protected)",
    );

    const apply = await e2e.run(["apply", "--auto-approve"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(e2e.stored()).toMatchObject([{ id: old, limitedOfferText: "Summer deal", status: "REJECTED" }]);
  });

  test("a template under review (PENDING) is blocked until Meta decides", async ({ e2e }) => {
    e2e.sandbox.configure({ approvalDelayMs: 3_600_000 });
    await applied(e2e, { templates: [textTemplate("new_arrivals")] });
    e2e.write("templates.yaml", {
      templates: [textTemplate("new_arrivals", "Hello {{1}}, the new collection has landed.")],
    });

    const plan = await e2e.run(["plan", "--detailed-exitcode"]);
    // blocked only until Meta's review ends: exit 2, and it says so
    expect(plan.code, transcript(plan)).toBe(2);
    expect(plan.stdout).toMatch(/^\s*! shop\/new_arrivals\/en_US/m);
    expect(plan.stdout).toMatch(/review/i);
    expect(plan.stdout).toContain("1 blocked.");
    expect(plan.stderr).toContain(
      "1 blocked change waits for time: shop/new_arrivals/en_US (pending_review)",
    );

    // once Meta has approved it, the edit is an update (the approval is not waited for by moving
    // the clock: a change to the approval delay settles it on the next request)
    e2e.sandbox.configure({ approvalDelayMs: 0 });
    const later = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(later.code, transcript(later)).toBe(2);
    expect(later.stdout).toMatch(/^\s*~ shop\/new_arrivals\/en_US/m);
  });
});
