import { describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, list, textForm } from "./api.js";

const fx = useSandbox({ rateLimits: false });
const createPath = `/partner/app/${APP}/templates`;

describe("fault injection over HTTP", () => {
  it("answers 500 with the real body and commits nothing", async () => {
    const token = await appToken(fx.url);
    fx.sandbox.setFaults({ errorRate: 1, match: "^POST " });
    const r = await call(fx.url, "POST", createPath, { auth: token, form: textForm("t") });
    expect(r.status).toBe(500);
    expect(r.body.message).toMatch(/^Internal server error/);
    fx.sandbox.setFaults({});
    expect((await list(fx.url, token)).body.templates).toEqual([]);
  });

  it("injects the real 429 body", async () => {
    const token = await appToken(fx.url);
    fx.sandbox.setFaults({ rateLimitRate: 1 });
    const r = await list(fx.url, token);
    expect([r.status, r.body]).toEqual([429, { status: "error", message: "Too Many Requests" }]);
    expect(fx.sandbox.stats().faults.rateLimited).toBe(1);
  });

  it("resets the connection before handling: nothing is committed", async () => {
    const token = await appToken(fx.url);
    fx.sandbox.setFaults({ resetRate: 1, match: "^POST " });
    await expect(call(fx.url, "POST", createPath, { auth: token, form: textForm("t") })).rejects.toThrow();
    fx.sandbox.setFaults({});
    expect((await list(fx.url, token)).body.templates).toEqual([]);
  });

  it("loses the response after committing: the template exists although the client saw no answer", async () => {
    const token = await appToken(fx.url);
    fx.sandbox.setFaults({ lostResponseRate: 1, match: "^POST " });
    await expect(call(fx.url, "POST", createPath, { auth: token, form: textForm("t") })).rejects.toThrow();
    fx.sandbox.setFaults({});
    expect(
      (await list(fx.url, token)).body.templates.map((t: { elementName: string }) => t.elementName),
    ).toEqual(["t"]);
    expect(fx.sandbox.stats().faults.lost).toBe(1);
  });

  it("delays answers in real time", async () => {
    fx.sandbox.setFaults({ latencyMs: 120 });
    const started = Date.now();
    await call(fx.url, "GET", `/partner/app/${APP}/token`, { auth: "any" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("can echo request headers in error bodies (for secret-leak tests)", async () => {
    fx.sandbox.setFaults({ echoHeaders: true });
    const r = await list(fx.url, "sk_canary_value");
    expect(r.body.message).toContain("sk_canary_value");
  });

  it("gives the same faults for the same seed", async () => {
    const token = await appToken(fx.url);
    const run = async () => {
      fx.sandbox.setFaults({ seed: 42, errorRate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await list(fx.url, token)).status);
      return statuses.join(",");
    };
    const first = await run();
    expect(first).toContain("500");
    expect(await run()).toBe(first);
  });
});

describe("server", () => {
  it("answers unknown endpoints with 404 and counts requests per path, app and bucket", async () => {
    const token = await appToken(fx.url);
    await list(fx.url, token);
    const missing = await call(fx.url, "GET", "/partner/nowhere");
    expect(missing.status).toBe(404);
    const stats = fx.sandbox.stats();
    expect(stats.total).toBe(3);
    expect(stats.byPath[`GET /partner/app/${APP}/templates`]).toBe(1);
    expect(stats.byApp[APP]).toBe(2);
    expect(stats.byBucket).toEqual({ token: 1, templates: 1 });
  });

  it("mounts the send-API simulators from channels/", async () => {
    const r = await call(fx.url, "POST", "/wa/api/v1/template/msg", { form: {} });
    expect(r.status).not.toBe(404);
  });

  it("refuses a request body over 16 MB", async () => {
    const r = await call(fx.url, "POST", "/partner/account/login", {
      form: { email: "x".repeat(17 * 1024 * 1024) },
    });
    expect(r.status).toBe(413);
  });
});
