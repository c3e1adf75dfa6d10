// Apply throughput at the rate limit: N creates over the apps of a declaration, against the
// sandbox process with its template limit set to `limitPerMinute` per app. Compared with the
// bound a rate limit sets on the template calls of each app ((⌈calls / limit⌉ − 1) minutes), and
// counted in 429 answers; run once with the limit written in the YAML (`rateLimit.perMinute`) and
// once with waform left to learn it.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDeclaration } from "./generate.mjs";
import { expectExit, runNode } from "./measure.mjs";

const BIN = fileURLToPath(new URL("../bin/waform.js", import.meta.url));
const MINUTE = 60_000;

export async function applyScenario(sandbox, { creates, apps, limitPerMinute, configured, log = () => {} }) {
  const dir = mkdtempSync(join(tmpdir(), "waform-bench-apply-"));
  try {
    await sandbox.reset();
    // the documented limits for everything else; only the template budget is raised
    await sandbox.configure({
      rateLimits: { templates: { limit: limitPerMinute, windowMs: MINUTE } },
      retryAfterHeader: true,
    });
    const file = join(dir, "templates.yaml");
    writeFileSync(
      file,
      generateDeclaration({
        templates: creates,
        apps,
        ...(configured ? { rateLimitPerMinute: limitPerMinute } : {}),
      }),
    );
    log(`  apply ${creates} creates, limit ${configured ? "configured" : "unknown"}…`);
    await sandbox.resetStats();
    const run = expectExit(
      await runNode([BIN, "apply", "--auto-approve", "--no-verify", "--format", "json", "-f", file], {
        env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "bench", NO_COLOR: "1" },
        cwd: dir,
        keepStdout: true,
      }),
      "waform apply",
    );
    const stats = await sandbox.stats();
    const result = JSON.parse(run.stdout);
    const state = await sandbox.state();
    const keys = state.templates.map((t) => `${t.appId}/${t.elementName}/${t.languageCode}`);
    const applyMs = Date.parse(result.finished_at) - Date.parse(result.started_at);
    const templateCalls = stats.byBucket.templates ?? 0;
    const boundMs = (Math.ceil(templateCalls / apps / limitPerMinute) - 1) * MINUTE;
    return {
      mode: configured ? "configured" : "unknown",
      creates,
      apps,
      limitPerMinute,
      boundMs,
      applyMs,
      wallMs: run.wallMs,
      rssKb: run.rssKb,
      requests: stats.total,
      templateCalls,
      rateLimited: stats.rateLimited,
      created: result.summary.created,
      failed: result.summary.failed,
      remoteTemplates: keys.length,
      duplicates: keys.length - new Set(keys).size,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
