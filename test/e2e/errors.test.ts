// Mistakes a user makes on the command line: each ends with exit 1 and a short message that says
// what is wrong (and often what to do), never a stack trace, and before anything is changed.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect } from "vitest";
import { type CliResult, transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

/** `maxLines`: the message and its hint (plus, for a bad file, the finding and its hint). */
function expectCleanFailure(r: CliResult, message: RegExp, maxLines = 2): void {
  expect(r.code, transcript(r)).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error|unexpected error|This is a bug/);
  expect(r.stderr.trim().split("\n").length, r.stderr).toBeLessThanOrEqual(maxLines);
}

describe.concurrent("command-line mistakes", () => {
  test("an unknown --app names the declared ones", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    for (const args of [["plan"], ["apply", "--auto-approve"], ["verify"]]) {
      const r = await e2e.run([...args, "--app", "shoop"]);
      expectCleanFailure(
        r,
        /^Error: unknown app 'shoop'\n\s+hint: did you mean 'shop'\? \(declared apps: shop\)\n?$/,
      );
    }
    expect(e2e.sandbox.stats().total).toBe(0);
  });

  test("a bad --format is refused before anything is fetched or written", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    const plan = await e2e.run(["plan", "--format", "yaml", "--out", "plan.json"]);
    expectCleanFailure(plan, /^Error: unknown format 'yaml'\n\s+hint: use one of: text, json, markdown/);
    expect(existsSync(join(e2e.dir, "plan.json"))).toBe(false);
    const apply = await e2e.run(["apply", "--format", "markdown", "--auto-approve"]);
    expectCleanFailure(apply, /^Error: unknown format 'markdown'\n\s+hint: use one of: text, json/);
    expect(e2e.sandbox.stats().total).toBe(0);
  });

  test("bad verification flags on apply are refused before anything is written", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("new_arrivals")] });
    const channel = await e2e.run(["apply", "--auto-approve", "--channel", "bogus"]);
    expectCleanFailure(channel, /^Error: unknown channel 'bogus'\n\s+hint: use one of: gupshup-partner/);
    const timeout = await e2e.run(["apply", "--auto-approve", "--wait-timeout", "soon"]);
    expectCleanFailure(timeout, /^Error: --wait-timeout: 'soon' is not a duration/);
    expect(e2e.sandbox.stats().total).toBe(0);
  });

  test("a missing templates file is named, with the finding's rule id", async ({ e2e }) => {
    const named = await e2e.run(["apply", "-f", "nowhere.yaml", "--auto-approve"]);
    expectCleanFailure(named, /^nowhere\.yaml error FILE-001 file not found/, 4);
    const none = await e2e.run(["plan"]); // the default, templates.yaml
    expectCleanFailure(none, /^templates\.yaml error FILE-001 file not found/, 4);
    expect(e2e.sandbox.stats().total).toBe(0);
  });

  test("an unknown option or command is a usage error", async ({ e2e }) => {
    expectCleanFailure(await e2e.run(["plan", "--detailed"]), /^Error: unknown option '--detailed'/);
    expectCleanFailure(
      await e2e.run(["deploy"]),
      /^Error: unknown command 'deploy'\n\(Did you mean apply\?\)/,
      3,
    );
  });
});
