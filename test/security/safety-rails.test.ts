// Issue 7, item 5: the rails that keep waform from doing damage, each shown from both sides
// (the rail holds; without its condition the same run does write), through the real CLI against
// a sandbox that counts every write: a stale saved plan is refused with no write; deletes happen
// only with `prune`; `protect` blocks a replace.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppConfig } from "../../src/model/app.js";
import type { TemplateContent } from "../../src/model/template.js";
import { createGupshupProvider, type GupshupProvider } from "../../src/providers/gupshup/index.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { type ProcessResult, runWaform, transcript } from "../crash/waform-process.js";

const APP_ID = "5afe7a11-0000-4000-8000-000000000001";
const app = (prune: boolean): AppConfig => ({
  alias: "shop",
  appId: APP_ID,
  appName: "shopapp",
  source: "+918929874278",
  prune,
});
const content = (body: string): TemplateContent => ({
  category: "MARKETING",
  kind: "standard",
  vertical: "promotions",
  body,
  bodyExamples: ["Ana"],
  buttons: [],
  allowCategoryChange: false,
});

let dir: string;
let sandbox: RunningSandbox;
let provider: GupshupProvider;

beforeAll(async () => {
  sandbox = await startSandbox({ approvalDelayMs: 0, rateLimits: false });
  provider = createGupshupProvider({ env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "any" } });
});
afterAll(async () => {
  await provider.close();
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
  dir = mkdtempSync(join(tmpdir(), "waform-rails-"));
  return () => rmSync(dir, { recursive: true, force: true });
});

function declare(opts: { prune?: boolean; protect?: boolean; kind?: "standard" | "lto" }): void {
  const lto =
    opts.kind === "lto"
      ? "\n    kind: lto\n    limitedOfferText: Spring deal\n    hasExpiration: false\n    buttons: [{ type: url, text: See offers, url: https://shop.example.com/spring }]"
      : "";
  writeFileSync(
    join(dir, "templates.yaml"),
    `version: 1
apps:
  shop: { appId: ${APP_ID}, appName: shopapp, source: "+918929874278", prune: ${opts.prune ?? false} }
defaults: { language: en_US, category: MARKETING, vertical: promotions }
templates:
  - name: spring_offer
    body: "Hi {{1}}, spring is here and so are our offers."
    examples: { body: [Ana] }
    protect: ${opts.protect ?? false}${lto}
`,
  );
}

/** Template writes (create, edit, delete) the sandbox has answered since the last reset of its counters. */
function writes(): number {
  return Object.entries(sandbox.stats().byPath)
    .filter(([path]) => /^(POST \/partner\/app\/[^/]+\/templates|PUT |DELETE )/.test(path))
    .reduce((n, [, count]) => n + count, 0);
}

function waform(args: string[]): Promise<ProcessResult> {
  return runWaform(args, { cwd: dir, env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "any" } });
}

const names = async () => (await provider.listTemplates(app(false))).templates.map((t) => t.name).sort();

describe("safety rails", () => {
  it("a stale saved plan is refused, with no write", async () => {
    declare({});
    const planned = await waform(["plan", "--out", "plan.json"]);
    expect(planned.code, transcript(planned)).toBe(0);
    // a colleague changes the app between plan and apply
    await provider.createTemplate(
      app(false),
      { app: "shop", name: "colleague", language: "en_US" },
      content("Hi {{1}}, from a colleague."),
    );
    sandbox.resetStats();

    const applied = await waform(["apply", "plan.json", "--auto-approve", "--no-verify"]);
    expect(applied.code, transcript(applied)).toBe(1);
    expect(applied.stderr).toMatch(/plan is stale/);
    expect(writes()).toBe(0);
    expect(await names()).toEqual(["colleague"]);

    // the same saved plan, on an unchanged remote, does apply
    await waform(["plan", "--out", "plan.json"]);
    sandbox.resetStats();
    const fresh = await waform(["apply", "plan.json", "--auto-approve", "--no-verify"]);
    expect(fresh.code, transcript(fresh)).toBe(0);
    expect(writes()).toBe(1);
  });

  it("undeclared templates are deleted only with prune", async () => {
    await provider.createTemplate(
      app(false),
      { app: "shop", name: "legacy_offer", language: "en_US" },
      content("Hi {{1}}, an old offer."),
    );
    declare({ prune: false });
    sandbox.resetStats();
    const kept = await waform(["apply", "--auto-approve", "--no-verify"]);
    expect(kept.code, transcript(kept)).toBe(0);
    expect(await names()).toEqual(["legacy_offer", "spring_offer"]);
    expect(sandbox.stats().byBucket["delete"] ?? 0).toBe(0);

    declare({ prune: true });
    const pruned = await waform(["apply", "--auto-approve", "--no-verify"]);
    expect(pruned.code, transcript(pruned)).toBe(0);
    expect(await names()).toEqual(["spring_offer"]);
  });

  it("protect blocks a replace (no delete, no create); without it the same change replaces", async () => {
    // a REJECTED template can be replaced; making it an LTO forces a replace
    const seed = () =>
      provider.createTemplate(
        app(false),
        { app: "shop", name: "spring_offer", language: "en_US" },
        content("Hi {{1}}, spring is here REJECT_ME."),
      );
    await seed();
    declare({ protect: true, kind: "lto" });
    sandbox.resetStats();
    const blocked = await waform(["apply", "--auto-approve", "--no-verify"]);
    expect(blocked.stdout, transcript(blocked)).toMatch(/protect/);
    expect(writes()).toBe(0);
    const [kept] = (await provider.listTemplates(app(false))).templates;
    expect(kept).toMatchObject({ status: "REJECTED", kind: "standard" });

    declare({ protect: false, kind: "lto" });
    sandbox.resetStats();
    const replaced = await waform(["apply", "--auto-approve", "--no-verify"]);
    expect(replaced.code, transcript(replaced)).toBe(0);
    expect(writes()).toBe(2);
    const [now] = (await provider.listTemplates(app(false))).templates;
    expect(now).toMatchObject({ kind: "lto" });
  });
});
