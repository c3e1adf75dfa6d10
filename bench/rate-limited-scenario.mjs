// One app at the Partner API's real template limit, 10 calls a minute (issue 12 item 2): 12 creates
// with verify (`waform apply --auto-approve`, plan + creates + approval polls in one process),
// against the sandbox process with its documented limits and a short review. Run once with
// `rateLimit: { perMinute: 10 }` in the YAML and once with waform left to learn the limit. The
// bound is what the template calls the run made imply at 10 a minute: (⌈calls / 10⌉ − 1) minutes,
// the whole process against it. Takes about two minutes per mode: `npm run bench` only.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectExit, runNode } from "./measure.mjs";

const BIN = fileURLToPath(new URL("../bin/waform.js", import.meta.url));
const MINUTE = 60_000;
const LIMIT = 10;
const APP_ID = "bench-rate-0000-4000-8000-000000000000";

function declaration(creates, configured) {
  const templates = Array.from({ length: creates }, (_, i) =>
    [
      `  - name: rate_offer_${String(i).padStart(2, "0")}`,
      `    body: "Hi {{1}}, offer ${i} of this week is waiting for you."`,
      '    examples: { body: ["Asha"] }',
    ].join("\n"),
  );
  return [
    "version: 1",
    "apps:",
    "  shop:",
    `    appId: ${APP_ID}`,
    "    appName: shopapp",
    '    source: "+918929874278"',
    "    prune: false",
    ...(configured ? [`    rateLimit: { perMinute: ${LIMIT} }`] : []),
    "defaults: { language: en_US, category: MARKETING, vertical: offers }",
    "templates:",
    ...templates,
    "",
  ].join("\n");
}

export async function rateLimitedScenario(sandbox, { creates = 12, configured, log = () => {} }) {
  const dir = mkdtempSync(join(tmpdir(), "waform-bench-rate-"));
  try {
    // an empty remote and fresh rate windows; the documented limits (templates 10 / min / app),
    // no Retry-After (none is documented), a review of 2 s
    await sandbox.reset();
    await sandbox.configure({
      rateLimits: { templates: { limit: LIMIT, windowMs: MINUTE } },
      approvalDelayMs: 2_000,
    });
    const file = join(dir, "templates.yaml");
    writeFileSync(file, declaration(creates, configured));
    log(`  ${creates} creates with verify at ${LIMIT}/min, limit ${configured ? "configured" : "learned"}…`);
    await sandbox.resetStats();
    const run = expectExit(
      await runNode([BIN, "apply", "--auto-approve", "--format", "json", "-f", file], {
        env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "bench", NO_COLOR: "1" },
        cwd: dir,
        keepStdout: true,
      }),
      "waform apply",
    );
    const stats = await sandbox.stats();
    const result = JSON.parse(run.stdout);
    const templateCalls = stats.byBucket.templates ?? 0;
    const boundMs = (Math.ceil(templateCalls / LIMIT) - 1) * MINUTE;
    return {
      mode: configured ? "configured" : "learned",
      creates,
      limitPerMinute: LIMIT,
      templateCalls,
      requests: stats.total,
      rateLimited: stats.rateLimited,
      boundMs,
      wallMs: run.wallMs,
      created: result.summary.created,
      approved: result.verify?.summary?.approved ?? 0,
      waitLines: run.stderr.split("\n").filter((l) => l.startsWith("rate limit:")).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
