// A sandbox per test file, on a virtual clock. Reusable by any test that needs a Partner API:
//
//   const fx = useSandbox();                  // started before the file, closed after it
//   it("…", async () => {
//     const provider = fx.provider();         // a Gupshup provider pointed at it (closed after the test)
//     await provider.createTemplate(testApp(), key, content);
//     fx.clock.advance(fx.sandbox.config().approvalDelayMs);
//   });
//
// By default every test starts from an empty sandbox with faults off and the settings given here.

import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { AppConfig } from "../../src/model/app.js";
import {
  createGupshupProvider,
  type GupshupProvider,
  type GupshupProviderOptions,
} from "../../src/providers/gupshup/index.js";
import {
  createVirtualClock,
  type RunningSandbox,
  type SandboxClock,
  type SandboxOptions,
  startSandbox,
} from "../../src/sandbox/index.js";

/** Where every test sandbox's virtual clock starts: 2030-01-01T00:00:00Z. */
export const SANDBOX_EPOCH = Date.UTC(2030, 0, 1);

export interface SandboxFixture {
  readonly sandbox: RunningSandbox;
  readonly clock: SandboxClock;
  readonly url: string;
  /** Environment for a client of this sandbox (base URL and a partner token), plus `extra`. */
  env(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  /** A provider pointed at this sandbox, on its clock; closed after the current test. */
  provider(opts?: Partial<GupshupProviderOptions>): GupshupProvider;
}

export interface UseSandboxOptions extends SandboxOptions {
  /** Start every test from an empty sandbox with the initial settings and no faults (default true). */
  resetEach?: boolean;
}

export function useSandbox(options: UseSandboxOptions = {}): SandboxFixture {
  const { resetEach = true, ...sandboxOptions } = options;
  let sandbox: RunningSandbox | undefined;
  let initialConfig: ReturnType<RunningSandbox["config"]> | undefined;
  const clock = sandboxOptions.clock ?? createVirtualClock(SANDBOX_EPOCH);
  const open: GupshupProvider[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ ...sandboxOptions, clock });
    initialConfig = sandbox.config();
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  if (resetEach) {
    beforeEach(() => {
      sandbox!.reset();
      sandbox!.configure(initialConfig!);
      sandbox!.setFaults(sandboxOptions.faults ?? {});
    });
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });

  const fixture: SandboxFixture = {
    get sandbox() {
      if (!sandbox) throw new Error("the sandbox is started in beforeAll: use it inside a test");
      return sandbox;
    },
    clock,
    get url() {
      return fixture.sandbox.url;
    },
    env: (extra = {}) => ({ GUPSHUP_BASE_URL: fixture.url, GUPSHUP_PARTNER_TOKEN: "any", ...extra }),
    provider(opts = {}) {
      const provider = createGupshupProvider({ env: fixture.env(), clock, ...opts });
      open.push(provider);
      return provider;
    },
  };
  return fixture;
}

/** An app as templates.yaml would declare it; the id is new to the sandbox, so it springs into being. */
export function testApp(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    alias: "shop",
    appId: "a41b30f4-d202-4fdb-911e-3a8fbfbfb797",
    appName: "shopapp",
    source: "+918929874278",
    prune: false,
    ...overrides,
  };
}
