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

    writeFileSync(`${e2e.dir}/plan.json`, '{"format_version": 3, "changes": "all of them"}\n');
    const wrong = await e2e.run(["apply", "plan.json"]);
    expect(wrong.code, transcript(wrong)).toBe(1);
    expect(wrong.stderr).toMatch(/^Error: the saved plan does not match schemas\/plan\.schema\.json/);

    // a plan of an older waform binds to no endpoint or declaration: refused, with why
    writeFileSync(`${e2e.dir}/plan.json`, '{"format_version": 1, "changes": []}\n');
    const old = await e2e.run(["apply", "plan.json"]);
    expect(old.code, transcript(old)).toBe(1);
    expect(old.stderr).toMatch(
      /^Error: the saved plan has format_version 1; this waform reads format_version 3 \(an older waform made it/,
    );
    expect(old.stderr).toContain("hint: make the plan again with `waform plan --out FILE`");

    const missing = await e2e.run(["apply", "no-such-plan.json"]);
    expect(missing.code, transcript(missing)).toBe(1);
    expect(missing.stderr).toBe(
      "Error: plan file no-such-plan.json not found\n  hint: save one with `waform plan --out FILE`\n",
    );
    expect(e2e.stored()).toEqual([]);
  });
});

/** Reads plan.json, lets `edit` change the document, writes it back (a schema-valid hand edit). */
function tamper(e2e: E2E, edit: (doc: PlanDoc) => void): void {
  const path = `${e2e.dir}/plan.json`;
  const doc = JSON.parse(readFileSync(path, "utf8")) as PlanDoc;
  edit(doc);
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
}

interface PlanDoc {
  apps: { alias: string; app_id: string }[];
  changes: {
    key: { name: string };
    action: string;
    reason: string;
    desired?: { body: string };
    fields: unknown[];
  }[];
}

/**
 * Issue 12 item 4: a saved plan is applied only if it is the plan a plan made now gives, from the
 * declaration apply is given (`-f`, default templates.yaml), the current remote and this endpoint.
 * Each refusal writes nothing.
 */
describe.concurrent("saved plans are bound to what was reviewed", () => {
  /** Two APPROVED templates, one protected; the declaration then edits the other's body. */
  async function reviewed(e2e: E2E): Promise<void> {
    e2e.write("templates.yaml", {
      templates: [textTemplate("welcome"), textTemplate("vip_offer", undefined, { protect: true })],
    });
    const first = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
    expect(first.code, transcript(first)).toBe(0);
    e2e.write("templates.yaml", {
      templates: [
        textTemplate("welcome", "Hello {{1}}, our summer collection is in store now."),
        textTemplate("vip_offer", undefined, { protect: true }),
      ],
    });
    const plan = await e2e.run(["plan", "--out", "plan.json"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toContain("Plan: 0 to create, 1 to update");
    e2e.sandbox.resetStats();
  }

  async function refused(e2e: E2E, args: string[], headline: string, ...details: string[]): Promise<void> {
    const before = e2e.sandbox.state().templates;
    const r = await e2e.run(args);
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stderr).toContain(`Error: ${headline}; nothing was applied:`);
    for (const d of details) expect(r.stderr).toContain(`  - ${d}`);
    expect(r.stderr).toContain("hint: make the plan again from the declaration to apply");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(writes(e2e), "write calls").toBe(0);
    expect(e2e.sandbox.state().templates).toEqual(before);
  }

  test("the reviewed plan applies, with the declaration named by -f or by default", async ({ e2e }) => {
    await reviewed(e2e);
    const r = await e2e.run(["apply", "plan.json", "-f", "templates.yaml", "--no-verify"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toContain("Apply complete: 0 created, 1 updated");
  });

  test("a tampered action: deleting the protected template is refused", async ({ e2e }) => {
    await reviewed(e2e);
    tamper(e2e, (doc) => {
      const vip = doc.changes.find((c) => c.key.name === "vip_offer")!;
      vip.action = "delete";
      vip.reason = "not_declared";
      delete vip.desired;
    });
    await refused(
      e2e,
      ["apply", "plan.json"],
      "plan.json is not the plan of this declaration and remote (was it edited?)",
      'shop/vip_offer/en_US: the saved plan says "delete" ("not_declared"), a plan made now says "noop" ("in_sync")',
    );
  });

  test("a tampered body is refused", async ({ e2e }) => {
    await reviewed(e2e);
    tamper(e2e, (doc) => {
      const welcome = doc.changes.find((c) => c.key.name === "welcome")!;
      welcome.desired!.body = "Hello {{1}}, pay at evil.example to claim your prize.";
    });
    await refused(
      e2e,
      ["apply", "plan.json"],
      "plan.json is not the plan of this declaration and remote (was it edited?)",
      "shop/welcome/en_US: the declared template differs in body",
    );
  });

  test("a tampered app id is refused", async ({ e2e }) => {
    await reviewed(e2e);
    tamper(e2e, (doc) => {
      doc.apps[0]!.app_id = "0b1e7a5c-0000-4000-8000-00000000e711";
    });
    await refused(
      e2e,
      ["apply", "plan.json"],
      "plan.json is not the plan of this declaration and remote (was it edited?)",
      `app shop: appId is "0b1e7a5c-0000-4000-8000-00000000e711" in the saved plan, "${SHOP.appId}" in the declaration`,
    );
  });

  test("a plan of another declaration is refused, naming what differs", async ({ e2e }) => {
    await reviewed(e2e);
    e2e.write("other.yaml", {
      templates: [
        textTemplate("welcome", "Hello {{1}}, a different text nobody reviewed."),
        textTemplate("vip_offer", undefined, { protect: true }),
      ],
    });
    await refused(
      e2e,
      ["apply", "plan.json", "-f", "other.yaml"],
      "plan.json was made from another declaration",
      "the declaration differs from the one the plan was made from",
      "shop/welcome/en_US: the declared template differs in body",
    );
  });

  test("a plan made with --sandbox is refused against the Partner API, both remotes empty", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("welcome")] });
    const plan = await e2e.run(["plan", "--sandbox", "--out", "plan.json"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(JSON.parse(readFileSync(`${e2e.dir}/plan.json`, "utf8")).endpoint).toBe("sandbox");
    e2e.sandbox.resetStats();
    await refused(
      e2e,
      ["apply", "plan.json"],
      "plan.json was made against another endpoint",
      `the plan was made against "sandbox"; this run uses "${e2e.sandbox.url}"`,
    );
    expect(e2e.stored()).toEqual([]);
  });
});
