// What waform prints in CI: annotations for configuration errors (GitHub Actions), the Markdown
// plan and drift report in the job summary, nothing but JSON on stdout with --format json, and no
// colour or spinner codes when the output is not a terminal.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import {
  CARE,
  declaration,
  ltoTemplate,
  PARTNER_TOKEN,
  type Pipeline,
  pipelineTest,
  SHOP,
  textTemplate,
} from "./fixture.js";
import { cleanEnv, runShell } from "./runner/shell.js";

const it = pipelineTest;
const ESC = "\u001b";

function waform(fx: Pipeline, args: string, env: Record<string, string> = {}) {
  return runShell(`npx waform ${args}`, {
    cwd: fx.dir,
    env: { ...cleanEnv(), ...fx.env(), GUPSHUP_PARTNER_TOKEN: PARTNER_TOKEN, ...env },
  });
}

const GOOD = () =>
  declaration([SHOP, CARE], [ltoTemplate("shop", "summer_sale"), textTemplate("care", "refill_due")]);

describe.concurrent("configuration errors in GitHub Actions", () => {
  const broken = declaration(
    [SHOP],
    [{ ...ltoTemplate("shop", "summer_sale"), limitedOfferText: "Far too long for an offer" }],
  );
  const line = broken.split("\n").findIndex((l) => l.includes("limitedOfferText")) + 1;

  it.for(["validate", "plan", "plan --format json", "apply --auto-approve", "drift", "verify"])(
    "`waform %s` annotates them on their lines, and exits 1",
    async (args, { fx }) => {
      fx.write("templates.yaml", broken);
      const r = await waform(fx, args, { GITHUB_ACTIONS: "true" });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`^::error file=templates\\.yaml,line=${line},col=\\d+,title=LTO-\\d+::`, "m"),
      );
      if (args.includes("json")) expect(r.stdout).toBe("");
    },
  );

  it("are not annotated outside GitHub Actions", async ({ fx }) => {
    fx.write("templates.yaml", broken);
    const r = await waform(fx, "plan");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^templates\\.yaml:${line}:\\d+ error LTO-`, "m"));
    expect(r.stderr).not.toContain("::error");
  });
});

describe.concurrent("the job summary ($GITHUB_STEP_SUMMARY)", () => {
  it("gets the Markdown plan whatever the format, and the Markdown drift report", async ({ fx }) => {
    fx.write("templates.yaml", GOOD());
    const summary = join(fx.dir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    const plan = await waform(fx, "plan --format json", { GITHUB_STEP_SUMMARY: summary });
    expect(plan.code).toBe(0);
    JSON.parse(plan.stdout);
    const drift = await waform(fx, "drift", { GITHUB_STEP_SUMMARY: summary });
    expect(drift.code).toBe(2);
    const text = readFileSync(summary, "utf8");
    expect(text).toMatch(/^earlier step\n<!-- waform:plan -->\n### waform plan\n\n\*\*Plan: 2 to create/);
    expect(text).toContain("## waform drift report");
    expect(text).toContain("| `care/refill_due/en_US` | missing |");
    expect(text).not.toContain(PARTNER_TOKEN);
  });

  it("that cannot be written is a warning, not a failed plan", async ({ fx }) => {
    fx.write("templates.yaml", GOOD());
    // a directory: not writable as a file, even for root
    const summary = fx.dir;
    const r = await waform(fx, "plan --detailed-exitcode", { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^warning: could not append to \$GITHUB_STEP_SUMMARY: EISDIR$/m);
  });
});

describe.concurrent("--format json in CI", () => {
  const ci = { CI: "true", GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: "" };

  it.for<[string, number]>([
    ["plan --format json", 0],
    ["plan --format json --shard 1/2", 0],
    ["drift --format json", 2],
    ["apply --auto-approve --format json", 0],
    ["verify --format json --wait-timeout 30s", 0],
    ["drift --format json --shard 2/2", 0],
  ])("`waform %s` writes one JSON document and nothing else on stdout", async ([args, code], { fx }) => {
    fx.write("templates.yaml", GOOD());
    if (args.startsWith("verify") || args.includes("--shard 2/2")) {
      const setup = await waform(fx, "apply --auto-approve --no-verify");
      expect(setup.code, setup.stderr).toBe(0);
    }
    const r = await waform(fx, args, { ...ci, GITHUB_STEP_SUMMARY: join(fx.dir, "summary.md") });
    expect(r.code, r.stderr).toBe(code);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout.trim().startsWith("{")).toBe(true);
  });
});

describe.concurrent("logs that are not a terminal", () => {
  it.for<Record<string, string>>([{}, { CI: "true" }])(
    "have no colour or cursor codes, and one plain line per event (%o)",
    async (env, { fx }) => {
      fx.write("templates.yaml", GOOD());
      const plan = await waform(fx, "plan", env);
      const apply = await waform(fx, "apply --auto-approve", env);
      expect(apply.code, apply.stderr).toBe(0);
      for (const out of [plan.stdout, plan.stderr, apply.stdout, apply.stderr])
        expect(out).not.toContain(ESC);
      expect(apply.stderr).toMatch(/^shop\/summer_sale\/en_US: creating…$/m);
    },
  );
});
