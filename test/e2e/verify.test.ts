// Issue 5 end to end: apply waits for Meta's review, shows a rejection with its reason (exit 3),
// and test-sends every approved template through the chosen channel.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { ROOT, transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, test } from "./fixture.js";
import { ltoTemplate, textTemplate } from "./templates.js";
import { descendants, parseXml } from "./xml.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

const approvedAndRejected = {
  templates: [ltoTemplate("summer_sale"), textTemplate("shady_offer", "Hi {{1}}, REJECT_ME if you can.")],
};

interface VerifyJson {
  templates: {
    name: string;
    state: string;
    reason: string | null;
    sends: { destination: string; channel: string; ok: boolean; message_id: string | null }[];
  }[];
}

describe.concurrent("apply then verify", () => {
  test("a rejected template makes apply exit 3 and shows Meta's reason; the approved one is test-sent", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", approvedAndRejected);
    const r = await e2e.run(["apply", "--auto-approve", "--junit", "junit.xml"]);
    expect(r.code, transcript(r)).toBe(3);
    expect(r.stdout).toContain("Apply complete: 2 created");
    expect(r.stdout).toMatch(/shop\/shady_offer\/en_US\s+REJECTED.*INVALID_FORMAT/);
    expect(r.stdout).toMatch(/shop\/summer_sale\/en_US\s+APPROVED/);
    expect(r.stdout).toMatch(/exit 3/);
    expect(
      e2e.sandbox
        .sends()
        .map((s) => s.destination)
        .sort(),
    ).toEqual(["919999900001", "919999900002"]);

    // --junit: well-formed JUnit XML with a failure for the rejection
    const junit = parseXml(readFileSync(join(e2e.dir, "junit.xml"), "utf8"));
    expect(junit.name).toBe("testsuites");
    const cases = descendants(junit, "testcase");
    const failures = cases.filter((c) => c.children.some((x) => x.name === "failure"));
    expect(failures.map((c) => c.attrs["name"])).toEqual([expect.stringContaining("shady_offer")]);
    expect(failures[0]!.children[0]!.attrs["message"]).toContain("INVALID_FORMAT");
    expect(cases.length).toBeGreaterThanOrEqual(4); // two approvals, two sends
    expect(Number(junit.attrs["failures"])).toBe(1);
    expect(Number(junit.attrs["tests"])).toBe(cases.length);
  });

  test("with --format json, apply prints one JSON document: the outcomes and the rejection's reason", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", approvedAndRejected);
    const r = await e2e.run(["apply", "--auto-approve", "--format", "json"]);
    expect(r.code, transcript(r)).toBe(3);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout) as { summary: { created: number }; verify: VerifyJson };
    expect(doc.summary.created).toBe(2);
    expect(doc.verify.templates.map((t) => [t.name, t.state, t.reason])).toEqual([
      ["shady_offer", "rejected", "INVALID_FORMAT"],
      ["summer_sale", "approved", null],
    ]);
  });

  test("`verify` alone checks the declared templates and reports one message id per destination", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale"), textTemplate("new_arrivals")] });
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    expect(e2e.sandbox.sends()).toEqual([]);

    const r = await e2e.run(["verify", "--format", "json"]);
    expect(r.code, transcript(r)).toBe(0);
    const report = JSON.parse(r.stdout) as VerifyJson;
    const ids = report.templates.flatMap((t) => t.sends.map((s) => s.message_id));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(
      e2e.sandbox
        .sends()
        .map((s) => s.messageId)
        .sort(),
    ).toEqual([...ids].sort());
  });

  test("verify exits 3 on a template that Meta rejected, naming the reason", async ({ e2e }) => {
    e2e.write("templates.yaml", approvedAndRejected);
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    const r = await e2e.run(["verify", "--target", "shady_offer"]);
    expect(r.code, transcript(r)).toBe(3);
    expect(r.stdout).toContain("INVALID_FORMAT");
    expect(r.stdout).not.toContain("summer_sale");
  });
});

describe.concurrent("what verify reports besides approval", () => {
  test("a PAUSED template is reported as not sendable (exit 3) and nothing is sent", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);
    e2e.sandbox.setTemplateStatus(e2e.stored()[0]!.id, "PAUSED");
    const r = await e2e.run(["verify"]);
    expect(r.code, transcript(r)).toBe(3);
    expect(r.stdout).toMatch(/shop\/new_arrivals\/en_US\s+PAUSED/);
    expect(e2e.sandbox.sends()).toEqual([]);
  });

  test("a review that outlasts --wait-timeout ends apply with exit 1 and says it is still PENDING", async ({
    e2e,
  }) => {
    e2e.sandbox.configure({ approvalDelayMs: 3_600_000 });
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    const r = await e2e.run(["apply", "--auto-approve", "--wait-timeout", "1s"]);
    expect(r.code, transcript(r)).toBe(1);
    expect(r.stdout).toContain("Apply complete: 1 created");
    expect(r.stdout).toMatch(/shop\/new_arrivals\/en_US\s+PENDING\s+timed out/);
    expect(r.stdout).toMatch(/run verify again/);
  });
});

describe.concurrent("test sends through each channel", () => {
  for (const channel of ["gupshup-partner", "gupshup-v3", "gupshup", "kaleyra-v1", "kaleyra-v2"] as const) {
    test(`--channel ${channel}: one accepted send and message id per destination`, async ({ e2e }) => {
      e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale")] });
      expect((await e2e.run(["apply", "--auto-approve", "--no-verify"])).code).toBe(0);

      const r = await e2e.run(["verify", "--channel", channel, "--format", "json"]);
      expect(r.code, transcript(r)).toBe(0);
      const [t] = (JSON.parse(r.stdout) as VerifyJson).templates;
      expect(t!.sends.map((s) => [s.destination, s.channel, s.ok])).toEqual([
        ["+919999900001", channel, true],
        ["+919999900002", channel, true],
      ]);
      const sends = e2e.sandbox.sends();
      expect(sends.map((s) => s.channel)).toEqual([channel, channel]);
      expect(t!.sends.map((s) => s.message_id).sort()).toEqual(sends.map((s) => s.messageId).sort());
    });
  }
});

describe.concurrent("gupshup-v3, the LTO default", () => {
  test("an LTO is test-sent through /v3/message unless a channel is named", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [ltoTemplate("summer_sale"), textTemplate("new_arrivals")] });
    const r = await e2e.run(["apply", "--auto-approve", "--format", "json"]);
    expect(r.code, transcript(r)).toBe(0);
    const byTemplate = e2e.sandbox.sends().map((s) => `${s.templateName}:${s.channel}`);
    expect(byTemplate.sort()).toEqual([
      "new_arrivals:gupshup-partner",
      "summer_sale:gupshup-v3",
      "summer_sale:gupshup-v3",
    ]);
  });

  test("verify --channel gupshup-v3 test-sends the root example's LTO templates", async ({ e2e }) => {
    e2e.write("templates.yaml", readFileSync(join(ROOT, "templates.yaml"), "utf8"));
    const lto = ["--target", "summer_sale_lto", "--target", "weekend_flash_sale"];
    expect((await e2e.run(["apply", "--auto-approve", "--no-verify", ...lto])).code).toBe(0);
    const r = await e2e.run(["verify", "--channel", "gupshup-v3", "--format", "json", ...lto]);
    expect(r.code, transcript(r)).toBe(0);
    const report = JSON.parse(r.stdout) as VerifyJson;
    expect(report.templates.length).toBeGreaterThanOrEqual(2);
    for (const t of report.templates) {
      expect(t.sends.length, t.name).toBeGreaterThan(0);
      for (const s of t.sends) expect([s.channel, s.ok], t.name).toEqual(["gupshup-v3", true]);
    }
    expect(new Set(e2e.sandbox.sends().map((s) => s.channel))).toEqual(new Set(["gupshup-v3"]));
  });
});
