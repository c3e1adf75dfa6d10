// Universal tokens at CI cadence (issue 12 item 1), through the real CLI against a `waform sandbox`
// process that enforces the documented UAT rules (3 active per app, unique names, 1–24 h, revoke,
// 10 mints a minute): every run mints at most one UAT per app and revokes it when it ends —
// normally and on Ctrl-C — so a pipeline can plan on every push; a run that finds the app's
// 3 tokens held by others stops with an error that names the fix.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StandaloneSandbox, startStandaloneSandbox } from "../crash/standalone-sandbox.js";
import { type RunningCli, startWaform, transcript, waform } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, SHOP, yamlOf } from "./fixture.js";
import { textTemplate } from "./templates.js";

interface Stats {
  byPath: Record<string, number>;
  rateLimited: number;
  activeAppTokens: Record<string, number>;
}

/** Resolves once `ready` holds, looking each time a request of the CLI may have changed it. */
async function until(what: string, ready: () => Promise<boolean>, clis: RunningCli[]): Promise<void> {
  for (;;) {
    if (await ready()) return;
    const dead = clis.find((c) => c.child.exitCode !== null);
    if (dead) throw new Error(`${what}: a CLI exited first\n${dead.stdout()}\n${dead.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let dir: string;
beforeAll(async () => {
  await prepareCli();
  dir = mkdtempSync(join(tmpdir(), "waform-tokens-"));
  writeFileSync(join(dir, "templates.yaml"), yamlOf({ templates: [textTemplate("welcome")] }));
}, BUILD_TIMEOUT_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const universal = (sandbox: StandaloneSandbox) => ({
  GUPSHUP_BASE_URL: sandbox.url,
  GUPSHUP_UNIVERSAL_TOKEN: "ci-universal-token",
});

describe.concurrent("universal app tokens at CI cadence", () => {
  it("ten consecutive `waform plan` runs succeed and leave no app token active", async () => {
    const sandbox = await startStandaloneSandbox([], dir);
    try {
      // the documented token limits (10 mints a minute per app: ten runs are at, not over, them);
      // the template calls of ten plans (two each on an empty app) would need more than a minute
      await sandbox.admin("PATCH", "config", { rateLimits: { templates: { limit: 100, windowMs: 60_000 } } });
      for (let run = 1; run <= 10; run++) {
        const r = await waform(["plan", "--detailed-exitcode"], { cwd: dir, env: universal(sandbox) });
        expect(r.code, `run ${run}\n${transcript(r)}`).toBe(2);
        expect(r.stderr, `run ${run}`).not.toMatch(/warning|rate limit/);
      }
      const stats = await sandbox.admin<Stats>("GET", "stats");
      expect(stats.activeAppTokens).toEqual({});
      expect(stats.byPath[`POST /partner/app/${SHOP.appId}/token`]).toBe(10);
      expect(stats.byPath[`POST /partner/app/${SHOP.appId}/token/revoke`]).toBe(10);
      expect(stats.rateLimited).toBe(0);
      const state = await sandbox.admin<{ apps: Record<string, { uats: unknown[] }> }>("GET", "state");
      expect(state.apps[SHOP.appId]!.uats).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  }, 120_000);

  it("a 4th concurrent run gets the 'maximum active tokens' error naming the fix; Ctrl-C revokes", async () => {
    const sandbox = await startStandaloneSandbox(["--no-rate-limits", "--approval-delay", "1h"], dir);
    const holders: RunningCli[] = [];
    try {
      const applied = await waform(["apply", "--auto-approve", "--no-verify"], {
        cwd: dir,
        env: universal(sandbox),
      });
      expect(applied.code, transcript(applied)).toBe(0);
      // three runs that hold their token while they wait for a review that takes an hour
      for (let i = 0; i < 3; i++) {
        holders.push(
          startWaform(["verify", "--wait-timeout", "10m"], {
            cwd: dir,
            env: universal(sandbox),
            timeoutMs: 60_000,
          }),
        );
      }
      const active = async () =>
        (await sandbox.admin<Stats>("GET", "stats")).activeAppTokens[SHOP.appId] === 3;
      await until("three runs hold a token", active, holders);

      const fourth = await waform(["plan"], { cwd: dir, env: universal(sandbox) });
      expect(fourth.code, transcript(fourth)).toBe(1);
      expect(fourth.stderr).toContain(
        "Error: app 'shop' already has the 3 active app tokens (UATs) the Partner API allows, so waform cannot mint one for this run\n",
      );
      expect(fourth.stderr).toMatch(/hint: .*revoke-all.*GUPSHUP_APP_TOKEN_SHOP/);

      // Ctrl-C: each holder gives its token back on the way out
      for (const holder of holders) holder.child.kill("SIGINT");
      const ended = await Promise.all(holders.map((h) => h.done));
      for (const r of ended) {
        expect(r.code, transcript(r)).toBe(130);
        expect(r.stderr).toContain("Error: interrupted");
      }
      expect((await sandbox.admin<Stats>("GET", "stats")).activeAppTokens).toEqual({});
    } finally {
      for (const holder of holders) holder.child.kill("SIGKILL");
      await sandbox.stop();
    }
  }, 120_000);
});
