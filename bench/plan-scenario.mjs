// Plan at a given size, side by side with the floor and the per-template baseline, all three as
// separate processes against the same pre-filled sandbox process.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { appIdOf, generateDeclaration, templateName } from "./generate.mjs";
import { expectExit, median, runNode } from "./measure.mjs";
import { createAll, REMOTE_SHAPE, remoteCountsPerApp, remoteDeclaration } from "./populate.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "waform.js");
const FLOOR = fileURLToPath(new URL("./floor.mjs", import.meta.url));
const BASELINE = fileURLToPath(new URL("./baseline.mjs", import.meta.url));

/** What each process cost, as seen by the sandbox between two stats resets. */
async function measured(sandbox, run) {
  await sandbox.resetStats();
  const result = await run();
  const stats = await sandbox.stats();
  return { ...result, requests: stats.total, rateLimited: stats.rateLimited };
}

function summarizeRuns(runs) {
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    wallRunsMs: runs.map((r) => Math.round(r.wallMs)),
    rssKb: Math.max(...runs.map((r) => r.rssKb ?? 0)),
    requests: runs[0].requests,
    requestsAllRuns: [...new Set(runs.map((r) => r.requests))],
  };
}

/**
 * Measures plan, floor and baseline at `templates` templates over `apps` apps.
 * `repeat` runs of plan and floor (median wall), `baselineRepeat` runs of the baseline.
 */
export async function planScenario(
  sandbox,
  { templates, apps, repeat = 3, baselineRepeat = 1, log = () => {} },
) {
  const { DEFAULT_PAGE_SIZE } = await import(
    new URL("../dist/providers/gupshup/paging.js", import.meta.url).href
  );
  const dir = mkdtempSync(join(tmpdir(), "waform-bench-plan-"));
  try {
    await sandbox.reset();
    log(`  filling the sandbox for ${templates} templates…`);
    const remote = await createAll(sandbox, remoteDeclaration(templates, apps));
    const file = join(dir, "templates.yaml");
    writeFileSync(file, generateDeclaration({ templates, apps }));
    const keysFile = join(dir, "keys.json");
    const keys = Array.from({ length: templates }, (_, i) => [appIdOf(i % apps), templateName(i)]);
    writeFileSync(keysFile, JSON.stringify(keys));
    const env = { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "bench", NO_COLOR: "1" };
    const appIds = Array.from({ length: apps }, (_, a) => appIdOf(a));

    // the plan is right (and not merely fast): creates, updates and undeclared as the remote was made
    const check = await measured(sandbox, async () =>
      expectExit(
        await runNode([BIN, "plan", "-f", file, "--format", "json"], { env, cwd: dir, keepStdout: true }),
        "waform plan",
      ),
    );
    const planJson = JSON.parse(check.stdout);

    const plan = [];
    const floor = [];
    for (let r = 0; r < repeat; r++) {
      log(`  plan and floor, run ${r + 1}/${repeat}…`);
      plan.push(
        await measured(sandbox, async () =>
          expectExit(await runNode([BIN, "plan", "-f", file], { env, cwd: dir }), "waform plan"),
        ),
      );
      floor.push(
        await measured(sandbox, async () =>
          expectExit(
            await runNode([FLOOR, sandbox.url, String(DEFAULT_PAGE_SIZE), ...appIds], {
              env,
              keepStdout: true,
            }),
            "floor",
          ),
        ),
      );
    }
    const baseline = [];
    for (let r = 0; r < baselineRepeat; r++) {
      log(`  per-template baseline, run ${r + 1}/${baselineRepeat}…`);
      baseline.push(
        await measured(sandbox, async () =>
          expectExit(await runNode([BASELINE, sandbox.url, keysFile], { env, keepStdout: true }), "baseline"),
        ),
      );
    }
    // token + list pages per app: every page is full until a short (possibly empty) one
    const listPages = remoteCountsPerApp(templates, apps).map((n) => Math.floor(n / DEFAULT_PAGE_SIZE) + 1);
    return {
      templates,
      apps,
      remoteTemplates: remote,
      pageSize: DEFAULT_PAGE_SIZE,
      listPages: listPages.reduce((a, b) => a + b, 0),
      expectedRequests: apps + listPages.reduce((a, b) => a + b, 0),
      planSummary: planJson.summary,
      planUnmanaged: planJson.undeclared.length,
      expectedSummary: {
        create: countWhere(templates, REMOTE_SHAPE.missing),
        update: countWhere(templates, REMOTE_SHAPE.differs),
        noop: templates - countWhere(templates, (i) => REMOTE_SHAPE.missing(i) || REMOTE_SHAPE.differs(i)),
      },
      expectedUnmanaged: remote - (templates - countWhere(templates, REMOTE_SHAPE.missing)),
      plan: summarizeRuns(plan),
      floor: summarizeRuns(floor),
      floorRows: JSON.parse(floor[0].stdout).templates,
      baseline: summarizeRuns(baseline),
      baselineFound: JSON.parse(baseline[0].stdout).templates,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countWhere(n, pred) {
  let c = 0;
  for (let i = 0; i < n; i++) if (pred(i)) c++;
  return c;
}
