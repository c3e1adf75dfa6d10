// Rough edges a new user found, end to end through the real CLI: option spellings that still work,
// drift's exit code and JSON report, send-preview's placeholders and sandbox URLs, a test-send
// channel without its configuration refused before anything is written, and `waform schema`.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { ROOT, transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, test } from "./fixture.js";
import { ltoTemplate, textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

describe.concurrent("option spellings", () => {
  test("import writes with -o, --out and still with the former --output", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    for (const [flag, file] of [
      ["-o", "a.yaml"],
      ["--out", "b.yaml"],
      ["--output", "c.yaml"],
    ] as const) {
      const r = await e2e.run(["import", flag, file]);
      expect(r.code, transcript(r)).toBe(0);
      expect(r.stderr).toContain(`Imported 1 template from 1 app into ${file}.`);
      expect(readFileSync(join(e2e.dir, file), "utf8")).toContain("name: new_arrivals");
    }
    // the same modeline as init writes, for the same place
    expect((await e2e.run(["init", "-o", "d.yaml"])).code).toBe(0);
    const modeline = (file: string) => readFileSync(join(e2e.dir, file), "utf8").split("\n")[0];
    expect(modeline("a.yaml")).toBe(modeline("d.yaml"));
    expect(modeline("a.yaml")).toBe(
      "# yaml-language-server: $schema=./node_modules/waform/schemas/templates.schema.json",
    );
    const stdout = await e2e.run(["import"]);
    expect(stdout.stdout.split("\n")[0]).toBe(modeline("a.yaml"));
  });

  test("init writes -o FILE, and still -f FILE", async ({ e2e }) => {
    for (const [flag, file] of [
      ["-o", "a.yaml"],
      ["-f", "b.yaml"],
    ] as const) {
      const r = await e2e.run(["init", flag, file]);
      expect(r.code, transcript(r)).toBe(0);
      expect(r.stderr).toContain(`Wrote ${file}.`);
    }
  });

  test("a format that is not one of the choices is one error line, before anything is read", async ({
    e2e,
  }) => {
    const r = await e2e.run(["drift", "--format", "yaml"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: unknown format 'yaml'\n  hint: use one of: text, json, markdown\n");
  });
});

describe.concurrent("drift", () => {
  test("exits 2 on drift (also with --detailed-exitcode), 0 with --no-detailed-exitcode; -o saves the JSON report", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals"), textTemplate("not_there_yet")] });
    expect((await e2e.run(["drift"])).code).toBe(2);
    expect((await e2e.run(["drift", "--detailed-exitcode"])).code).toBe(2);
    const relaxed = await e2e.run(["drift", "--no-detailed-exitcode", "-o", "drift.json"]);
    expect(relaxed.code, transcript(relaxed)).toBe(0);
    expect(relaxed.stdout).toContain("Declared but missing remotely:\n  + shop/not_there_yet/en_US");
    const saved = JSON.parse(readFileSync(join(e2e.dir, "drift.json"), "utf8")) as { missing: string[] };
    expect(saved.missing).toEqual(["shop/not_there_yet/en_US"]);
  });
});

describe.concurrent("send-preview", () => {
  test("shows <KALEYRA_SID> readable where it is not set", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const r = await e2e.run(["send-preview", "summer_sale", "--channel", "kaleyra-v1"], {
      env: { KALEYRA_SID: undefined, KALEYRA_BASE_URL: undefined },
    });
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toContain("curl -X POST 'https://api.kaleyra.io/v1/<KALEYRA_SID>/messages'");
    expect(r.stdout).not.toContain("%3C");
  });

  test("with --sandbox, shows the sandbox's URL and the template's id there", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const env = { KALEYRA_BASE_URL: undefined, GUPSHUP_BASE_URL: undefined };
    expect((await e2e.run(["apply", "--sandbox", "--auto-approve", "--no-verify"], { env })).code).toBe(0);
    const r = await e2e.run(["send-preview", "summer_sale", "--channel", "kaleyra-v2", "--sandbox"], { env });
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stdout).toMatch(
      /^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/v2\/sandbox\/whatsapp\/\+918929874278\/messages'/m,
    );
    expect(r.stderr).toContain("run `waform sandbox --port 4010`");
    const partner = await e2e.run(
      ["send-preview", "summer_sale", "--channel", "gupshup-partner", "--sandbox"],
      {
        env,
      },
    );
    expect(partner.stdout).toMatch(/'http:\/\/127\.0\.0\.1:\d+\/partner\/app\/[0-9a-f-]+\/template\/msg'/);
    expect(partner.stdout).not.toContain("<gupshup-template-id>");
  });
});

describe.concurrent("a misconfigured test-send channel", () => {
  test("is an error before any write: missing Kaleyra key, bad base URL", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const missing = await e2e.run(["apply", "--auto-approve", "--channel", "kaleyra-v1"], {
      env: { KALEYRA_API_KEY: undefined },
    });
    expect(missing.code, transcript(missing)).toBe(1);
    expect(missing.stderr).toContain(
      "Error: test-send channel kaleyra-v1 (used by shop/summer_sale/en_US) is not configured: KALEYRA_API_KEY is not set: the kaleyra-v1 channel needs it\n" +
        "  hint: export KALEYRA_API_KEY=… and run again; nothing was changed; or pass --no-verify to apply without test sends\n",
    );
    const badUrl = await e2e.run(["apply", "--auto-approve", "--channel", "kaleyra-v2"], {
      env: { KALEYRA_BASE_URL: "http://kaleyra.example.com" },
    });
    expect(badUrl.code, transcript(badUrl)).toBe(1);
    expect(badUrl.stderr).toMatch(
      /^Error: test-send channel kaleyra-v2 \(used by shop\/summer_sale\/en_US\) is not configured: KALEYRA_BASE_URL uses plain http/m,
    );
    expect(e2e.stored()).toEqual([]);

    // verify, too, says so before waiting for any approval
    const verify = await e2e.run(["verify", "--channel", "kaleyra-v1"], { env: { KALEYRA_SID: undefined } });
    expect(verify.code, transcript(verify)).toBe(1);
    expect(verify.stderr).toContain(
      "test-send channel kaleyra-v1 (used by shop/summer_sale/en_US) is not configured: KALEYRA_SID",
    );
  });

  test("--no-verify applies without it", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
    const r = await e2e.run(["apply", "--auto-approve", "--no-verify", "--channel", "kaleyra-v1"], {
      env: { KALEYRA_API_KEY: undefined },
    });
    expect(r.code, transcript(r)).toBe(0);
    expect(e2e.stored()).toHaveLength(1);
  });
});

describe.concurrent("waform schema", () => {
  test("prints the JSON Schema of templates.yaml, or of a plan", async ({ e2e }) => {
    const templates = await e2e.run(["schema"]);
    expect(templates.code).toBe(0);
    expect(templates.stdout).toBe(readFileSync(join(ROOT, "schemas", "templates.schema.json"), "utf8"));
    const plan = await e2e.run(["schema", "plan"]);
    expect(plan.stdout).toBe(readFileSync(join(ROOT, "schemas", "plan.schema.json"), "utf8"));
    const bad = await e2e.run(["schema", "yaml"]);
    expect(bad.stderr).toBe("Error: unknown schema 'yaml'\n  hint: use one of: templates, plan\n");
  });
});
