import { describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, list, textForm } from "./api.js";

const fx = useSandbox();

describe("rate limits", () => {
  it("answers the 11th template call within a minute with the real 429 body, then recovers", async () => {
    const token = await appToken(fx.url);
    for (let i = 0; i < 5; i++) expect((await list(fx.url, token)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const r = await call(fx.url, "POST", `/partner/app/${APP}/templates`, {
        auth: token,
        form: textForm(`t${i}`),
      });
      expect(r.status).toBe(200);
    }
    const eleventh = await list(fx.url, token);
    expect([eleventh.status, eleventh.body]).toEqual([
      429,
      { status: "error", message: "Too Many Requests" },
    ]);
    expect(eleventh.headers.get("retry-after")).toBeNull();
    expect(fx.sandbox.stats().rateLimited).toBe(1);
    fx.clock.advance(59_999);
    expect((await list(fx.url, token)).status).toBe(429);
    fx.clock.advance(1);
    expect((await list(fx.url, token)).status).toBe(200);
  });

  it("counts per app and per endpoint", async () => {
    const a = await appToken(fx.url);
    const b = await appToken(fx.url, "app-b");
    for (let i = 0; i < 10; i++) await list(fx.url, a);
    expect((await list(fx.url, a)).status).toBe(429);
    expect((await list(fx.url, b, "", "app-b")).status).toBe(200);
    // the app token endpoint has its own budget
    expect((await call(fx.url, "GET", `/partner/app/${APP}/token`, { auth: "any" })).status).toBe(200);
  });

  it("is configurable, can send Retry-After, and can be turned off", async () => {
    fx.sandbox.configure({
      rateLimits: { templates: { limit: 2, windowMs: 10_000 } },
      retryAfterHeader: true,
    });
    const token = await appToken(fx.url);
    await list(fx.url, token);
    fx.clock.advance(4000);
    await list(fx.url, token);
    const limited = await list(fx.url, token);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "6"]);
    fx.sandbox.configure({ rateLimits: false });
    for (let i = 0; i < 30; i++) expect((await list(fx.url, token)).status).toBe(200);
  });

  it("limits login to 10 a minute across apps", async () => {
    const login = () =>
      call(fx.url, "POST", "/partner/account/login", { form: { email: "a@b.c", secret: "s" } });
    for (let i = 0; i < 10; i++) expect((await login()).status).toBe(200);
    expect((await login()).status).toBe(429);
  });
});
