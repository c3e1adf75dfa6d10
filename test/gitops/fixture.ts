// What the pipeline tests share: per test, a Partner API sandbox of its own in this process (real
// time, approval on the first poll, no rate limits), a fresh repository directory for a
// templates.yaml, a FakeGithub, and the environment a CI runner would give the CLI (the sandbox's URLs; the partner
// token comes from the workflow's secrets, as in real CI).

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "vitest";
import { stringify } from "yaml";
import type { AppConfig } from "../../src/model/app.js";
import { createGupshupProvider, type GupshupProvider } from "../../src/providers/gupshup/index.js";
import { createOffsetClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { cliDir } from "../e2e/build.js";
import { FakeGithub } from "./runner/fake-github.js";
import { type GithubApi, serveGithubApi } from "./runner/fake-github-api.js";
import type { ArtifactStore } from "./runner/github.js";

/** Never printed, written or posted anywhere: the tests check for it. */
export const PARTNER_TOKEN = "e2e-partner-token-9f8e7d6c5b4a";

export interface AppDoc {
  alias: string;
  appId: string;
  appName: string;
  source: string;
}

export function appDoc(i: number): AppDoc {
  const hex = i.toString(16).padStart(12, "0");
  return {
    alias: `app${i}`,
    appId: `5a1e0000-0000-4000-8000-${hex}`,
    appName: `app${i}name`,
    source: `+9189298${String(74000 + i).padStart(5, "0")}`,
  };
}

export const SHOP: AppDoc = {
  alias: "shop",
  appId: "a41b30f4-d202-4fdb-911e-3a8fbfbfb797",
  appName: "shopapp",
  source: "+918929874278",
};
export const CARE: AppDoc = {
  alias: "care",
  appId: "6f1d2c8e-3b7a-4e0f-9c51-2d84a7b9e310",
  appName: "carepharmacy",
  source: "+918929874279",
};

export function appConfig(a: AppDoc): AppConfig {
  return { ...a, prune: false };
}

export function textTemplate(
  app: string,
  name: string,
  body = "Hello {{1}}, our new collection is in store now.",
) {
  return {
    name,
    app,
    body,
    examples: { body: ["Asha"] },
    test: { destinations: ["+919999900001"], params: ["Asha"] },
  };
}

export function ltoTemplate(app: string, name: string) {
  return {
    name,
    app,
    kind: "lto",
    body: "Hi {{1}}, enjoy {{2}} off this week only!",
    examples: { body: ["Pablo", "25%"] },
    limitedOfferText: "Summer deal",
    hasExpiration: true,
    buttons: [
      { type: "copy_code", example: "SUMMER25" },
      { type: "url", text: "Shop now", url: "https://shop.example.com/s?promo={{1}}", example: "summer25" },
    ],
    test: {
      destinations: ["+919999900001"],
      params: ["Pablo", "25%"],
      couponCode: "SUMMER25",
      urlSuffix: "summer25",
      expiresIn: "14d",
    },
  };
}

export function declaration(apps: AppDoc[], templates: Record<string, unknown>[]): string {
  return `# yaml-language-server: $schema=./node_modules/waform/schemas/templates.schema.json\n${stringify({
    version: 1,
    apps: Object.fromEntries(apps.map(({ alias, ...rest }) => [alias, rest])),
    defaults: { language: "en_US", category: "MARKETING", vertical: "promotions" },
    templates,
  })}`;
}

/** One test's pipeline world: a sandbox, a repository directory, a FakeGithub and its REST API. */
export interface Pipeline {
  sandbox(): RunningSandbox;
  /** A provider pointed at the sandbox; closed with the fixture. */
  provider(): GupshupProvider;
  readonly dir: string;
  readonly github: FakeGithub;
  /** FakeGithub's REST API: its URL, and every request waform made to it. */
  readonly api: GithubApi;
  readonly artifacts: ArtifactStore;
  write(file: string, text: string): void;
  /** The environment of the runner: where the APIs are. No credential: those come from secrets. */
  env(): Record<string, string>;
  readonly secrets: Record<string, string>;
}

/** A fresh Pipeline of its own (nothing shared with another test's), and how to close it. */
export async function openPipeline(): Promise<Pipeline & { close(): Promise<void> }> {
  const clock = createOffsetClock();
  const sandbox = await startSandbox({ clock, approvalDelayMs: 0, rateLimits: false });
  const dir = mkdtempSync(join(tmpdir(), "waform-gitops-"));
  const github = new FakeGithub();
  const api = await serveGithubApi(github);
  const providers: GupshupProvider[] = [];
  // the project has waform in its devDependencies, as docs/ci.md says, laid out as `npm ci`
  // lays it out: the package (the suite's build of this repository) and its bin link
  mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(cliDir(), join(dir, "node_modules", "waform"), "dir");
  symlinkSync(join("..", "waform", "bin", "waform.js"), join(dir, "node_modules", ".bin", "waform"));
  return {
    sandbox: () => sandbox,
    provider() {
      const provider = createGupshupProvider({
        env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_PARTNER_TOKEN: "any" },
        clock,
      });
      providers.push(provider);
      return provider;
    },
    dir,
    github,
    api,
    artifacts: new Map(),
    write(file, text) {
      writeFileSync(join(dir, file), text);
    },
    env: () => ({
      GUPSHUP_BASE_URL: sandbox.url,
      GUPSHUP_API_BASE_URL: sandbox.url,
      GUPSHUP_API_KEY: "e2e-gupshup-api-key-1234",
      KALEYRA_BASE_URL: sandbox.url,
      KALEYRA_API_KEY: "e2e-kaleyra-api-key-5678",
      KALEYRA_SID: "HXIN1234",
      WAFORM_SANDBOX_STATE: join(dir, ".waform", "sandbox.json"),
    }),
    secrets: { GUPSHUP_PARTNER_TOKEN: PARTNER_TOKEN },
    async close() {
      await Promise.all(providers.map((p) => p.close()));
      await api.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * vitest's `it` with `fx`, a Pipeline of the test's own: the cases of a file that uses it can run
 * concurrently (`describe.concurrent`), each against its own sandbox and GitHub.
 */
export const pipelineTest = test.extend<{ fx: Pipeline }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  fx: async ({}, use) => {
    const fx = await openPipeline();
    try {
      await use(fx);
    } finally {
      await fx.close();
    }
  },
});
