import { describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, create, list, textForm } from "./api.js";

const fx = useSandbox({ approvalDelayMs: 60_000 });
const admin = (method: string, path: string, json?: unknown) =>
  call(fx.url, method, `/__sandbox/${path}`, json === undefined ? {} : { json });

describe("admin API (/__sandbox/)", () => {
  it("reports health and the clock, and advances it by ms or duration", async () => {
    expect((await admin("GET", "health")).body).toEqual({ status: "ok", now: fx.clock.now() });
    const before = fx.clock.now();
    expect((await admin("POST", "clock/advance", { ms: 1000 })).body.now).toBe(before + 1000);
    expect((await admin("POST", "clock/advance", { duration: "1h" })).body.now).toBe(
      before + 1000 + 3_600_000,
    );
    expect((await admin("POST", "clock/advance", { ms: -1 })).status).toBe(400);
  });

  it("advancing the clock approves pending templates", async () => {
    const token = await appToken(fx.url);
    await create(fx.url, token, textForm("t"));
    await admin("POST", "clock/advance", { duration: "1m" });
    expect((await list(fx.url, token)).body.templates[0].status).toBe("APPROVED");
  });

  it("reads and changes settings, refusing unknown ones", async () => {
    expect((await admin("GET", "config")).body).toMatchObject({ approvalDelayMs: 60_000, pageBase: 0 });
    expect((await admin("PATCH", "config", { approvalDelayMs: 5 })).body.approvalDelayMs).toBe(5);
    expect((await admin("PATCH", "config", { approvalDelay: 5 })).status).toBe(400);
    expect((await admin("PATCH", "config", { reviewRules: [{ pattern: "(", reason: "x" }] })).status).toBe(
      400,
    );
  });

  it("sets faults, and they do not affect admin calls", async () => {
    expect((await admin("PUT", "faults", { errorRate: 1 })).body).toMatchObject({ errorRate: 1 });
    expect((await admin("GET", "health")).status).toBe(200);
    expect((await call(fx.url, "GET", `/partner/app/${APP}/token`, { auth: "any" })).status).toBe(500);
    await admin("PUT", "faults", {});
    expect((await call(fx.url, "GET", `/partner/app/${APP}/token`, { auth: "any" })).status).toBe(200);
  });

  it("exposes counters, state and sends, and resets them", async () => {
    const token = await appToken(fx.url);
    await create(fx.url, token, textForm("t"));
    const stats = (await admin("GET", "stats")).body;
    expect(stats).toMatchObject({ total: 2, rateLimited: 0 });
    expect((await admin("GET", "state")).body.templates).toHaveLength(1);
    expect((await admin("GET", "sends")).body).toEqual({ sends: [] });
    await admin("POST", "stats/reset");
    expect((await admin("GET", "stats")).body.total).toBe(0);
    await admin("POST", "reset");
    expect((await admin("GET", "state")).body.templates).toEqual([]);
  });

  it("forces a template status and revokes tokens", async () => {
    const token = await appToken(fx.url);
    const id = await create(fx.url, token, textForm("t"));
    expect(
      (await admin("POST", `templates/${id}/status`, { status: "paused", reason: "LOW_QUALITY" })).status,
    ).toBe(200);
    expect((await list(fx.url, token)).body.templates[0]).toMatchObject({
      status: "PAUSED",
      reason: "LOW_QUALITY",
    });
    expect((await admin("POST", "templates/nope/status", { status: "PAUSED" })).status).toBe(400);
    await admin("POST", "tokens/revoke");
    expect((await list(fx.url, token)).status).toBe(401);
  });

  it("answers unknown admin endpoints with 404", async () => {
    expect((await admin("GET", "nothing")).status).toBe(404);
  });
});
