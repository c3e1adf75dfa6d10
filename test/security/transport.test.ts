// Issue 7, item 5, the transport rails: tokens and keys never travel over plain http to another
// machine; TLS certificate checks cannot be switched off (NODE_TLS_REJECT_UNAUTHORIZED=0 makes
// waform refuse to start, and even where the variable slips past that check, every connection
// still verifies); and every request ends, whatever the server does.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteError, UserError } from "../../src/model/errors.js";
import { createGupshupProvider, resolveBaseUrl } from "../../src/providers/gupshup/index.js";
import { baseUrl as senderBaseUrl } from "../../src/providers/senders/credentials.js";
import { createHttpClient } from "../../src/providers/senders/index.js";
import { runWaform, STACK_TRACE, transcript } from "../crash/waform-process.js";

const app = { alias: "shop", appId: "tls-app", appName: "shop", source: "+918929874278", prune: false };
const DECLARATION = `version: 1
apps:
  shop: { appId: tls-app, appName: shop, source: "+918929874278" }
templates:
  - { name: hi, language: en, category: MARKETING, vertical: v, body: "Hi {{1}}, welcome.", examples: { body: [Ana] } }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "waform-transport-"));
  writeFileSync(join(dir, "templates.yaml"), DECLARATION);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Counts connections and requests; answers every request with an empty template list. */
async function listen(server: Server, host: string) {
  const counts = { connections: 0, requests: 0 };
  server.on("connection", () => counts.connections++);
  server.on("secureConnection", () => counts.connections++);
  server.on("request", (_req, res) => {
    counts.requests++;
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"success","templates":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    counts,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe("plain http only to this machine", () => {
  it.each([
    "http://partner.gupshup.io",
    "http://10.0.0.5:4010",
    "http://localhost.evil.example",
    "http://127.0.0.1@evil.example",
    "http://[::ffff:127.0.0.1]:4010",
    "ftp://127.0.0.1",
  ])("refuses %s (Partner API and send channels)", (url) => {
    expect(() => resolveBaseUrl({ GUPSHUP_BASE_URL: url })).toThrow(UserError);
    expect(() => senderBaseUrl({ GUPSHUP_API_BASE_URL: url }, "GUPSHUP_API_BASE_URL", "https://x")).toThrow(
      UserError,
    );
  });

  it.each([
    "http://127.0.0.1:4010",
    "http://localhost:4010",
    "http://[::1]:4010",
    "https://partner.gupshup.io",
  ])("accepts %s", (url) => {
    expect(resolveBaseUrl({ GUPSHUP_BASE_URL: url }).href).toMatch(/^https?:\/\//);
  });

  it("the CLI refuses this machine's own non-loopback address over http, without connecting", async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    const host = lan ?? "0.0.0.0";
    const server = await listen(createHttpServer(), host);
    try {
      const r = await runWaform(["plan"], {
        cwd: dir,
        env: {
          GUPSHUP_BASE_URL: `http://${lan ?? "192.0.2.1"}:${server.port}`,
          GUPSHUP_PARTNER_TOKEN: "any",
        },
      });
      expect(r.code, transcript(r)).toBe(1);
      expect(r.stderr).toMatch(/plain http .* tokens would travel unencrypted/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(server.counts.connections).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe("TLS certificates are always checked", () => {
  let tls: { key: string; cert: string } | undefined;
  beforeAll(() => {
    // a throwaway self-signed certificate for 127.0.0.1: no CA vouches for it
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:prime256v1",
          "-nodes",
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
          "-days",
          "1",
          "-keyout",
          join(dir, "key.pem"),
          "-out",
          join(dir, "cert.pem"),
        ],
        { stdio: "ignore" },
      );
      tls = {
        key: readFileSync(join(dir, "key.pem"), "utf8"),
        cert: readFileSync(join(dir, "cert.pem"), "utf8"),
      };
    } catch {
      tls = undefined;
    }
  });

  it("NODE_TLS_REJECT_UNAUTHORIZED=0: the CLI refuses to start, and connects to nothing", async (ctx) => {
    if (!tls) return ctx.skip();
    const server = await listen(createHttpsServer(tls), "127.0.0.1");
    try {
      const r = await runWaform(["plan"], {
        cwd: dir,
        env: {
          GUPSHUP_BASE_URL: `https://127.0.0.1:${server.port}`,
          GUPSHUP_PARTNER_TOKEN: "any",
          NODE_TLS_REJECT_UNAUTHORIZED: "0",
        },
      });
      expect(r.code, transcript(r)).toBe(1);
      expect(r.stderr).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED=0 is set/);
      expect(r.stderr).toMatch(/NODE_EXTRA_CA_CERTS/);
      expect(server.counts.connections).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("a self-signed certificate is refused even with the variable set in the process", async (ctx) => {
    if (!tls) return ctx.skip();
    const server = await listen(createHttpsServer(tls), "127.0.0.1");
    const base = `https://127.0.0.1:${server.port}`;
    // Node reads the variable from process.env at connect time; the provider's own env lacks it,
    // as it would if a library set it after waform started
    const before = process.env["NODE_TLS_REJECT_UNAUTHORIZED"];
    process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";
    const provider = createGupshupProvider({ env: { GUPSHUP_BASE_URL: base, GUPSHUP_PARTNER_TOKEN: "any" } });
    const sender = createHttpClient({ timeoutMs: 2_000 });
    try {
      const listed = await provider.listTemplates(app).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(listed).toBeInstanceOf(RemoteError);
      const sent = await sender
        .send({
          method: "POST",
          url: `${base}/wa/api/v1/template/msg`,
          headers: {},
          body: { kind: "form", fields: [] },
          secretHeaders: [],
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(sent).toBeInstanceOf(RemoteError);
      expect(server.counts.requests, "a request got through an unverified connection").toBe(0);
    } finally {
      if (before === undefined) delete process.env["NODE_TLS_REJECT_UNAUTHORIZED"];
      else process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = before;
      await provider.close();
      await sender.close();
      await server.close();
    }
  });

  it("and the same server is reachable when its certificate is trusted (NODE_EXTRA_CA_CERTS)", async (ctx) => {
    if (!tls) return ctx.skip();
    const server = await listen(createHttpsServer(tls), "127.0.0.1");
    try {
      const r = await runWaform(["plan"], {
        cwd: dir,
        env: {
          GUPSHUP_BASE_URL: `https://127.0.0.1:${server.port}`,
          GUPSHUP_APP_TOKEN_SHOP: "sk_any_token_for_this_test",
          NODE_EXTRA_CA_CERTS: join(dir, "cert.pem"),
        },
      });
      expect(r.code, transcript(r)).toBe(0);
      expect(server.counts.requests).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe("every request ends", () => {
  it("a send to a server that never answers, or trickles a byte at a time, fails in bounded time", async () => {
    const server = createHttpServer((req, res) => {
      if (req.url === "/silent") return;
      res.writeHead(200);
      const timer = setInterval(() => res.write(" "), 50);
      req.socket.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // each path meets one short limit, the other set out of reach, so the limit that ends the call
    // (and its message) does not depend on the machine's speed
    const cases = [
      { path: "/silent", limits: { timeoutMs: 300, totalTimeoutMs: 60_000 }, message: /timed out waiting/ },
      {
        path: "/trickle",
        limits: { timeoutMs: 60_000, totalTimeoutMs: 800 },
        message: /no complete response within 800 ms/,
      },
    ];
    const clients = cases.map((c) => createHttpClient(c.limits));
    try {
      for (const [i, { path, message }] of cases.entries()) {
        const started = Date.now();
        const err = await clients[i]!.send({
          method: "POST",
          url: `${base}${path}`,
          headers: {},
          body: { kind: "form", fields: [] },
          secretHeaders: [],
        }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, path).toMatchObject({ kind: "transient", ambiguous: true });
        expect((err as Error).message, path).toMatch(message);
        // a lower bound only: an upper one would measure the machine
        expect(Date.now() - started, path).toBeGreaterThanOrEqual(250);
      }
    } finally {
      for (const client of clients) await client.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
