// The end-to-end fixture, one per test: its own Partner API sandbox in this process (on real time
// plus an offset, so the CLI's clock and the sandbox's agree), its own temporary directory for
// templates.yaml and friends (the CLI's cwd), and the CLI run against both. Nothing is shared
// between tests, so a file's tests run concurrently:
//
//   beforeAll(prepareCli, BUILD_TIMEOUT_MS);
//   describe.concurrent("…", () => {
//     test("…", async ({ e2e }) => {
//       e2e.write("templates.yaml", { templates: [textTemplate("hello")] });
//       const r = await e2e.run(["apply", "--auto-approve"]);
//     });
//   });

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base } from "vitest";
import { stringify } from "yaml";
import type { AppConfig } from "../../src/model/app.js";
import type { RemoteTemplate } from "../../src/model/template.js";
import { createGupshupProvider, type GupshupProvider } from "../../src/providers/gupshup/index.js";
import { createOffsetClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import type { StoredTemplate } from "../../src/sandbox/state.js";
import { type CliResult, type RunningCli, startWaform, waform } from "./cli.js";

export { prepareCli } from "./cli.js";
/** The first file to call prepareCli compiles src/ (seconds, more on a busy machine). */
export const BUILD_TIMEOUT_MS = 180_000;

export const SHOP = {
  appId: "a41b30f4-d202-4fdb-911e-3a8fbfbfb797",
  appName: "shopapp",
  source: "+918929874278",
} as const;
export const CARE = {
  appId: "6f1d2c8e-3b7a-4e0f-9c51-2d84a7b9e310",
  appName: "carepharmacy",
  source: "+918929874279",
} as const;

/** A templates.yaml, as plain data: `apps` and `templates` as the user would write them. */
export interface DeclarationDoc {
  apps?: Record<string, Record<string, unknown>>;
  defaults?: Record<string, unknown>;
  templates: Record<string, unknown>[];
}

export function yamlOf(doc: DeclarationDoc): string {
  return stringify({
    version: 1,
    apps: doc.apps ?? { shop: { ...SHOP } },
    defaults: { language: "en_US", category: "MARKETING", vertical: "promotions", ...doc.defaults },
    templates: doc.templates,
  });
}

/** An app as the provider needs it to act on the remote out of band (as a colleague would). */
export function appConfig(alias: string, app: { appId: string; appName: string; source: string }): AppConfig {
  return { alias, ...app, prune: false };
}

export interface RunOpts {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** On a terminal, typing `input` (see cli.ts). */
  tty?: { input: string; when?: string };
}

export interface E2E {
  readonly sandbox: RunningSandbox;
  /** This test's working directory (the CLI's cwd). */
  readonly dir: string;
  /** Writes a file in `dir` (a declaration or raw text) and returns its path. */
  write(file: string, content: DeclarationDoc | string): string;
  /** Environment pointing the CLI's Partner API and every send channel at the sandbox. */
  cliEnv(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  run(args: string[], opts?: RunOpts): Promise<CliResult>;
  /** Starts the CLI without waiting for it (to interrupt it). */
  start(args: string[], opts?: RunOpts): RunningCli;
  /** The sandbox's templates of one app, straight from its state. */
  stored(appId?: string): StoredTemplate[];
  /** A provider on the sandbox, for changes made outside waform. */
  provider(): GupshupProvider;
  /** The remote as waform's provider reads it. */
  remote(app?: AppConfig): Promise<RemoteTemplate[]>;
  /**
   * Moves time forward by `ms` for the sandbox and for every CLI run after this call (through
   * test/helpers/clock-shift.mjs), so a 24 h quota can pass in a test.
   */
  advanceClock(ms: number): void;
  /** What the sandbox and the CLI take for now (epoch ms). */
  now(): number;
}

const CLOCK_SHIFT = join(import.meta.dirname, "..", "helpers", "clock-shift.mjs");

async function openE2E(use: (e2e: E2E) => Promise<void>): Promise<void> {
  const clock = createOffsetClock();
  // approval on the first poll and no rate limits unless a test asks otherwise: the suite stays fast.
  // The sandbox clock moves only with advanceClock, which moves the CLI's with it: a skew between
  // the two would read as edits.
  // strict: a request with a form field the Partner API does not document is refused, so every
  // e2e test also proves that waform sends only documented fields
  const sandbox = await startSandbox({ clock, approvalDelayMs: 0, rateLimits: false, strict: true });
  const dir = mkdtempSync(join(tmpdir(), "waform-e2e-"));
  const providers: GupshupProvider[] = [];
  let shiftMs = 0;
  const shifted = () =>
    shiftMs === 0
      ? {}
      : { NODE_OPTIONS: `--import ${CLOCK_SHIFT}`, WAFORM_TEST_CLOCK_SHIFT_MS: String(shiftMs) };
  const cliEnv = (extra: Record<string, string | undefined> = {}) => ({
    GUPSHUP_BASE_URL: sandbox.url,
    GUPSHUP_PARTNER_TOKEN: "any",
    GUPSHUP_API_BASE_URL: sandbox.url,
    GUPSHUP_API_KEY: "e2e-gupshup-api-key",
    KALEYRA_BASE_URL: sandbox.url,
    KALEYRA_API_KEY: "e2e-kaleyra-api-key",
    KALEYRA_SID: "HXIN1234",
    // `--sandbox` runs keep their state here, never in the repository's .waform/
    WAFORM_SANDBOX_STATE: join(dir, ".waform", "sandbox.json"),
    ...shifted(),
    ...extra,
  });
  const runOpts = (opts: RunOpts) => ({
    cwd: dir,
    env: cliEnv(opts.env),
    ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
    ...(opts.tty && { tty: opts.tty }),
  });
  const provider = () => {
    const p = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "any" },
      clock,
    });
    providers.push(p);
    return p;
  };
  try {
    await use({
      sandbox,
      dir,
      write(file, content) {
        const path = join(dir, file);
        writeFileSync(path, typeof content === "string" ? content : yamlOf(content));
        return path;
      },
      cliEnv,
      run: (args, opts = {}) => waform(args, runOpts(opts)),
      start: (args, opts = {}) => startWaform(args, runOpts(opts)),
      stored: (appId = SHOP.appId) => sandbox.state().templates.filter((t) => t.appId === appId),
      provider,
      remote: async (app = appConfig("shop", SHOP)) => (await provider().listTemplates(app)).templates,
      advanceClock(ms) {
        clock.advance(ms);
        shiftMs += ms;
      },
      now: () => clock.now(),
    });
  } finally {
    await Promise.all(providers.map((p) => p.close()));
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const test = base.extend<{ e2e: E2E }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixture's dependencies from this pattern
  e2e: async ({}, use) => openE2E(use),
});
