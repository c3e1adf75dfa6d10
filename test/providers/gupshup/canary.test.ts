// Plants distinctive credentials, drives the client through every failure path — including a
// server that echoes request headers into its error bodies — and searches everything the client
// produced (error messages, stacks, properties, log lines) for them.

import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import type { GupshupProvider } from "../../../src/providers/gupshup/index.js";
import { testApp, useSandbox } from "../../helpers/sandbox.js";
import { catalogContent, key } from "./content.js";

const PARTNER_CANARY = "CANARY-partner-7f3a9c1e5b";
const APP_CANARY = "sk_CANARYapp0000deadbeef42";
const SECRET_CANARY = "CANARY-secret-42b7e01c";
const UNIVERSAL_CANARY = "CANARY-universal-99aa11";

const fx = useSandbox({ rateLimits: false, approvalDelayMs: 1000, faults: { echoHeaders: true } });
const app = testApp();

describe("no token ever appears in what the client reports", () => {
  it("across every error path, with a server that echoes headers", async () => {
    const produced: string[] = [];
    const issued: string[] = [];
    const record = (err: unknown) => {
      expect(err).toBeInstanceOf(RemoteError);
      const e = err as RemoteError;
      produced.push(e.message, String(e.stack), inspect(e, { depth: 5 }), JSON.stringify(e));
    };
    const attempt = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (err) {
        record(err);
        return;
      }
      throw new Error("expected a failure");
    };
    const withLog = (env: Record<string, string | undefined>, timeouts = {}): GupshupProvider =>
      fx.provider({ env: fx.env(env), log: (line) => produced.push(line), timeouts });

    // 1. a given app token the server rejects (401, echoed)
    await attempt(() => withLog({ GUPSHUP_APP_TOKEN_SHOP: APP_CANARY }).listTemplates(app));

    // 2. a partner token the server rejects while fetching the app token (401, echoed)
    fx.sandbox.configure({ acceptAnyPartnerToken: false });
    await attempt(() => withLog({ GUPSHUP_PARTNER_TOKEN: PARTNER_CANARY }).listTemplates(app));
    fx.sandbox.configure({ acceptAnyPartnerToken: true });

    // 3. every other failure, with a canary partner token and the app token it obtains
    const provider = withLog({ GUPSHUP_PARTNER_TOKEN: PARTNER_CANARY });
    await provider.listTemplates(app);
    issued.push(fx.sandbox.state().apps[app.appId]!.appToken);
    // the same, impatient, used only while every answer is held: its calls (its token call too)
    // meet the timeout, whatever the machine's speed
    const impatient = withLog({ GUPSHUP_PARTNER_TOKEN: PARTNER_CANARY }, { headersMs: 100 });
    const created = await provider.createTemplate(app, key("dup"), catalogContent());
    await attempt(() => provider.createTemplate(app, key("dup"), catalogContent())); // conflict
    await attempt(() => provider.createTemplate(app, key("Bad Name"), catalogContent())); // invalid
    await attempt(() => provider.updateTemplate(app, { ...created, id: "missing" }, catalogContent())); // not_found
    await attempt(() => provider.deleteTemplate(app, { ...created, name: "other" })); // not_found (403)
    await attempt(() => provider.updateTemplate(app, created, catalogContent())); // invalid: PENDING
    const send = new URLSearchParams({ source: "1", destination: "2", "src.name": "x", template: "{}" });
    await attempt(() => provider.sendTemplate(app, send)); // invalid
    for (const [faults, client] of [
      [{ errorRate: 1 }, provider],
      [{ rateLimitRate: 1 }, provider],
      [{ resetRate: 1 }, provider],
      [{ lostResponseRate: 1 }, provider],
      [{ latencyMs: 600_000 }, impatient],
    ] as const) {
      fx.sandbox.setFaults({ ...faults, echoHeaders: true });
      await attempt(() => client.listTemplates(app));
      await attempt(() => client.createTemplate(app, key(`f${produced.length}`), catalogContent()));
    }
    fx.sandbox.setFaults({ echoHeaders: true });
    fx.sandbox.revokeTokens(); // 401 → refresh → works: the refresh path is exercised too
    await provider.listTemplates(app);

    // 4. a failing login (5xx, echoed) with a canary secret
    fx.sandbox.setFaults({ errorRate: 1, echoHeaders: true, match: "login" });
    await attempt(() =>
      withLog({
        GUPSHUP_PARTNER_TOKEN: undefined,
        GUPSHUP_EMAIL: "me@x.io",
        GUPSHUP_SECRET: SECRET_CANARY,
      }).listTemplates(app),
    );

    // 5. universal mode: a rejected mint (echoed)
    fx.sandbox.setFaults({ echoHeaders: true });
    fx.sandbox.configure({ acceptAnyPartnerToken: false });
    await attempt(() => withLog({ GUPSHUP_UNIVERSAL_TOKEN: UNIVERSAL_CANARY }).listTemplates(app));

    const all = produced.join("\n");
    // the echo really happened: the sandbox put request headers into error bodies
    expect(all).toContain("request headers");
    expect(all).toContain("***");
    for (const secret of [PARTNER_CANARY, APP_CANARY, SECRET_CANARY, UNIVERSAL_CANARY, ...issued]) {
      expect(all).not.toContain(secret);
    }
    expect(produced.length).toBeGreaterThan(40);
  });
});
