// Fills the sandbox with the remote a plan is measured against: for a declaration of N templates,
// most exist as declared, 1 in 20 with another wording (an update), 1 in 20 not at all (a create),
// plus 1 % undeclared templates. Created through waform's own Gupshup client (dist/), so the wire
// content is exactly what an apply would have sent, with latency turned off while filling.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDeclaration } from "./generate.mjs";
import { eachLimited } from "./http-client.mjs";

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

/** Which declared templates the remote changes or lacks (the same rule for every size). */
export const REMOTE_SHAPE = {
  // runs of 7 consecutive indexes, so that every app gets its share
  differs: (i) => Math.floor(i / 7) % 20 === 3,
  missing: (i) => Math.floor(i / 7) % 20 === 11,
  /** Undeclared templates on the remote, per declared template. */
  extraShare: 0.01,
};

export function remoteDeclaration(templates, apps) {
  const extra = Math.round(templates * REMOTE_SHAPE.extraShare);
  return generateDeclaration({
    templates: templates + extra,
    apps,
    variant: (i) => (i < templates && REMOTE_SHAPE.differs(i) ? "Last season's wording." : ""),
    include: (i) => i >= templates || !REMOTE_SHAPE.missing(i),
  });
}

/** How many templates each app holds on the remote (index i belongs to app i % apps). */
export function remoteCountsPerApp(templates, apps) {
  const counts = new Array(apps).fill(0);
  const extra = Math.round(templates * REMOTE_SHAPE.extraShare);
  for (let i = 0; i < templates + extra; i++)
    if (i >= templates || !REMOTE_SHAPE.missing(i)) counts[i % apps]++;
  return counts;
}

/** Creates every template of `yamlText` on the sandbox; returns how many. */
export async function createAll(sandbox, yamlText, { concurrency = 32, env = {} } = {}) {
  const { loadDeclaration } = await import(dist("config/load.js"));
  const { createGupshupProvider } = await import(dist("providers/gupshup/index.js"));
  const dir = mkdtempSync(join(tmpdir(), "waform-bench-remote-"));
  try {
    const file = join(dir, "remote.yaml");
    writeFileSync(file, yamlText);
    const { declaration, diagnostics } = await loadDeclaration([file], { now: Date.now() });
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (errors.length)
      throw new Error(`remote declaration is invalid: ${errors[0].code} ${errors[0].message}`);
    const provider = createGupshupProvider({
      env: { GUPSHUP_PARTNER_TOKEN: "bench", ...env },
      baseUrl: sandbox.url,
    });
    const apps = new Map(declaration.apps.map((a) => [a.alias, a]));
    const faults = await sandbox.faults();
    await sandbox.setFaults({});
    try {
      await eachLimited(declaration.templates, concurrency, async (t) => {
        await provider.createTemplate(apps.get(t.app), { app: t.app, name: t.name, language: t.language }, t);
      });
    } finally {
      await sandbox.setFaults(faults);
      await provider.close();
    }
    return declaration.templates.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
