// The everyday flow, end to end: plan, apply, plan again; the exit codes CI relies on; scope;
// the output formats a reviewer reads.

import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect } from "vitest";
import { HAS_TTY, ROOT, transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, CARE, prepareCli, SHOP, test } from "./fixture.js";
import { ltoTemplate, textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

const twoTemplates = { templates: [ltoTemplate("summer_sale"), textTemplate("new_arrivals")] };

describe.concurrent("plan and apply", () => {
  test("plan shows the creates (exit 2), apply makes them, and a second plan has nothing left (exit 0)", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", twoTemplates);

    const before = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(before.code, transcript(before)).toBe(2);
    expect(before.stdout).toContain("+ shop/summer_sale/en_US");
    expect(before.stdout).toContain("Plan: 2 to create, 0 to update, 0 to replace, 0 to delete, 0 blocked.");

    const apply = await e2e.run(["apply", "--auto-approve"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(apply.stdout).toContain(
      "Apply complete: 2 created, 0 updated, 0 replaced, 0 deleted, 0 blocked, 0 failed.",
    );
    expect(
      e2e
        .stored()
        .map((t) => [t.elementName, t.status])
        .sort(),
    ).toEqual([
      ["new_arrivals", "APPROVED"],
      ["summer_sale", "APPROVED"],
    ]);

    const after = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(after.code, transcript(after)).toBe(0);
    expect(after.stdout).toContain("No changes");
  });

  test("refuses to apply without --auto-approve when not on a terminal, and changes nothing", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", twoTemplates);
    const r = await e2e.run(["apply"]);
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stderr).toMatch(/refusing to apply without confirmation.*\n.*--auto-approve/);
    expect(e2e.stored()).toEqual([]);
  });

  test.skipIf(!HAS_TTY)(
    "on a terminal, apply shows the plan and asks: only 'yes' applies",
    async ({ e2e }) => {
      e2e.write("templates.yaml", twoTemplates);
      const no = await e2e.run(["apply"], { tty: { input: "no\n" }, env: { NO_COLOR: undefined } });
      expect(no.code, transcript(no)).toBe(1);
      expect(no.stdout).toMatch(/\x1b\[3\dm/); // colour on a terminal…
      expect(no.stdout).toContain("Plan: 2 to create");
      expect(no.stdout).toContain("Apply these changes? Only 'yes' is accepted:");
      expect(no.stdout).toContain("apply cancelled; nothing was changed");
      expect(e2e.stored()).toEqual([]);

      const yes = await e2e.run(["apply"], { tty: { input: "yes\n" } });
      expect(yes.code, transcript(yes)).toBe(0);
      // the live task list ticks each change off as done (never "skipped")
      expect(yes.stdout).toMatch(/✔ create shop\/new_arrivals\/en_US/);
      expect(yes.stdout).toMatch(/✔ create shop\/summer_sale\/en_US/);
      expect(yes.stdout).not.toContain("skipped");
      expect(yes.stdout).not.toMatch(/\x1b\[3\dm/); // …but never with NO_COLOR
      expect(yes.stdout).toContain("Apply complete: 2 created");
      expect(e2e.stored()).toHaveLength(2);
    },
  );

  test.skipIf(!HAS_TTY)("Ctrl-C or Ctrl-D at the confirmation prompt cancels cleanly", async ({ e2e }) => {
    e2e.write("templates.yaml", twoTemplates);
    for (const key of ["\x03", "\x04"]) {
      const r = await e2e.run(["apply"], { tty: { input: key, when: "Only 'yes' is accepted:" } });
      expect(r.code, transcript(r)).toBe(1);
      expect(r.stdout).toContain("Error: apply cancelled; nothing was changed");
      expect(r.stdout).not.toContain("bug in waform");
    }
    expect(e2e.stored()).toEqual([]);
  });

  test("--app and --target narrow plan and apply to what they name", async ({ e2e }) => {
    e2e.write("templates.yaml", {
      apps: { shop: { ...SHOP }, care: { ...CARE } },
      templates: [
        textTemplate("new_arrivals"),
        textTemplate("spring_sale", "Hi {{1}}, spring prices are here."),
        textTemplate("refill_due", "Hi {{1}}, your refill is due.", { app: "care", category: "UTILITY" }),
      ],
    });

    const plan = await e2e.run(["plan", "--target", "shop/spring_sale"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toContain("shop/spring_sale/en_US");
    expect(plan.stdout).not.toContain("new_arrivals");
    expect(plan.stdout).not.toContain("refill_due");
    expect(plan.stdout).toContain("Plan: 1 to create");

    const apply = await e2e.run(["apply", "--auto-approve", "--app", "care"]);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(e2e.stored(CARE.appId).map((t) => t.elementName)).toEqual(["refill_due"]);
    expect(e2e.stored(SHOP.appId)).toEqual([]);

    const rest = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(rest.code, transcript(rest)).toBe(2);
    expect(rest.stdout).toContain("Plan: 2 to create, 0 to update, 0 to replace, 0 to delete, 0 blocked.");
  });

  test("--format markdown is a pull-request comment with the summary line", async ({ e2e }) => {
    e2e.write("templates.yaml", twoTemplates);
    const r = await e2e.run(["plan", "--format", "markdown"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toContain("Plan: 2 to create, 0 to update, 0 to replace, 0 to delete, 0 blocked.");
    expect(r.stdout).toMatch(/^\|.*\|$/m); // the table of affected templates
    expect(r.stdout).toContain("summer_sale");
  });

  test("--format json is the public plan document and validates against schemas/plan.schema.json", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", twoTemplates);
    const r = await e2e.run(["plan", "--format", "json"]);
    expect(r.code, transcript(r)).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "plan.schema.json"), "utf8")) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(Object.keys(doc)[0]).toBe("format_version");
    expect(doc["summary"]).toMatchObject({ create: 2 });
    expect(JSON.stringify(doc)).not.toContain("e2e-"); // no credential of the environment
  });
});

describe.concurrent("the npm start demo", () => {
  test("on the embedded sandbox: validate, plan, apply (approved, one message id per destination), plan again empty", async ({
    e2e,
  }) => {
    copyFileSync(join(ROOT, "templates.yaml"), join(e2e.dir, "templates.yaml"));
    const env = { env: { WAFORM_SANDBOX_APPROVAL_DELAY: "0ms" } };

    const validate = await e2e.run(["validate"], env);
    expect(validate.code, transcript(validate)).toBe(0);
    const plan = await e2e.run(["plan", "--sandbox", "--detailed-exitcode"], env);
    expect(plan.code, transcript(plan)).toBe(2);
    expect(plan.stdout).toContain("Plan: 11 to create");

    const apply = await e2e.run(["apply", "--sandbox", "--auto-approve"], env);
    expect(apply.code, transcript(apply)).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 11 created");
    expect(apply.stdout).toContain("11 of 11 templates approved");
    // summer_sale_lto/en_US declares two destinations: one message id each
    const lto = apply.stdout.slice(apply.stdout.indexOf("shop/summer_sale_lto/en_US  "));
    expect(lto).toMatch(/\+919999900001 .*message id \S+\n\s+\+919999900002 .*message id \S+/);
    expect(apply.stdout).toContain("Result: all verified (exit 0).");

    const again = await e2e.run(["plan", "--sandbox", "--detailed-exitcode"], env);
    expect(again.code, transcript(again)).toBe(0);
    expect(again.stdout).toContain("No changes");
  });
});
