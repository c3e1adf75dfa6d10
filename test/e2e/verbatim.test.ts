// Issue 12 item 5, through the real CLI against the sandbox: data files and reports are written
// verbatim (an arbitrary secret-looking variable such as SHOP_API_KEY does not rewrite them), a
// credential waform reads is refused in data with its variable named, and logs still mask.

import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

const BODY = "Welcome to the sweets shop, {{1}}!";
/** A partner token the sandbox accepts, distinctive enough to search for. */
const TOKEN = "tok-canary-7d41c9e2b05f";

describe.concurrent("data is written verbatim", () => {
  test("SHOP_API_KEY=sweets leaves the saved plan, the reports and the created template as declared", async ({
    e2e,
  }) => {
    const env = { SHOP_API_KEY: "sweets" };
    e2e.write("templates.yaml", { templates: [textTemplate("welcome", BODY)] });

    const plan = await e2e.run(["plan", "--out", "plan.json"], { env });
    expect(plan.code, transcript(plan)).toBe(0);
    const saved = readFileSync(`${e2e.dir}/plan.json`, "utf8");
    expect(saved).toContain(JSON.stringify(BODY));
    expect(saved).not.toContain("***");
    expect(plan.stdout).toContain("sweets shop");

    for (const format of ["json", "markdown"]) {
      const r = await e2e.run(["plan", "--format", format], { env });
      expect(r.code, transcript(r)).toBe(0);
      expect(r.stdout).toContain("sweets shop");
      expect(r.stdout).not.toContain("***");
    }

    const apply = await e2e.run(["apply", "plan.json", "--no-verify"], { env });
    expect(apply.code, transcript(apply)).toBe(0);
    expect(e2e.stored().map((t) => t.content)).toEqual([BODY]);

    // import writes what the remote holds, verbatim as well
    const imported = await e2e.run(["import", "-o", "imported.yaml"], { env });
    expect(imported.code, transcript(imported)).toBe(0);
    expect(readFileSync(`${e2e.dir}/imported.yaml`, "utf8")).toContain("Welcome to the sweets shop");
  });

  test("a template carrying GUPSHUP_PARTNER_TOKEN's value: no data file, the variable named, never the value", async ({
    e2e,
  }) => {
    const env = { GUPSHUP_PARTNER_TOKEN: TOKEN };
    e2e.write("templates.yaml", { templates: [textTemplate("leaky", `Hi {{1}}, use ${TOKEN} to log in.`)] });

    const saved = await e2e.run(["plan", "--out", "plan.json"], { env });
    expect(saved.code, transcript(saved)).toBe(1);
    expect(saved.stderr).toContain(
      "Error: refusing to write plan.json: it would contain the value of GUPSHUP_PARTNER_TOKEN",
    );
    expect(existsSync(`${e2e.dir}/plan.json`)).toBe(false);

    const printed = await e2e.run(["plan", "--format", "json"], { env });
    expect(printed.code, transcript(printed)).toBe(1);
    expect(printed.stderr).toContain("refusing to write standard output");

    // apply prints the plan before its first write, so it stops there: nothing reaches the remote
    const apply = await e2e.run(["apply", "--auto-approve", "--no-verify"], { env });
    expect(apply.code, transcript(apply)).toBe(1);
    expect(e2e.stored()).toEqual([]);

    for (const r of [saved, printed, apply]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  test("logs still mask the credential (a configuration error quoting it)", async ({ e2e }) => {
    const env = { GUPSHUP_PARTNER_TOKEN: TOKEN };
    e2e.write("templates.yaml", { templates: [textTemplate("leaky", `Hi {{1}}, see {{${TOKEN}}}.`)] });
    const r = await e2e.run(["plan"], { env });
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stderr).toContain("malformed placeholder");
    expect(r.stderr).toContain("{{***}}");
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});
