#!/usr/bin/env node
// `npm run bench`: plan, floor and per-template baseline at several sizes, apply throughput at
// the rate limit, one app at the real 10 calls a minute (plan + apply + verify, configured and
// learned), start-up and validate, each as a separate process against a sandbox running in its
// own process. Prints Markdown and writes JSON to bench/results/. See BENCHMARKS.md.
//
//   node bench/run.mjs [--sizes 100,1000,10000] [--apps 10] [--latency 20] [--repeat 3]
//                      [--apply-creates 600] [--apply-limit 600] [--rate-creates 12]
//                      [--startup-runs 15] [--skip plan,apply,ratelimited,startup,validate]
//                      [--out DIR] [--quiet]
// It runs on the compiled dist/: build first (`npm run bench` does).

import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyScenario } from "./apply-scenario.mjs";
import { planScenario } from "./plan-scenario.mjs";
import { rateLimitedScenario } from "./rate-limited-scenario.mjs";
import { evaluateTargets, renderMarkdown } from "./report.mjs";
import { startSandboxProcess } from "./sandbox-process.mjs";
import { startupScenario, validateScenario } from "./startup-scenario.mjs";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000,10000" },
    apps: { type: "string", default: "10" },
    latency: { type: "string", default: "20" },
    repeat: { type: "string", default: "3" },
    "apply-creates": { type: "string", default: "600" },
    "apply-limit": { type: "string", default: "600" },
    "rate-creates": { type: "string", default: "12" },
    "startup-runs": { type: "string", default: "15" },
    skip: { type: "string", default: "" },
    out: { type: "string", default: fileURLToPath(new URL("./results", import.meta.url)) },
    quiet: { type: "boolean", default: false },
  },
});

const sizes = args.sizes.split(",").map(Number);
const apps = Number(args.apps);
const latencyMs = Number(args.latency);
const repeat = Number(args.repeat);
const skip = new Set(args.skip.split(",").filter(Boolean));
const log = args.quiet ? () => {} : (line) => process.stderr.write(`${line}\n`);

const cpus = os.cpus();
const results = {
  formatVersion: 1,
  settings: { sizes, apps, latencyMs, repeat, startedAt: new Date().toISOString() },
  machine: {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    loadBefore: os.loadavg(),
  },
  plan: [],
};

if (!skip.has("plan")) {
  const sandbox = await startSandboxProcess({ latencyMs });
  try {
    for (const templates of sizes) {
      log(`plan at ${templates} templates`);
      // the baseline takes seconds per thousand templates: fewer runs at the largest size
      const baselineRepeat = templates > 1000 ? 1 : repeat;
      results.plan.push(await planScenario(sandbox, { templates, apps, repeat, baselineRepeat, log }));
    }
  } finally {
    await sandbox.close();
  }
}

if (!skip.has("apply")) {
  const sandbox = await startSandboxProcess({ latencyMs, rateLimits: true });
  try {
    results.apply = [];
    for (const configured of [true, false]) {
      log(`apply, limit ${configured ? "configured" : "unknown"}`);
      results.apply.push(
        await applyScenario(sandbox, {
          creates: Number(args["apply-creates"]),
          apps,
          limitPerMinute: Number(args["apply-limit"]),
          configured,
          log,
        }),
      );
    }
  } finally {
    await sandbox.close();
  }
}

if (!skip.has("ratelimited")) {
  // minutes of real time: the sandbox's real template limit, 10 calls a minute
  const sandbox = await startSandboxProcess({ latencyMs, rateLimits: true });
  try {
    results.rateLimited = [];
    for (const configured of [true, false]) {
      log(`rate-limited app, limit ${configured ? "configured" : "learned"}`);
      results.rateLimited.push(
        await rateLimitedScenario(sandbox, { creates: Number(args["rate-creates"]), configured, log }),
      );
    }
  } finally {
    await sandbox.close();
  }
}

if (!skip.has("validate")) {
  log("validate");
  results.validate = await validateScenario({ templates: Math.max(...sizes), apps, runs: repeat, log });
}
if (!skip.has("startup")) {
  log("start-up");
  results.startup = await startupScenario({ runs: Number(args["startup-runs"]), log });
}

results.machine.loadAfter = os.loadavg();
results.targets = evaluateTargets(results);
const markdown = renderMarkdown(results);
mkdirSync(args.out, { recursive: true });
const stamp = results.settings.startedAt.replace(/[:.]/g, "-");
for (const name of [`bench-${stamp}`, "latest"]) {
  writeFileSync(join(args.out, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(args.out, `${name}.md`), markdown);
}
process.stdout.write(markdown);
log(`results: ${join(args.out, "latest.json")}`);
