// A loopback server that answers the Partner API's token call properly and every other call the
// way a test scripts it, down to the raw socket: for malformed, huge, stalled and trickling answers.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HostileServer {
  readonly url: string;
  /** Requests other than the token call. */
  readonly requests: () => number;
  answer(handler: Handler): void;
  close(): Promise<void>;
}

export const APP_TOKEN = "sk_hostile_app_token_0001";

export async function startHostileServer(): Promise<HostileServer> {
  let handler: Handler = (_req, res) => res.writeHead(404).end();
  let count = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    req.resume();
    if (/\/token\/?$/.test(req.url ?? "")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "success", token: { token: APP_TOKEN } }));
      return;
    }
    count++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** 200 with this body as JSON (or text, when a string is given). */
export const ok =
  (body: unknown, contentType = "application/json"): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": contentType });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };

/** Headers, then one byte every `everyMs`, for ever. */
export const trickle =
  (everyMs: number): Handler =>
  (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{");
    const timer = setInterval(() => res.write(" "), everyMs);
    req.socket.on("close", () => clearInterval(timer));
  };

/** Never a byte back. */
export const silent: Handler = () => {};

/** Headers and part of a body, then silence. */
export const stall: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"status":"success","templates":[');
};
