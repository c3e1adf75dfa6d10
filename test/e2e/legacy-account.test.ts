// A real account that has existed for years (examples/accounts/legacy-account.json, built from
// field-evidence.md): legacy categories, rows without or with damaged containerMeta, FAILED,
// PAUSED, DISABLED, SANDBOX_REQUESTED and unknown statuses, a reclassified row, a carousel, a FLOW
// button, LTO, MPM, catalog and media rows with only a sample handle, nameless rows, and more than
// one page of rows. plan, drift, import, init --import and verify run against it through the CLI.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { ROOT, transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, type E2E, prepareCli, test } from "./fixture.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

const FILE = join(ROOT, "examples", "accounts", "legacy-account.json");
const ACCOUNT = JSON.parse(readFileSync(FILE, "utf8")) as {
  apps: Record<string, { templates: Record<string, unknown>[] }>;
};
const [APP_ID, { templates: ROWS }] = Object.entries(ACCOUNT.apps)[0]!;
const APP = { appId: APP_ID, appName: "legacyapp", source: "+918929874278" };
/** Rows the list shows by name (all but the two nameless ones). */
const NAMED = ROWS.filter((r) => typeof r["id"] === "string" && typeof r["elementName"] === "string");
/** Rows waform cannot manage, by the reason it must give. */
const UNMANAGEABLE: Record<string, RegExp> = {
  legacy_auto_reply: /unknown category: category "AUTO_REPLY"/,
  order_shipped_txn: /unknown category: category "TRANSACTIONAL"/,
  login_otp_legacy: /unknown category: category "OTP"/,
  account_update_notice: /unknown category: category "ACCOUNT_UPDATE"/,
  alert_low_balance: /unknown category: category "ALERT_UPDATE"/,
  payment_received: /unknown category: category "PAYMENT_UPDATE"/,
  old_quick_replies: /missing metadata: the row has buttons \(QR\) but no containerMeta/,
  broken_meta: /damaged metadata: containerMeta cannot be read: it is not valid JSON/,
  meta_is_a_list: /damaged metadata: containerMeta cannot be read: it is not a JSON object/,
  promo_carousel: /unknown type: template type "CAROUSEL"/,
  book_with_flow: /unknown button: button type "FLOW"/,
};

function declareApp(e2e: E2E, opts: { prune?: boolean; templates?: string } = {}): void {
  const app = { ...APP, prune: opts.prune ?? true };
  e2e.write(
    "templates.yaml",
    `version: 1\napps:\n  legacy: ${JSON.stringify(app)}\ntemplates: ${opts.templates ?? "[]"}\n`,
  );
}

function load(e2e: E2E): void {
  expect(e2e.sandbox.loadRows(APP_ID, ROWS)).toBe(ROWS.length);
}

describe("the fixture account", () => {
  test("has more than one page of rows (pages of 100) and every case of the field evidence", () => {
    expect(ROWS.length).toBeGreaterThan(100);
    const statuses = new Set(ROWS.map((r) => String(r["status"]).trim().toUpperCase()));
    for (const s of ["FAILED", "PAUSED", "DISABLED", "SANDBOX_REQUESTED", "APPROVED", "PENDING"])
      expect(statuses).toContain(s);
    expect(ROWS.some((r) => r["containerMeta"] === undefined && r["category"] === "MARKETING")).toBe(true);
    expect(ROWS.some((r) => r["oldCategory"] !== undefined)).toBe(true);
  });

  test("is what build-legacy-account.mjs builds", async () => {
    const { buildLegacyAccount } = (await import(
      join(ROOT, "examples", "accounts", "build-legacy-account.mjs")
    )) as {
      buildLegacyAccount: () => unknown;
    };
    expect(ACCOUNT).toEqual(buildLegacyAccount());
  });
});

describe.concurrent("plan, drift and import against a legacy account", () => {
  test("plan names every row, marks each unmanageable one with its reason and never prunes it", async ({
    e2e,
  }) => {
    load(e2e);
    declareApp(e2e);
    const r = await e2e.run(["plan", "--detailed-exitcode"]);
    // prune is on: every manageable undeclared row is a delete; no unmanageable one is. The DISABLED
    // row and the one in a status waform does not know can never be pruned: blocked until the
    // declaration changes (issue 12 item 3), so exit 1; the one in appeal waits for the appeal
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stderr).toContain(
      "2 blocked changes need a change of the declaration (exit 1): legacy/disabled_promo/en (status_not_editable), legacy/quality_review/en (status_not_editable)",
    );
    expect(r.stderr).toContain(
      "1 blocked change waits for time: legacy/appealed_promo/en (status_not_editable)",
    );
    for (const row of NAMED)
      expect(r.stdout).toContain(`legacy/${row["elementName"]}/${row["languageCode"]}`);
    for (const [name, reason] of Object.entries(UNMANAGEABLE)) {
      const line = r.stdout
        .split("\n")
        .find((l) => l.includes(`legacy/${name}/en `) && l.includes("left as it is"));
      expect(line, name).toMatch(reason);
      expect(r.stdout).not.toMatch(new RegExp(`- legacy/${name}/en will be deleted`));
    }
    expect(r.stdout).toMatch(
      /REMOTE-001: app legacy: row \d+ of the template list has no id \(elementName "ghost_no_id"\)/,
    );
    expect(r.stdout).toMatch(/REMOTE-001: app legacy: row \d+ of the template list has no elementName/);
  });

  test("drift exits 2 and lists the unmanageable rows with their reasons", async ({ e2e }) => {
    load(e2e);
    declareApp(e2e);
    const r = await e2e.run(["drift", "--format", "json"]);
    expect(r.code, transcript(r)).toBe(2);
    const report = JSON.parse(r.stdout) as {
      undeclared: { key: string }[];
      unmanageable: { key: string; reason: string; declared: boolean }[];
    };
    expect(report.unmanageable.map((u) => u.key)).toEqual(
      expect.arrayContaining(Object.keys(UNMANAGEABLE).map((n) => `legacy/${n}/en`)),
    );
    expect(report.undeclared.length + report.unmanageable.length).toBe(NAMED.length);
  });

  test("import, then validate, then plan --detailed-exitcode: exit 0, with unmanageable rows as comments", async ({
    e2e,
  }) => {
    load(e2e);
    declareApp(e2e);
    const imported = await e2e.run(["import", "-o", "imported.yaml"]);
    expect(imported.code, transcript(imported)).toBe(0);
    expect(imported.stderr).toMatch(
      /Imported 106 templates from 1 app into imported\.yaml; 30 that waform cannot manage are listed as comments; 2 nameless rows were skipped/,
    );
    const text = readFileSync(join(e2e.dir, "imported.yaml"), "utf8");
    for (const [name, reason] of Object.entries(UNMANAGEABLE)) {
      const comment = text.split("\n").find((l) => l.startsWith("#") && l.includes(`legacy/${name}/en`));
      expect(comment, name).toMatch(new RegExp(reason.source.replace(/^(\w+) (\w+):/, "$1_$2:")));
    }
    expect(text).toMatch(
      /header: \{ type: image, handle: "?4::aW1hZ2UvanBlZw==:ARZflashSaleSampleHandle"? \} # write-only/,
    );

    const validate = await e2e.run(["validate", "-f", "imported.yaml"]);
    expect(validate.code, transcript(validate)).toBe(0);
    const plan = await e2e.run(["plan", "-f", "imported.yaml", "--detailed-exitcode"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toContain("No changes");
  });

  test("init --import, then plan --detailed-exitcode, exits 0", async ({ e2e }) => {
    load(e2e);
    const init = await e2e.run([
      "init",
      "--import",
      "--app-id",
      APP_ID,
      "--app-name",
      APP.appName,
      "--source",
      APP.source,
      "--alias",
      "legacy",
    ]);
    expect(init.code, transcript(init)).toBe(0);
    const plan = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(plan.code, transcript(plan)).toBe(0);
  });

  test("a declaration that names an unmanageable row is blocked with what to do, and nothing is sent", async ({
    e2e,
  }) => {
    load(e2e);
    declareApp(e2e, {
      prune: false,
      templates: `\n  - { name: legacy_auto_reply, app: legacy, language: en, category: UTILITY, vertical: orders, body: "Your order {{1}} is confirmed.", examples: { body: ["4512"] } }`,
    });
    e2e.sandbox.resetStats();
    const r = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
    expect(r.stdout, transcript(r)).toMatch(/! legacy\/legacy_auto_reply\/en is blocked/);
    expect(r.stdout).toMatch(
      /error PLAN-007: the remote template cannot be managed by waform \(unknown_category: category "AUTO_REPLY"/,
    );
    expect(r.stdout).toMatch(/hint: declare the template under a new name \(e\.g\. legacy_auto_reply_v2\)/);
    const writes = Object.keys(e2e.sandbox.stats().byPath).filter((p) => /^(POST|PUT|DELETE) /.test(p));
    expect(writes).toEqual([]);
  });
});

describe.concurrent("verify against a legacy account", () => {
  test("reports FAILED as rejected with its reason, and stops the other unsendable statuses", async ({
    e2e,
  }) => {
    load(e2e);
    declareApp(e2e);
    expect((await e2e.run(["import", "-o", "templates.yaml", "--force"])).code).toBe(0);
    const r = await e2e.run(["verify", "--wait-timeout", "1s", "--format", "json"], { timeoutMs: 30_000 });
    expect(r.code, transcript(r)).toBe(3);
    const report = JSON.parse(r.stdout) as {
      templates: { name: string; state: string; reason: string | null }[];
    };
    const state = (name: string) => report.templates.find((t) => t.name === name);
    expect(state("failed_offer")).toMatchObject({
      state: "rejected",
      reason: "Template submission failed: invalid parameter",
    });
    expect(state("rejected_promo")).toMatchObject({ state: "rejected" });
    expect(state("paused_reminder")).toMatchObject({ state: "not_sendable" });
    expect(state("disabled_promo")).toMatchObject({ state: "not_sendable" });
    expect(state("sandbox_hello")).toMatchObject({ state: "approved" });
    expect(state("approved_lowercase")).toMatchObject({ state: "approved" });
    expect(state("quality_review")).toMatchObject({ state: "timeout" });
  });
});

describe.concurrent.each(["keep", "clear"] as const)(
  "edits of an adopted account, edits omitting fields %s them",
  (omitted) => {
    test("are complete: after a body-only edit the remote matches the declaration, and no media is uploaded", async ({
      e2e,
    }) => {
      e2e.sandbox.configure({ editOmitted: omitted });
      load(e2e);
      declareApp(e2e);
      expect((await e2e.run(["import", "-o", "templates.yaml", "--force"])).code).toBe(0);
      const text = readFileSync(join(e2e.dir, "templates.yaml"), "utf8")
        .replace(
          'body: "Flash sale for {{1}}: today only."',
          'body: "Flash sale for {{1}}: today and tomorrow."',
        )
        // order_help loses its footer: an edit must clear it, whatever the server does with omitted fields
        .replace("    footer: Reply STOP to opt out\n", "");
      e2e.write("templates.yaml", text);
      e2e.sandbox.resetStats();
      const apply = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
      expect(apply.code, transcript(apply)).toBe(0);
      expect(apply.stdout).toContain("0 created, 2 updated");
      const stats = e2e.sandbox.stats();
      expect(Object.keys(stats.byPath).filter((p) => p.includes("/upload/media"))).toEqual([]);
      expect(stats.undocumentedFields).toEqual({});
      const plan = await e2e.run(["plan", "--detailed-exitcode"]);
      expect(plan.code, transcript(plan)).toBe(0);
    });
  },
);
