// Adopting an existing account (`import`) and auditing it on a schedule (`drift`).

import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { ROOT, transcript } from "./cli.js";
import { appConfig, BUILD_TIMEOUT_MS, prepareCli, SHOP, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);
const shop = appConfig("shop", SHOP);

describe.concurrent("import", () => {
  test("writes the remote in waform's format, and planning with the imported file shows no changes", async ({
    e2e,
  }) => {
    // a colleague's account: every kind of template of the root example, in three apps
    copyFileSync(join(ROOT, "templates.yaml"), join(e2e.dir, "theirs.yaml"));
    const setup = await e2e.run(["apply", "-f", "theirs.yaml", "--auto-approve", "--no-verify"]);
    expect(setup.code, transcript(setup)).toBe(0);

    // we only know the apps
    const theirs = readFileSync(join(e2e.dir, "theirs.yaml"), "utf8");
    e2e.write("apps.yaml", `${theirs.slice(0, theirs.indexOf("\ntemplates:"))}\ntemplates: []\n`);
    const imported = await e2e.run(["import", "-f", "apps.yaml", "-o", "imported.yaml"]);
    expect(imported.code, transcript(imported)).toBe(0);
    expect(imported.stderr).toContain("Imported 11 templates from 3 apps into imported.yaml");

    const validate = await e2e.run(["validate", "-f", "imported.yaml"]);
    expect(validate.code, transcript(validate)).toBe(0);
    const plan = await e2e.run(["plan", "-f", "imported.yaml", "--detailed-exitcode"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toContain("No changes");
  });

  test("refuses to overwrite an existing file without --force", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    e2e.write("imported.yaml", "# mine\n");
    const r = await e2e.run(["import", "-o", "imported.yaml"]);
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stderr).toContain("imported.yaml already exists");
    expect(readFileSync(join(e2e.dir, "imported.yaml"), "utf8")).toBe("# mine\n");
  });
});

describe.concurrent("drift", () => {
  test("exits 0 when the remote matches, 2 after an edit outside waform, and lists what drifted", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", {
      templates: [
        textTemplate("new_arrivals"),
        textTemplate("spring_sale", "Hi {{1}}, spring prices are here."),
      ],
    });
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);

    const clean = await e2e.run(["drift"]);
    expect(clean.code, transcript(clean)).toBe(0);
    expect(clean.stdout).toContain("No drift");

    // edited in the Gupshup console, and one template made there by hand
    const provider = e2e.provider();
    const spring = (await provider.listTemplates(shop)).templates.find((t) => t.name === "spring_sale")!;
    await provider.updateTemplate(shop, spring, { ...spring, footer: "Reply STOP to opt out" });
    await provider.createTemplate(
      shop,
      { app: "shop", name: "console_test", language: "en_US" },
      { ...spring, body: "Testing from the console" },
    );

    const drift = await e2e.run(["drift"]);
    expect(drift.code, transcript(drift)).toBe(2);
    expect(drift.stdout).toMatch(
      /~ shop\/spring_sale\/en_US.*\n\s+footer: "Reply STOP to opt out" -> \(none\)/,
    );
    expect(drift.stdout).toMatch(/\? shop\/console_test\/en_US/);
    expect(drift.stdout).not.toContain("new_arrivals");

    const json = await e2e.run(["drift", "--format", "json"]);
    expect(json.code, transcript(json)).toBe(2);
    const report = JSON.parse(json.stdout) as { changed: { key: string }[]; undeclared: { key: string }[] };
    expect(report.changed.map((c) => c.key)).toEqual(["shop/spring_sale/en_US"]);
    expect(report.undeclared.map((u) => u.key)).toEqual(["shop/console_test/en_US"]);
  });
});
