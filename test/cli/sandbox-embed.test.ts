import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createProvider } from "../../src/cli/provider-factory.js";
import { startEmbeddedSandbox } from "../../src/cli/sandbox-embed.js";
import { UserError } from "../../src/model/errors.js";
import { testApp } from "../helpers/sandbox.js";

const app = testApp();
const catalog = {
  category: "MARKETING" as const,
  kind: "catalog" as const,
  vertical: "shop",
  body: "Browse our catalog.",
  bodyExamples: [],
  buttons: [{ type: "catalog" as const, text: "View catalog" }],
  allowCategoryChange: false,
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("embedded sandbox (--sandbox)", () => {
  it("keeps the remote in its state file, so the next run sees what the previous one created", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "waform-embed-")), ".waform", "sandbox.json");
    const first = await startEmbeddedSandbox({ stateFile, approvalDelayMs: 0 });
    const p1 = createProvider({ env: { ...process.env, ...first.env }, sandbox: first });
    await p1.createTemplate(app, { app: "shop", name: "kept", language: "en" }, catalog);
    await p1.close();
    await first.close();

    const second = await startEmbeddedSandbox({ stateFile, approvalDelayMs: 0 });
    const p2 = createProvider({ env: { ...process.env, ...second.env }, sandbox: second });
    expect((await p2.listTemplates(app)).templates.map((t) => [t.name, t.status])).toEqual([
      ["kept", "APPROVED"],
    ]);
    await p2.close();
    await second.close();
  });

  it("serves on loopback and never lets real credentials through", async () => {
    vi.stubEnv("GUPSHUP_APP_TOKEN_SHOP", "sk_real_production_token");
    vi.stubEnv("GUPSHUP_UNIVERSAL_TOKEN", "real-universal-token");
    const stateFile = join(mkdtempSync(join(tmpdir(), "waform-embed-")), "s.json");
    const sandbox = await startEmbeddedSandbox({ stateFile });
    try {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.env).toMatchObject({
        GUPSHUP_BASE_URL: sandbox.baseUrl,
        GUPSHUP_APP_TOKEN_SHOP: "",
        GUPSHUP_UNIVERSAL_TOKEN: "",
        KALEYRA_BASE_URL: sandbox.baseUrl,
        GUPSHUP_API_BASE_URL: sandbox.baseUrl,
      });
      // the factory drops real Gupshup credentials even if the caller merged the env the other way round
      const provider = createProvider({ env: { ...sandbox.env, ...process.env }, sandbox });
      expect(provider.authMode).toBe("legacy");
      // the sandbox accepts only the tokens it issued: the real one would have been refused (401)
      expect((await provider.listTemplates(app)).templates).toEqual([]);
      await provider.close();
    } finally {
      await sandbox.close();
    }
  });

  it("reads the approval delay from WAFORM_SANDBOX_APPROVAL_DELAY, refusing a non-duration", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "waform-embed-")), "s.json");
    vi.stubEnv("WAFORM_SANDBOX_APPROVAL_DELAY", "1h");
    const slow = await startEmbeddedSandbox({ stateFile });
    const provider = createProvider({ env: process.env, sandbox: slow });
    await provider.createTemplate(app, { app: "shop", name: "waits", language: "en" }, catalog);
    expect((await provider.listTemplates(app)).templates[0]?.status).toBe("PENDING");
    await provider.close();
    await slow.close();
    vi.stubEnv("WAFORM_SANDBOX_APPROVAL_DELAY", "soon");
    await expect(startEmbeddedSandbox({ stateFile })).rejects.toBeInstanceOf(UserError);
  });
});

describe("provider factory", () => {
  it("builds the real Gupshup provider from the environment", async () => {
    const provider = createProvider({ env: { GUPSHUP_PARTNER_TOKEN: "p" } });
    expect(provider.authMode).toBe("legacy");
    await provider.close();
    const universal = createProvider({ env: { GUPSHUP_UNIVERSAL_TOKEN: "u" } });
    expect(universal.authMode).toBe("universal");
    await universal.close();
  });
});
