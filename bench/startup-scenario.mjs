// Start-up: `waform --version` against a bare `node -e 0`, and `waform validate` on the largest
// declaration, each as a whole process (median of several runs, interleaved so that a noisy
// neighbour hurts both sides alike).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDeclaration } from "./generate.mjs";
import { expectExit, median, runNode } from "./measure.mjs";

const BIN = fileURLToPath(new URL("../bin/waform.js", import.meta.url));

export async function startupScenario({ runs = 15, log = () => {} }) {
  log(`  --version and node -e 0, ${runs} runs each…`);
  const node = [];
  const version = [];
  for (let i = 0; i < runs; i++) {
    node.push((await runNode(["-e", "0"], { probe: false })).wallMs);
    version.push(expectExit(await runNode([BIN, "--version"], { probe: false }), "waform --version").wallMs);
  }
  return {
    runs,
    nodeMs: median(node),
    versionMs: median(version),
    nodeRunsMs: node.map(Math.round),
    versionRunsMs: version.map(Math.round),
  };
}

export async function validateScenario({ templates, apps, runs = 3, log = () => {} }) {
  const dir = mkdtempSync(join(tmpdir(), "waform-bench-validate-"));
  try {
    const file = join(dir, "templates.yaml");
    writeFileSync(file, generateDeclaration({ templates, apps }));
    const results = [];
    for (let i = 0; i < runs; i++) {
      log(`  validate ${templates} templates, run ${i + 1}/${runs}…`);
      results.push(
        expectExit(
          await runNode([BIN, "validate", "-f", file], { cwd: dir, env: { NO_COLOR: "1" } }),
          "waform validate",
        ),
      );
    }
    return {
      templates,
      runs,
      wallMs: median(results.map((r) => r.wallMs)),
      wallRunsMs: results.map((r) => Math.round(r.wallMs)),
      rssKb: Math.max(...results.map((r) => r.rssKb ?? 0)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
