// `apply --no-verify` loads no verify module (issue 14 finding 3): the modules a run loads are
// recorded by a module hook given to the real CLI through NODE_OPTIONS.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect } from "vitest";
import { transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, type E2E, prepareCli, test } from "./fixture.js";
import { textTemplate } from "./templates.js";

beforeAll(prepareCli, BUILD_TIMEOUT_MS);

const HOOKS = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith("file:")) appendFileSync(process.env.WAFORM_LOADED, resolved.url + "\\n");
  return resolved;
}`;

/** The waform modules (paths below dist/) a run of `args` loaded. */
async function loadedBy(e2e: E2E, args: string[]): Promise<string[]> {
  const hooks = join(e2e.dir, "hooks.mjs");
  writeFileSync(hooks, HOOKS);
  const preload = join(e2e.dir, "register.mjs");
  writeFileSync(
    preload,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  const loaded = join(e2e.dir, `loaded-${args.length}.txt`);
  writeFileSync(loaded, "");
  const r = await e2e.run(args, {
    env: { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}`, WAFORM_LOADED: loaded },
  });
  expect(r.code, transcript(r)).toBe(0);
  return readFileSync(loaded, "utf8")
    .split("\n")
    .flatMap((url) => /\/dist\/(.+\.js)$/.exec(url)?.slice(1) ?? []);
}

describe.concurrent("apply loads verify only to verify", () => {
  test("--no-verify: no module of verify/ is loaded", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("welcome")] });
    const modules = await loadedBy(e2e, ["apply", "--auto-approve", "--no-verify"]);
    expect(modules).toContain("apply/apply.js");
    expect(modules.filter((m) => m.startsWith("verify/"))).toEqual([]);
  });

  test("with verification, they are", async ({ e2e }) => {
    e2e.write("templates.yaml", { templates: [textTemplate("welcome")] });
    const modules = await loadedBy(e2e, ["apply", "--auto-approve", "--channel", "gupshup-partner"]);
    expect(modules).toContain("verify/wait.js");
  });
});
