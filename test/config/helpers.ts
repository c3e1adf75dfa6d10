// Test helpers for the config layer: every case goes through the real loader, from a real file on
// disk, so what is tested is what `waform validate` does.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { type LoadResult, loadDeclaration } from "../../src/config/load.js";

/** 2030-01-01T00:00:00Z: a fixed "now" so expiry rules do not depend on the day the suite runs. */
export const NOW = Date.UTC(2030, 0, 1);

export const SHOP = {
  appId: "a41b30f4-d202-4fdb-911e-3a8fbfbfb797",
  appName: "shopapp",
  source: "+918929874278",
};

export const BASE = {
  version: 1,
  apps: { shop: SHOP },
  defaults: { language: "en_US", category: "MARKETING", vertical: "promotions" },
};

/** A temporary directory, removed by `cleanup()`. */
export function tempDir(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "waform-config-"));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
const shared = tempDir();
process.on("exit", () => shared.cleanup());

/** Loads YAML text written to a fresh file (displayed as `case.yaml` paths relative to the temp dir). */
export async function loadText(text: string, now = NOW): Promise<LoadResult> {
  const name = `case-${++counter}.yaml`;
  shared.write(name, text);
  return loadDeclaration([name], { now, cwd: shared.dir });
}

/** Loads a file made of BASE plus these templates. */
export async function loadTemplates(templates: object[], extra: object = {}, now = NOW): Promise<LoadResult> {
  return loadText(stringify({ ...BASE, ...extra, templates }), now);
}

export function codes(result: LoadResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

export function errors(result: LoadResult): string[] {
  return result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);
}
