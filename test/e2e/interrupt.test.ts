// An apply that dies half-way (killed, Ctrl-C) and is run again converges: everything declared
// exists exactly once, and a last plan has nothing left to do. The sandbox answers creates slowly
// so that the kill lands while they are in flight (a killed client's create still commits).

import { beforeAll, describe, expect } from "vitest";
import { type RunningCli, transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, type E2E, prepareCli, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);
const N = 8;
const declaration = {
  templates: Array.from({ length: N }, (_, i) =>
    textTemplate(`offer_${i}`, `Hi {{1}}, offer number ${i} is here.`),
  ),
};

const tick = () => new Promise((r) => setTimeout(r, 10));

/** Waits for the sandbox to hold `count` templates; fails if the CLI ends first (the test's timeout bounds a hang). */
async function whenStored(e2e: E2E, count: number, cli: RunningCli): Promise<void> {
  while (e2e.stored().length < count) {
    if (cli.child.exitCode !== null)
      throw new Error(`never reached ${count} templates\n${cli.stdout()}\n${cli.stderr()}`);
    await tick();
  }
}

/** Creates the sandbox received: each one commits after its latency, whether or not its client lives. */
const createsReceived = (e2e: E2E) =>
  Object.entries(e2e.sandbox.stats().byPath)
    .filter(([path]) => /^POST \/partner\/app\/[^/]+\/templates$/.test(path))
    .reduce((n, [, count]) => n + count, 0);

async function expectConverged(e2e: E2E): Promise<void> {
  e2e.sandbox.setFaults({});
  const again = await e2e.run(["apply", "--auto-approve"]);
  expect(again.code, transcript(again)).toBe(0);
  const stored = e2e.stored();
  expect(stored.map((t) => t.elementName).sort()).toEqual(declaration.templates.map((t) => t["name"]).sort());
  expect(stored.every((t) => t.status === "APPROVED")).toBe(true);
  const plan = await e2e.run(["plan", "--detailed-exitcode"]);
  expect(plan.code, transcript(plan)).toBe(0);
}

describe.concurrent("an interrupted apply", () => {
  test("killed (SIGKILL) while creates are in flight, then run again: converges with no duplicate", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", declaration);
    e2e.sandbox.setFaults({ latencyMs: 250, match: "^POST" });
    const cli = e2e.start(["apply", "--auto-approve"]);
    await whenStored(e2e, 3, cli);
    cli.child.kill("SIGKILL");
    const killed = await cli.done;
    expect(killed.code).toBeNull();
    // a create sent just before the kill still lands: wait until every create received is stored
    while (e2e.stored().length < createsReceived(e2e)) await tick();
    expect(e2e.stored().length).toBeLessThan(N);

    await expectConverged(e2e);
  });

  test("stopped with SIGTERM: finishes what is in flight, says how to resume, and the re-run converges", async ({
    e2e,
  }) => {
    e2e.write("templates.yaml", declaration);
    e2e.sandbox.setFaults({ latencyMs: 250, match: "^POST" });
    const cli = e2e.start(["apply", "--auto-approve"]);
    await whenStored(e2e, 2, cli);
    cli.child.kill("SIGTERM");
    const stopped = await cli.done;
    expect(stopped.code, transcript(stopped)).toBe(1);
    expect(stopped.stderr).toContain("SIGTERM: finishing requests in flight");
    expect(stopped.stderr).toContain("Apply was interrupted. Run it again");
    // nothing was left in flight: what the sandbox holds is what apply reported
    const created = [...stopped.stdout.matchAll(/\+ shop\/(offer_\d+)\/en_US: created/g)].map((m) => m[1]);
    expect(
      e2e
        .stored()
        .map((t) => t.elementName)
        .sort(),
    ).toEqual(created.sort());
    expect(created.length).toBeLessThan(N);

    await expectConverged(e2e);
  });
});
