// Issue 12 item 3, through the real CLI against the sandbox on a clock both of them share (the
// fixture's advanceClock): a second edit within 24 h is blocked in the plan with the time it frees
// up, and an edit the plan could not know to be over quota (10 in 30 days) is reported blocked by
// apply, with the reason and the time, instead of failing unexplained.

import { readFileSync } from "node:fs";
import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { appConfig, BUILD_TIMEOUT_MS, type E2E, prepareCli, SHOP, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shop = appConfig("shop", SHOP);
const body = (n: number) => `Hello {{1}}, edition ${n} of our weekly offers is out.`;

function declare(e2e: E2E, n: number): void {
  e2e.write("templates.yaml", { templates: [textTemplate("weekly", body(n))] });
}

/** Edit calls the sandbox answered, of any outcome. */
function edits(e2e: E2E): number {
  return Object.entries(e2e.sandbox.stats().byPath)
    .filter(([path]) => path.startsWith("PUT "))
    .reduce((n, [, count]) => n + count, 0);
}

describe.concurrent("the edit quota", () => {
  test("a second edit within 24 h is blocked in the plan with the time; 24 h later it is an update", async ({
    e2e,
  }) => {
    declare(e2e, 1);
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    declare(e2e, 2);
    const first = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
    expect(first.code, transcript(first)).toBe(0);
    expect(first.stdout).toContain("Apply complete: 0 created, 1 updated");
    // Meta approves the edit (the sandbox on its next request): the row now shows an edit, and its
    // modifiedOn is the latest that edit can have been
    const [approved] = await e2e.remote();
    expect(approved).toMatchObject({ status: "APPROVED", body: body(2) });
    const freesAt = approved!.modifiedOn! + DAY;
    const at = new Date(freesAt).toISOString();

    declare(e2e, 3);
    const plan = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(plan.code, transcript(plan)).toBe(2); // waits for time: not a red pull request
    expect(plan.stdout).toContain("! shop/weekly/en_US is blocked [APPROVED]");
    expect(plan.stdout).toContain(
      `error EDIT-003: the APPROVED template was already edited in the last 24 h`,
    );
    expect(plan.stdout).toContain(`waits for time: it can be applied as declared after ${at}`);
    expect(plan.stderr).toContain(
      `1 blocked change waits for time: shop/weekly/en_US (edit_quota, after ${at})`,
    );
    const json = JSON.parse((await e2e.run(["plan", "--format", "json"])).stdout);
    expect(json.changes[0]).toMatchObject({
      action: "blocked",
      reason: "edit_quota",
      unblocked_by: "time",
      blocked_until: freesAt,
    });

    // apply keeps the plan's promise: no edit is sent
    const before = edits(e2e);
    const blocked = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
    expect(blocked.code, transcript(blocked)).toBe(0);
    expect(blocked.stdout).toContain(
      "! shop/weekly/en_US: blocked (the APPROVED template was already edited",
    );
    expect(edits(e2e)).toBe(before);

    e2e.advanceClock(DAY);
    const later = await e2e.run(["plan", "--detailed-exitcode"]);
    expect(later.code, transcript(later)).toBe(2);
    expect(later.stdout).toContain("~ shop/weekly/en_US will be updated in place [APPROVED]");
    const applied = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
    expect(applied.code, transcript(applied)).toBe(0);
    expect(e2e.stored()[0]?.content).toBe(body(3));
  });

  test("an edit over the 30-day quota, which no remote field shows, is reported blocked by apply with the time", async ({
    e2e,
  }) => {
    declare(e2e, 0);
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    // ten edits a day or more apart, made in the console (by the provider, as a colleague would)
    const provider = e2e.provider();
    for (let n = 1; n <= 10; n++) {
      e2e.advanceClock(25 * HOUR);
      const [current] = (await provider.listTemplates(shop)).templates;
      expect(current?.status).toBe("APPROVED");
      await provider.updateTemplate(shop, current!, { ...current!, body: body(n) });
    }
    e2e.advanceClock(25 * HOUR);

    declare(e2e, 11);
    const plan = await e2e.run(["plan"]);
    expect(plan.code, transcript(plan)).toBe(0);
    expect(plan.stdout).toContain("~ shop/weekly/en_US will be updated in place");
    expect(plan.stdout).toContain("the 10 per 30 days cannot be checked before apply");

    const start = e2e.now();
    const apply = await e2e.run(["apply", "--auto-approve", "--no-verify", "--format", "json"]);
    expect(apply.code, transcript(apply)).toBe(1);
    const [outcome] = JSON.parse(apply.stdout).outcomes;
    expect(outcome).toMatchObject({
      action: "update",
      outcome: "blocked",
      reason: "edit_quota",
      error_kind: "quota",
      attempts: 1,
    });
    expect(outcome.message).toContain("Message template edit limit reached");
    expect(outcome.message).toContain("Meta allows 10 edits per 30 days");
    const until = Date.parse(outcome.blocked_until);
    expect(until).toBeGreaterThanOrEqual(start + 30 * DAY - 1000);
    expect(until).toBeLessThanOrEqual(e2e.now() + 30 * DAY);
    expect(e2e.stored()[0]?.content).toBe(body(10));

    const text = await e2e.run(["apply", "--auto-approve", "--no-verify", "--junit", "apply.xml"]);
    expect(text.code, transcript(text)).toBe(1);
    // JUnit: the change the plan promised and the API refused is a failure of type edit_quota
    const junit = readFileSync(`${e2e.dir}/apply.xml`, "utf8");
    expect(junit).toMatch(
      /<testcase [^>]*name="weekly\/en_US: update"[^>]*>\s*<failure type="edit_quota" message="blocked \(edit_quota; until /,
    );
    expect(text.stdout).toContain("! shop/weekly/en_US: blocked (the edit was refused for the edit quota");
    expect(text.stdout).toContain("The API refused 1 edit for Meta's edit quota");
    expect(text.stdout).toContain("0 updated, 0 replaced, 0 deleted, 1 blocked, 0 failed.");
  });
});
