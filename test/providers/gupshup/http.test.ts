// The transport's part of the budget: each request waits for the budget it names; a repeatable
// request (a read, a login, a token mint) refused with a 429 is sent again once the budget's pause
// ends, a write is not (apply decides about it); a JSON body goes as JSON; the run's deadline
// aborts everything but what must outlive the run (a token revoke).

import { afterEach, describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import { createBudget } from "../../../src/providers/budget/index.js";
import { DEFAULT_TIMEOUTS, Transport } from "../../../src/providers/gupshup/http.js";
import { SecretSet } from "../../../src/providers/gupshup/secrets.js";
import { VirtualClock } from "../../helpers/virtual-clock.js";
import { type Recorded, startFake } from "./fake-server.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

const app = { alias: "shop", appId: "app-shop" };
const TOO_MANY = {
  status: 429,
  body: '{"status":"error","message":"Too Many Requests"}',
  headers: { "retry-after": "2" },
};
const OK = { status: 200, body: '{"status":"success"}' };

async function transportOn(
  script: (req: Recorded, n: number) => typeof OK | typeof TOO_MANY,
  signal?: AbortSignal,
) {
  let n = 0;
  const fake = await startFake((req) => script(req, n++));
  cleanup.push(fake.close);
  const clock = new VirtualClock();
  const budget = createBudget({ clock });
  const transport = new Transport({
    baseUrl: new URL(fake.url),
    timeouts: DEFAULT_TIMEOUTS,
    maxBodyBytes: 1 << 20,
    secrets: new SecretSet(),
    clock,
    budget,
    ...(signal && { signal }),
  });
  cleanup.push(() => transport.close());
  return { transport, requests: fake.requests, clock };
}

describe("Transport and the budget", () => {
  it("sends a read refused with a 429 again when the budget's pause (Retry-After) ends", async () => {
    const { transport, requests, clock } = await transportOn((_req, n) => (n === 0 ? TOO_MANY : OK));
    const t0 = clock.now();
    const sent: number[] = [];
    await transport.json({
      method: "GET",
      path: "/partner/app/app-shop/templates",
      meter: { app, group: "templates" },
      onSent: (at) => sent.push(at - t0),
    });
    expect(requests).toHaveLength(2);
    expect(sent).toEqual([0, 2_000]);
  });

  it("does not send a write again after a 429: the error goes back to the caller", async () => {
    const { transport, requests } = await transportOn(() => TOO_MANY);
    const err = await transport
      .json({ method: "POST", path: "/partner/app/app-shop/templates", meter: { app, group: "templates" } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "rate_limited", retryAfterMs: 2_000 });
    expect(err).toBeInstanceOf(RemoteError);
    expect(requests).toHaveLength(1);
  });

  it("sends a JSON body as JSON", async () => {
    const { transport, requests } = await transportOn(() => OK);
    await transport.json({ method: "POST", path: "/partner/app/app-shop/v3/message", json: { to: "91" } });
    expect(requests[0]!.headers["content-type"]).toBe("application/json");
    expect(requests[0]!.body).toBe('{"to":"91"}');
  });

  it("after the run's deadline sends nothing, except what must outlive the run", async () => {
    const deadline = new AbortController();
    deadline.abort(new Error("timed out"));
    const { transport, requests } = await transportOn(() => OK, deadline.signal);
    await expect(
      transport.json({ method: "GET", path: "/x", meter: { app, group: "templates" } }),
    ).rejects.toThrow("timed out");
    await transport.json({
      method: "POST",
      path: "/revoke",
      meter: { app, group: "token" },
      outlivesRun: true,
    });
    expect(requests.map((r) => r.path)).toEqual(["/revoke"]);
  });
});
