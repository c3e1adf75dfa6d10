import { afterEach, describe, expect, it } from "vitest";
import { RemoteError, UserError } from "../../../src/model/errors.js";
import { appTokenEnvName, createGupshupProvider } from "../../../src/providers/gupshup/index.js";
import { testApp, useSandbox } from "../../helpers/sandbox.js";
import { catalogContent, key } from "./content.js";
import { startFake } from "./fake-server.js";

const fx = useSandbox({ rateLimits: false });
const app = testApp();
const tokenPath = `GET /partner/app/${app.appId}/token`;
const listPath = `GET /partner/app/${app.appId}/templates`;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

describe("legacy authentication", () => {
  it("logs in with GUPSHUP_EMAIL and GUPSHUP_SECRET, once for every app, and again after 22 h", async () => {
    fx.sandbox.configure({ acceptAnyPartnerToken: false });
    const provider = fx.provider({
      env: fx.env({
        GUPSHUP_PARTNER_TOKEN: undefined,
        GUPSHUP_EMAIL: "me@shop.io",
        GUPSHUP_SECRET: "s3cret-value",
      }),
    });
    await provider.listTemplates(app);
    await provider.listTemplates(testApp({ alias: "b", appId: "app-b" }));
    expect(fx.sandbox.stats().byPath["POST /partner/account/login"]).toBe(1);
    fx.clock.advance(22 * 3_600_000);
    await provider.listTemplates(testApp({ alias: "c", appId: "app-c" }));
    expect(fx.sandbox.stats().byPath["POST /partner/account/login"]).toBe(2);
  });

  it("sends the client secret as both `secret` and `password`, and the partner token raw", async () => {
    const fake = await startFake((req) =>
      req.path.startsWith("/partner/account/login")
        ? { status: 200, body: '{"token":"partner-jwt"}' }
        : req.path.endsWith("/token")
          ? { status: 200, body: '{"status":"success","token":{"token":"sk_app"}}' }
          : { status: 200, body: '{"status":"success","templates":[]}' },
    );
    cleanup.push(fake.close);
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: fake.url, GUPSHUP_EMAIL: "me@shop.io", GUPSHUP_SECRET: "s3cret-value" },
    });
    cleanup.push(() => provider.close());
    await provider.listTemplates(app);
    const [login, token, list] = fake.requests;
    expect(Object.fromEntries(new URLSearchParams(login!.body))).toEqual({
      email: "me@shop.io",
      secret: "s3cret-value",
      password: "s3cret-value",
    });
    expect(token!.headers["authorization"]).toBe("partner-jwt");
    expect([list!.headers["authorization"], list!.headers["token"]]).toEqual(["sk_app", "sk_app"]);
  });

  it("sends /v3/message with the app token in Authorization only (its page documents no `token` header), /template/msg with both", async () => {
    const fake = await startFake((req) =>
      req.path.endsWith("/v3/message")
        ? { status: 200, body: '{"messaging_product":"whatsapp","messages":[{"id":"wamid.1"}]}' }
        : { status: 200, body: '{"status":"submitted","messageId":"m-1"}' },
    );
    cleanup.push(fake.close);
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: fake.url, GUPSHUP_APP_TOKEN_SHOP: "sk_app" },
    });
    cleanup.push(() => provider.close());
    await provider.sendMetaMessage(app, { messaging_product: "whatsapp" });
    await provider.sendTemplate(app, new URLSearchParams({ source: "1" }));
    const [v3, msg] = fake.requests;
    expect(v3!.path).toBe(`/partner/app/${app.appId}/v3/message`);
    expect(v3!.headers["authorization"]).toBe("sk_app");
    expect(v3!.headers["token"]).toBeUndefined();
    expect(v3!.headers["content-type"]).toBe("application/json");
    expect([msg!.headers["authorization"], msg!.headers["token"]]).toEqual(["sk_app", "sk_app"]);
    expect(msg!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("uses GUPSHUP_APP_TOKEN_<ALIAS> when given, without fetching one", async () => {
    const alias = "my-shop.eu";
    expect(appTokenEnvName(alias)).toBe("GUPSHUP_APP_TOKEN_MY_SHOP_EU");
    await fx.provider().listTemplates(app);
    const real = fx.sandbox.state().apps[app.appId]!.appToken;
    fx.sandbox.resetStats();
    const provider = fx.provider({
      env: fx.env({ GUPSHUP_PARTNER_TOKEN: undefined, GUPSHUP_APP_TOKEN_MY_SHOP_EU: real }),
    });
    expect((await provider.listTemplates(testApp({ alias }))).templates).toEqual([]);
    expect(fx.sandbox.stats().byPath[tokenPath]).toBeUndefined();
  });

  it("fails with a clear auth error, without retrying, when a given app token is rejected", async () => {
    const provider = fx.provider({ env: fx.env({ GUPSHUP_APP_TOKEN_SHOP: "sk_not_issued_here" }) });
    const err = await provider.listTemplates(app).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ kind: "auth", status: 401 });
    expect((err as Error).message).toContain("GUPSHUP_APP_TOKEN_SHOP was rejected");
    expect(fx.sandbox.stats().byPath[listPath]).toBe(1);
  });

  it("refreshes a revoked app token once, logging in again if the partner token was revoked too", async () => {
    fx.sandbox.configure({ acceptAnyPartnerToken: false });
    const provider = fx.provider({
      env: fx.env({ GUPSHUP_PARTNER_TOKEN: undefined, GUPSHUP_EMAIL: "me@shop.io", GUPSHUP_SECRET: "s" }),
    });
    await provider.createTemplate(app, key("t"), catalogContent());
    fx.sandbox.revokeTokens();
    expect((await provider.listTemplates(app)).templates).toHaveLength(1);
    const stats = fx.sandbox.stats();
    // list: one 401, then one page; token: first fetch, one refused with the revoked partner token, one after login
    expect([
      stats.byPath["POST /partner/account/login"],
      stats.byPath[tokenPath],
      stats.byPath[listPath],
    ]).toEqual([2, 3, 2]);
  });

  it("logs in again once, not once per app, when every app's tokens are revoked at the same time", async () => {
    fx.sandbox.configure({ acceptAnyPartnerToken: false });
    const provider = fx.provider({
      env: fx.env({ GUPSHUP_PARTNER_TOKEN: undefined, GUPSHUP_EMAIL: "me@shop.io", GUPSHUP_SECRET: "s" }),
    });
    const apps = ["a", "b", "c", "d"].map((alias) => testApp({ alias, appId: `app-${alias}` }));
    await Promise.all(apps.map((a) => provider.listTemplates(a)));
    fx.sandbox.revokeTokens();
    await Promise.all(apps.map((a) => provider.listTemplates(a)));
    // the whole account may log in 10 times a minute: one 401 seen by four apps is one login
    expect(fx.sandbox.stats().byPath["POST /partner/account/login"]).toBe(2);
  });

  it("gives up with an auth error when the refreshed token is rejected too", async () => {
    const fake = await startFake((req) =>
      req.path.endsWith("/token")
        ? { status: 200, body: '{"status":"success","token":{"token":"sk_app"}}' }
        : { status: 401, body: '{"message":"Authentication Failed","status":"error"}' },
    );
    cleanup.push(fake.close);
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: fake.url, GUPSHUP_PARTNER_TOKEN: "p-token" },
    });
    cleanup.push(() => provider.close());
    const err = await provider.listTemplates(app).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "auth", status: 401 });
    expect((err as Error).message).toMatch(/^Authentication Failed .*still rejected after refreshing/);
    expect(fake.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      `GET /partner/app/${app.appId}/token`,
      `GET /partner/app/${app.appId}/templates`,
      `GET /partner/app/${app.appId}/token`,
      `GET /partner/app/${app.appId}/templates`,
    ]);
  });

  it("reports a rejected partner token as an auth error naming the variable", async () => {
    fx.sandbox.configure({ acceptAnyPartnerToken: false });
    const err = await fx
      .provider()
      .listTemplates(app)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "auth", status: 401 });
    expect((err as Error).message).toMatch(
      /^fetching the app token of app 'shop' with GUPSHUP_PARTNER_TOKEN failed: Authentication Failed/,
    );
  });

  it("asks for credentials when there are none", async () => {
    const provider = fx.provider({ env: { GUPSHUP_BASE_URL: fx.url } });
    const err = await provider.listTemplates(app).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).hint).toContain("GUPSHUP_APP_TOKEN_SHOP");
  });
});

describe("universal authentication", () => {
  const universalEnv = () =>
    fx.env({ GUPSHUP_PARTNER_TOKEN: undefined, GUPSHUP_UNIVERSAL_TOKEN: "ut-jwt-value" });

  it("mints one UAT per app with Bearer <UT> and uses it on app calls", async () => {
    const provider = fx.provider({ env: universalEnv() });
    expect(provider.authMode).toBe("universal");
    await provider.listTemplates(app);
    await provider.listTemplates(app);
    const stats = fx.sandbox.stats();
    expect([stats.byPath[`POST /partner/app/${app.appId}/token`], stats.byPath[tokenPath]]).toEqual([
      1,
      undefined,
    ]);
    const [uat] = fx.sandbox.state().apps[app.appId]!.uats;
    // the shortest lifetime the API accepts (1 h), plus 2 minutes for clock skew
    expect(uat!.expiresAt).toBe(fx.clock.now() + 62 * 60_000);
    expect(uat!.name).toMatch(/^waform-/);
  });

  it("revokes the UATs it minted when closed, so a run leaves no token active", async () => {
    const provider = fx.provider({ env: universalEnv() });
    const other = testApp({ alias: "b", appId: "app-b" });
    await Promise.all([
      provider.listTemplates(app),
      provider.listTemplates(other),
      provider.listTemplates(app),
    ]);
    expect(fx.sandbox.stats().activeAppTokens).toEqual({ [app.appId]: 1, "app-b": 1 });
    await provider.close();
    expect(fx.sandbox.stats().activeAppTokens).toEqual({});
    expect(fx.sandbox.stats().byPath[`POST /partner/app/${app.appId}/token/revoke`]).toBe(1);
  });

  it("replaces a UAT near its expiry or after a 401, revoking the old one first: never two at once", async () => {
    const events: string[] = [];
    const provider = fx.provider({
      env: universalEnv(),
      emit: (e) => e.type === "note" && events.push(e.message),
    });
    await provider.listTemplates(app);
    fx.clock.advance(62 * 60_000 - 5 * 60_000);
    await provider.listTemplates(app);
    expect(fx.sandbox.stats().activeAppTokens).toEqual({ [app.appId]: 1 });
    fx.sandbox.revokeTokens();
    await provider.listTemplates(app);
    expect(fx.sandbox.stats().byPath[`POST /partner/app/${app.appId}/token`]).toBe(3);
    await provider.close();
    expect(fx.sandbox.stats().activeAppTokens).toEqual({});
    // the token revoked behind our back could not be revoked again: a warning, not an error
    expect(events).toEqual([
      expect.stringMatching(/^warning: could not revoke app token waform-.* expires by itself at /),
    ]);
  });

  it("when the app already has 3 active UATs, fails with an error that names the fix", async () => {
    // three UATs minted by someone else (another pipeline, a killed run)
    for (const name of ["x", "y", "z"]) {
      const res = await fetch(`${fx.url}/partner/app/${app.appId}/token`, {
        method: "POST",
        headers: {
          authorization: "Bearer someone-else",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ name }).toString(),
      });
      expect(res.status).toBe(200);
    }
    const provider = fx.provider({ env: universalEnv() });
    const err = await provider.listTemplates(app).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(
      "app 'shop' already has the 3 active app tokens (UATs) the Partner API allows, so waform cannot mint one for this run",
    );
    expect((err as UserError).hint).toMatch(/token\/revoke-all.*GUPSHUP_APP_TOKEN_SHOP/);
  });

  it("sends the UAT mint form and headers the reference documents", async () => {
    const fake = await startFake((req) =>
      req.method === "POST"
        ? { status: 200, body: '{"status":"success","token":"uat-jwt"}' }
        : { status: 200, body: '{"status":"success","templates":[]}' },
    );
    cleanup.push(fake.close);
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: fake.url, GUPSHUP_UNIVERSAL_TOKEN: "ut-jwt" },
    });
    cleanup.push(() => provider.close());
    await provider.listTemplates(app);
    const [mint, list] = fake.requests;
    expect(mint!.headers["authorization"]).toBe("Bearer ut-jwt");
    expect([...new URLSearchParams(mint!.body).keys()]).toEqual(["name", "expiry"]);
    expect(list!.headers["authorization"]).toBe("Bearer uat-jwt");
  });
});

describe("base URL", () => {
  it("refuses plain http to a non-loopback host before any request", () => {
    expect(() => createGupshupProvider({ env: { GUPSHUP_BASE_URL: "http://partner.gupshup.io" } })).toThrow(
      UserError,
    );
  });
});
