// `plan --out` then `apply PLAN_FILE`: the reviewed plan is what gets applied, and only while the
// remote is still the one it was made from.

import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { appConfig, BUILD_TIMEOUT_MS, type E2E, prepareCli, SHOP, test } from "./fixture.js";
import { ltoTemplate, textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);
const shop = appConfig("shop", SHOP);

function writes(e2e: E2E): number {
  const byPath = e2e.sandbox.stats().byPath as Record<string, number>;
  return Object.entries(byPath)
    .filter(([path]) => /^(POST|PUT|DELETE) .*\/templates?\b/.test(path))
    .reduce((n, [, count]) => n + count, 0);
}

describe.concurrent("saved plans", () => {
  test("applies a saved plan as reviewed, with no credential in the file", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale"), textTemplate("new_arrivals")] });
    const plan = await e2e.run(["plan", "--out", "plan.json"]);
    expect(plan.code, transcript(plan)).toBe(0);
    const saved = readFileSync(`${e2e.dir}/plan.json`, "utf8");
    expect(saved).not.toContain("e2e-gupshup-api-key");
    expect(saved).not.toContain("e2e-kaleyra-api-key");

    const apply = await e2e.run(["apply", "plan.json"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 2 created");
    // the saved plan carries the test blocks: the LTO was test-sent to both destinations (through
    // /v3/message, the LTO default), the text template to its one
    const channels = e2e.sandbox.sends().map((s) => s.channel);
    expect(channels.sort()).toEqual(["gupshup-partner", "gupshup-v3", "gupshup-v3"]);

    // a plan is good for one apply: the remote it was made from is gone
    const twice = await e2e.run(["apply", "plan.json"]);
    expect(twice.code, transcript(twice)).toBe(1);
    expect(twice.stderr).toContain("plan is stale");
    expect(e2e.stored()).toHaveLength(2);
  });

  test('refuses a plan whose remote changed out of band ("plan is stale") and writes nothing', async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals"), textTemplate("spring_sale")] });
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    e2e.write("templates.yaml", {
      templates: [
        textTemplate("new_arrivals", "Hello {{1}}, the new collection has landed."),
        textTemplate("spring_sale"),
        textTemplate("autumn_sale", "Hi {{1}}, autumn prices start today."),
      ],
    });
    const plan = await e2e.run(["plan", "--out", "plan.json"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toContain("Plan: 1 to create, 1 to update");

    // a colleague edits spring_sale in the Gupshup console meanwhile
    const provider = e2e.provider();
    const spring = (await provider.listTemplates(shop)).templates.find((t) => t.name === "spring_sale")!;
    await provider.updateTemplate(shop, spring, { ...spring, footer: "Reply STOP to opt out" });
    const before = e2e.sandbox.state().templates;
    e2e.sandbox.resetStats();

    const apply = await e2e.run(["apply", "plan.json"]);
    expect(apply.code, transcript(apply)).toBe(1);
    expect(apply.stderr).toContain("plan is stale");
    expect(apply.stderr).toContain("waform plan");
    expect(apply.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(writes(e2e)).toBe(0);
    expect(e2e.sandbox.state().templates).toEqual(before);
  });

  test("a change outside the plan's --target scope does not make it stale", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals"), textTemplate("spring_sale")] });
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    e2e.write("templates.yaml", {
      templates: [
        textTemplate("new_arrivals", "Hello {{1}}, the new collection has landed."),
        textTemplate("spring_sale"),
      ],
    });
    const plan = await e2e.run(["plan", "--target", "new_arrivals", "--out", "plan.json"]);
    expect(plan.code, transcript(plan)).toBe(0);

    const provider = e2e.provider();
    const spring = (await provider.listTemplates(shop)).templates.find((t) => t.name === "spring_sale")!;
    await provider.updateTemplate(shop, spring, { ...spring, footer: "Reply STOP to opt out" });

    const apply = await e2e.run(["apply", "plan.json", "--no-verify"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 0 created, 1 updated");
    expect(e2e.stored().find((t) => t.elementName === "new_arrivals")?.content).toBe(
      "Hello {{1}}, the new collection has landed.",
    );
  });

  test("refuses a malformed plan file with one clear line", async ({ e2e }) => {
    writeFileSync(`${e2e.dir}/plan.json`, '{"format_version": 1, "changes": [');
    const r = await e2e.run(["apply", "plan.json"]);
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stderr).toMatch(/^Error: the saved plan is not valid JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    writeFileSync(`${e2e.dir}/plan.json`, '{"format_version": 2, "changes": "all of them"}\n');
    const wrong = await e2e.run(["apply", "plan.json"]);
    expect(wrong.code, transcript(wrong)).toBe(1);
    expect(wrong.stderr).toMatch(/^Error: the saved plan does not match schemas\/plan\.schema\.json/);

    const missing = await e2e.run(["apply", "no-such-plan.json"]);
    expect(missing.code, transcript(missing)).toBe(1);
    expect(missing.stderr).toMatch(/^Error: cannot read plan file no-such-plan\.json: ENOENT/);
    expect(e2e.stored()).toEqual([]);
  });
});
