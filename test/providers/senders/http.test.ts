// The send channels' HTTP client against a local server: bodies arrive as encoded, connections
// are kept alive, every request has a timeout, and no error carries a key.

import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import { createHttpClient } from "../../../src/providers/senders/http.js";
import { createSendChannel } from "../../../src/providers/senders/index.js";
import type { PreparedRequest } from "../../../src/providers/senders/port.js";
import { APP_TOKEN, ENV, requestOf, TEMPLATES } from "./fixtures.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

let server: Server;
let base: string;
let connections = 0;
const seen: Seen[] = [];
/** What the server answers next; `hang` never answers. */
let reply: { status: number; body: string; headers?: Record<string, string> } | "hang" = {
  status: 200,
  body: "{}",
};

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
    if (reply === "hang") return;
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(reply.body);
  });
  server.on("connection", () => connections++);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function prepared(body: PreparedRequest["body"], headers: Record<string, string> = {}): PreparedRequest {
  return { method: "POST", url: `${base}/x`, headers, body, secretHeaders: [] };
}

describe("createHttpClient", () => {
  it("sends form, multipart and JSON bodies as the APIs expect them, over kept-alive connections", async () => {
    const client = createHttpClient();
    seen.length = 0;
    const before = connections;
    reply = { status: 200, body: "{}" };
    const fields: [string, string][] = [
      ["template", '{"id":"x","params":["a b","ü&="]}'],
      ["coupon_code", '"CODE"'],
    ];
    await client.send(
      prepared({ kind: "form", fields }, { "Content-Type": "application/x-www-form-urlencoded" }),
    );
    await client.send(prepared({ kind: "multipart", fields }));
    await client.send(
      prepared({ kind: "json", value: { a: [1, "ü"] } }, { "Content-Type": "application/json" }),
    );
    for (let i = 0; i < 4; i++) await client.send(prepared({ kind: "json", value: i }));
    await client.close();

    // undici may open a second socket while the first is being released; never one per request
    expect(connections - before).toBeLessThanOrEqual(2);
    expect([...new URLSearchParams(seen[0]!.body.toString())]).toEqual(fields);
    const multipart = await new Response(seen[1]!.body, {
      headers: { "content-type": seen[1]!.headers["content-type"]! },
    }).formData();
    expect([...multipart.entries()]).toEqual(fields);
    expect(JSON.parse(seen[2]!.body.toString())).toEqual({ a: [1, "ü"] });
  });

  it("gives up on a server that does not answer: transient and ambiguous", async () => {
    const client = createHttpClient({ timeoutMs: 200 });
    reply = "hang";
    const err = await client.send(prepared({ kind: "json", value: {} })).catch((e: unknown) => e);
    await client.close();
    reply = { status: 200, body: "{}" };
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ kind: "transient", ambiguous: true });
    expect((err as Error).message).toMatch(/timed out waiting for the response/);
  });

  it("reports a refused connection as transient and not sent", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const client = createHttpClient();
    const err = await client
      .send({ ...prepared({ kind: "json", value: {} }), url: `http://127.0.0.1:${port}/v1/SID/messages` })
      .catch((e: unknown) => e);
    await client.close();
    expect(err).toMatchObject({ kind: "transient", ambiguous: false });
    expect((err as Error).message).toBe(`POST http://127.0.0.1:${port}: connection refused`);
  });

  it("rejects with the abort reason when the caller aborts", async () => {
    const client = createHttpClient();
    reply = "hang";
    const controller = new AbortController();
    // aborted once the server holds the request, so the abort lands while it is in flight
    const arrived = once(server, "request");
    const pending = client.send(prepared({ kind: "json", value: {} }), controller.signal);
    pending.catch(() => {});
    await arrived;
    controller.abort(new Error("stopped by user"));
    await expect(pending).rejects.toThrow("stopped by user");
    await client.close();
    reply = { status: 200, body: "{}" };
  });
});

describe("channels over HTTP", () => {
  const CANARY = "kaleyra-canary-5e1f0c9a7b3d";
  const env = { ...ENV, KALEYRA_API_KEY: CANARY, KALEYRA_BASE_URL: "", GUPSHUP_API_BASE_URL: "" };

  it("kaleyra-v2 posts JSON with the api-key header and returns the WA202 message id", async () => {
    const channel = createSendChannel("kaleyra-v2", { env: { ...env, KALEYRA_BASE_URL: base } });
    seen.length = 0;
    reply = {
      status: 202,
      body: '{"code":"WA202","message":"Request Accepted","data":{"message_id":"A1"},"error":{}}',
    };
    await expect(channel.send(requestOf(TEMPLATES["lto-expiry-image-url"]))).resolves.toEqual({
      messageId: "A1",
    });
    await channel.close();
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/v2/HXAP16XXXXXX97IN/whatsapp/+918929874278/messages",
      headers: { "api-key": CANARY, "content-type": "application/json" },
    });
  });

  it("an auth failure that echoes the key becomes RemoteError auth without it", async () => {
    const channel = createSendChannel("kaleyra-v1", { env: { ...env, KALEYRA_BASE_URL: base } });
    reply = {
      status: 401,
      body: JSON.stringify({
        code: "RBC201",
        message: `Incorrect SID or API key. (${CANARY})`,
        data: [],
        error: {},
      }),
    };
    const err = await channel.send(requestOf(TEMPLATES["lto-expiry-image-url"])).catch((e: unknown) => e);
    await channel.close();
    expect(err).toMatchObject({ kind: "auth", status: 401 });
    expect(String((err as Error).message)).not.toContain(CANARY);
    expect(JSON.stringify(err)).not.toContain(CANARY);
  });

  it("gupshup posts the form with the apikey header", async () => {
    const channel = createSendChannel("gupshup", { env: { ...env, GUPSHUP_API_BASE_URL: base } });
    seen.length = 0;
    reply = { status: 202, body: '{"status":"success","messageId":"g-1"}' };
    await expect(channel.send(requestOf(TEMPLATES["lto-no-expiry"]))).resolves.toEqual({ messageId: "g-1" });
    await channel.close();
    expect(seen[0]!.url).toBe("/wa/api/v1/template/msg");
    expect(seen[0]!.headers["apikey"]).toBe(ENV.GUPSHUP_API_KEY);
    expect(new URLSearchParams(seen[0]!.body.toString()).get("destination")).toBe("918888998545");
  });

  it("gupshup: a key echoed in plain text across the point where the text is cut is masked whole", async () => {
    const channel = createSendChannel("gupshup", { env: { ...env, GUPSHUP_API_BASE_URL: base } });
    reply = { status: 400, body: `${"x".repeat(190)} ${ENV.GUPSHUP_API_KEY} tail` };
    const err = await channel.send(requestOf(TEMPLATES["lto-no-expiry"])).catch((e: unknown) => e);
    await channel.close();
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as Error).message).not.toContain(ENV.GUPSHUP_API_KEY.slice(0, 6));
  });

  it("gupshup: a proxy's HTML error page is reported by its title, not its markup", async () => {
    const channel = createSendChannel("gupshup", { env: { ...env, GUPSHUP_API_BASE_URL: base } });
    reply = {
      status: 502,
      body: "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>x</h1></body></html>",
    };
    const err = await channel.send(requestOf(TEMPLATES["lto-no-expiry"])).catch((e: unknown) => e);
    await channel.close();
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ kind: "transient", status: 502 });
    expect((err as Error).message).toMatch(/: 502 Bad Gateway$/);
  });

  it.each([
    ["gupshup", 200, "Too Many Requests", "rate_limited"],
    ["gupshup", 400, "Too Many Requests", "rate_limited"],
    ["gupshup-partner", 200, "Too Many Requests", "rate_limited"],
    ["gupshup-v3", 400, "Too Many Requests", "rate_limited"],
    ["gupshup", 200, "Authentication Failed", "auth"],
    ["gupshup-partner", 400, "Unauthorized Access", "auth"],
    ["gupshup", 400, "Invalid Destination", "invalid"],
  ] as const)(
    "%s: a %i error envelope saying '%s' is %s, as the Partner API client reads it",
    async (name, status, said, kind) => {
      const channel = createSendChannel(name, {
        env: { ...env, GUPSHUP_API_BASE_URL: base, GUPSHUP_BASE_URL: base },
        appToken: async () => APP_TOKEN,
      });
      seen.length = 0;
      reply = {
        status,
        body: JSON.stringify({ status: "error", message: said }),
        ...(kind === "rate_limited" && { headers: { "retry-after": "7" } }),
      };
      const err = await channel.send(requestOf(TEMPLATES["lto-no-expiry"])).catch((e: unknown) => e);
      await channel.close();
      expect(seen).toHaveLength(1);
      expect(err).toBeInstanceOf(RemoteError);
      expect(err).toMatchObject({ kind, status, message: `${name}: ${said}` });
      if (kind === "rate_limited") expect((err as RemoteError).retryAfterMs).toBe(7000);
    },
  );
});
