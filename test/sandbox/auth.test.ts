import { describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, list } from "./api.js";

const fx = useSandbox();

describe("sandbox authentication", () => {
  it("works with no setup: login, app token, list on a fresh sandbox and an unknown app", async () => {
    const login = await call(fx.url, "POST", "/partner/account/login", {
      form: { email: "me@x.io", secret: "anything" },
    });
    expect(login.status).toBe(200);
    expect(typeof login.body.token).toBe("string");
    const tokenRes = await call(fx.url, "GET", `/partner/app/${APP}/token/`, { auth: login.body.token });
    expect(tokenRes.body).toMatchObject({ status: "success", token: { expiresOn: 0, active: true } });
    expect(tokenRes.body.token.token).toMatch(/^sk_[0-9a-f]{32}$/);
    const listed = await list(fx.url, tokenRes.body.token.token);
    expect([listed.status, listed.body]).toEqual([200, { status: "success", templates: [] }]);
  });

  it("logs in with the secret in `password` too, and refuses a login without credentials", async () => {
    const withPassword = await call(fx.url, "POST", "/partner/account/login", {
      form: { email: "a@b.c", password: "p" },
    });
    expect(withPassword.status).toBe(200);
    const without = await call(fx.url, "POST", "/partner/account/login", { form: { email: "a@b.c" } });
    expect(without.status).toBe(400);
  });

  it("returns the same app token on every GET (idempotent) and needs a partner token", async () => {
    expect(await appToken(fx.url)).toBe(await appToken(fx.url));
    expect((await call(fx.url, "GET", `/partner/app/${APP}/token`)).status).toBe(401);
  });

  it("takes the partner token raw, as documented: `Bearer <partner token>` is refused", async () => {
    const login = await call(fx.url, "POST", "/partner/account/login", {
      form: { email: "a@b.c", secret: "s" },
    });
    const partner = login.body.token as string;
    const path = `/partner/app/${APP}/token`;
    expect((await call(fx.url, "GET", path, { auth: `Bearer ${partner}` })).status).toBe(401);
    expect((await call(fx.url, "GET", path, { auth: partner })).status).toBe(200);
  });

  it("accepts only tokens it issued for that app on app calls", async () => {
    const mine = await appToken(fx.url);
    const other = await appToken(fx.url, "another-app");
    expect((await list(fx.url, mine)).status).toBe(200);
    expect((await list(fx.url, "sk_made_up")).body).toEqual({
      message: "Authentication Failed",
      status: "error",
    });
    expect((await list(fx.url, other)).status).toBe(401);
    expect((await list(fx.url, `Bearer ${mine}`)).status).toBe(401);
  });

  it("expires login tokens after 24 h and refuses revoked ones", async () => {
    const login = await call(fx.url, "POST", "/partner/account/login", {
      form: { email: "a@b.c", secret: "s" },
    });
    const partner = login.body.token as string;
    fx.clock.advance(24 * 3_600_000);
    expect((await call(fx.url, "GET", `/partner/app/${APP}/token`, { auth: partner })).status).toBe(401);
    const token = await appToken(fx.url);
    fx.sandbox.revokeTokens();
    expect((await list(fx.url, token)).status).toBe(401);
    expect(await appToken(fx.url)).not.toBe(token);
  });

  it("can be made to accept only the partner tokens it issued", async () => {
    fx.sandbox.configure({ acceptAnyPartnerToken: false });
    expect((await call(fx.url, "GET", `/partner/app/${APP}/token`, { auth: "any" })).status).toBe(401);
    const login = await call(fx.url, "POST", "/partner/account/login", {
      form: { email: "a@b.c", secret: "s" },
    });
    expect((await call(fx.url, "GET", `/partner/app/${APP}/token`, { auth: login.body.token })).status).toBe(
      200,
    );
  });
});

describe("universal app tokens", () => {
  const mint = (form: Record<string, string>, auth = "Bearer universal-token") =>
    call(fx.url, "POST", `/partner/app/${APP}/token`, { auth, form });

  it("mints a UAT with a Bearer universal token; the UAT authenticates app calls until it expires", async () => {
    const r = await mint({ name: "ci" });
    expect(r.body).toMatchObject({ status: "success", name: "ci", expiry: fx.clock.now() + 86_400_000 });
    expect((await list(fx.url, `Bearer ${r.body.token}`)).status).toBe(200);
    expect((await list(fx.url, r.body.token)).status).toBe(200);
    fx.clock.advance(86_400_000);
    expect((await list(fx.url, r.body.token)).status).toBe(401);
  });

  it("refuses a mint without Bearer, or with a legacy token", async () => {
    expect((await mint({ name: "x" }, "universal-token")).status).toBe(401);
    expect((await mint({ name: "x" }, `Bearer ${await appToken(fx.url)}`)).status).toBe(401);
  });

  it("enforces name uniqueness, the 1–24 h expiry window and at most 3 active UATs per app", async () => {
    const now = fx.clock.now();
    expect((await mint({ name: "a", expiry: String(now + 30 * 60_000) })).status).toBe(400);
    expect((await mint({ name: "a", expiry: String(now + 25 * 3_600_000) })).status).toBe(400);
    expect((await mint({ name: "a", expiry: String(now + 3_600_000) })).status).toBe(200);
    expect((await mint({ name: "a" })).status).toBe(400);
    expect((await mint({ name: "b" })).status).toBe(200);
    expect((await mint({ name: "c" })).status).toBe(200);
    expect((await mint({ name: "d" })).body).toEqual({
      status: "error",
      message: "Maximum active tokens reached",
    });
    fx.clock.advance(3_600_000); // "a" expires: a slot and its name are free again
    expect((await mint({ name: "a" })).status).toBe(200);
  });

  it("revokes one UAT by id, name or token (exactly one of them), or all of an app's at once", async () => {
    const revoke = (form: Record<string, string>, what = "revoke") =>
      call(fx.url, "POST", `/partner/app/${APP}/token/${what}`, { auth: "Bearer universal-token", form });
    const a = (await mint({ name: "a" })).body;
    const b = (await mint({ name: "b" })).body;
    await mint({ name: "c" });
    expect(fx.sandbox.stats().activeAppTokens).toEqual({ [APP]: 3 });
    expect((await revoke({})).body).toEqual({
      status: "error",
      message: "supply exactly one of id, token, name",
    });
    expect((await revoke({ id: a.id, name: "a" })).status).toBe(400);
    expect((await revoke({ name: "a" })).body).toEqual({ status: "success", scope: "name" });
    expect((await revoke({ name: "a" })).status).toBe(400); // no longer active
    expect((await list(fx.url, `Bearer ${a.token}`)).status).toBe(401);
    expect((await revoke({ token: b.token })).body).toEqual({ status: "success", scope: "jti" });
    expect(fx.sandbox.stats().activeAppTokens).toEqual({ [APP]: 1 });
    // a freed slot can be minted again, the name of a revoked token reused
    expect((await mint({ name: "a" })).status).toBe(200);
    expect((await revoke({}, "revoke-all")).body).toEqual({ status: "success", appTokensRevoked: "2" });
    expect(fx.sandbox.stats().activeAppTokens).toEqual({});
    expect((await revoke({}, "revoke-all")).body).toEqual({ status: "success", appTokensRevoked: "0" });
  });
});
