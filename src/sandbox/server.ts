// The sandbox HTTP server (node:http). It owns the transport concerns — body reading, faults,
// rate limits, counters, persistence after each request — and hands parsed requests to the routes:
// the Partner API (partner/) and the send APIs (channels/), all behind the SandboxRoute contract.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ADMIN_PREFIX, handleAdmin } from "./admin.js";
import { channelRoutes } from "./channels/index.js";
import { createOffsetClock, type SandboxClock } from "./clock.js";
import { defaultConfig, mergeConfig, type SandboxConfig } from "./config.js";
import type { SandboxControl } from "./control.js";
import { SandboxEngine } from "./engine.js";
import { type FaultConfig, FaultInjector } from "./faults.js";
import { partnerRoutes } from "./partner/index.js";
import { RateLimiter } from "./rate-limiter.js";
import type { SandboxRequest, SandboxResponse, SandboxRoute } from "./route.js";
import { emptyState, loadState } from "./state.js";
import { bump, emptyStats } from "./stats.js";

export interface SandboxOptions extends Partial<SandboxConfig> {
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** Default: real time plus an offset that /__sandbox/clock/advance moves. */
  clock?: SandboxClock;
  /** Persist the state to this JSON file (loaded at start, rewritten after each change). */
  stateFile?: string;
  /** Seeds generated ids and, unless `faults.seed` is set, the fault sequence. Default 1. */
  seed?: number;
  faults?: FaultConfig;
  /** Extra routes, tried after the built-in ones. */
  routes?: SandboxRoute[];
  /** Called with exceptions thrown by a route (the client then gets a 500). */
  onError?: (err: unknown) => void;
}

export interface RunningSandbox extends SandboxControl {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const TOO_MANY_REQUESTS = { status: "error", message: "Too Many Requests" };
export const INTERNAL_ERROR = {
  status: "error",
  message:
    "Internal server error. Please try again later and If Issue still persist, then contact Gupshup Dev Support",
};
const MAX_BODY_BYTES = 16 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge());
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function decodeParams(groups: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!groups) return {};
  const out: Record<string, string> = {};
  try {
    for (const [k, v] of Object.entries(groups)) out[k] = decodeURIComponent(v);
  } catch {
    return undefined;
  }
  return out;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const {
    port = 0,
    host = "127.0.0.1",
    clock = createOffsetClock(),
    stateFile,
    seed = 1,
    faults: initialFaults = {},
    routes: extraRoutes = [],
    onError = () => {},
    ...settings
  } = opts;
  const config = mergeConfig(
    defaultConfig(),
    Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
  );
  const engine = new SandboxEngine(
    clock,
    config,
    seed,
    stateFile,
    stateFile ? loadState(stateFile) : emptyState(),
  );
  const limiter = new RateLimiter(() => engine.config, clock);
  let faults = new FaultInjector({ seed, ...initialFaults });
  let stats = emptyStats();
  const routes = [...partnerRoutes(engine), ...channelRoutes, ...extraRoutes];
  const context = engine.context();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const respond = (
    res: ServerResponse,
    reqHeaders: Record<string, string | undefined>,
    r: SandboxResponse,
  ) => {
    let body = r.body;
    if (r.status === 429) stats.rateLimited += 1;
    if (faults.config.echoHeaders && r.status >= 400 && body && typeof body === "object") {
      const message = (body as { message?: unknown }).message;
      body = {
        ...body,
        message: `${String(message ?? "")} (request headers: ${JSON.stringify(reqHeaders)})`,
      };
    }
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const headers: Record<string, string> = {
      "content-type":
        typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
      ...r.headers,
    };
    if (!res.writableEnded && !res.destroyed) res.writeHead(r.status, headers).end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const path = url.pathname;
    const headers = headersOf(req);
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.once("finish", () => req.destroy());
        respond(res, headers, {
          status: 413,
          body: { status: "error", message: "Request too large" },
          headers: { connection: "close" },
        });
      }
      return;
    }
    if (path.startsWith(ADMIN_PREFIX)) {
      respond(res, {}, handleAdmin(control, method, path, rawBody));
      engine.flush();
      return;
    }

    stats.total += 1;
    bump(stats.byPath, `${method} ${path}`);
    const decision = faults.decide(method, path);
    if (decision.latencyMs > 0) {
      stats.faults.delayed += 1;
      if (decision.spike) stats.faults.spiked += 1;
      await delay(decision.latencyMs);
      if (closed) return;
    }
    if (decision.kind === "reset") {
      stats.faults.reset += 1;
      req.socket.destroy();
      return;
    }

    let matched: { route: SandboxRoute; params: Record<string, string> } | undefined;
    let badPath = false;
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params = decodeParams(m.groups);
      if (!params) badPath = true;
      else matched = { route, params };
      break;
    }
    const appId = matched?.params["appId"] ?? /^\/partner\/app\/([^/]+)\//.exec(path)?.[1];
    if (appId) bump(stats.byApp, appId);
    if (matched?.route.bucket) bump(stats.byBucket, matched.route.bucket);

    if (decision.kind === "rate_limited") {
      stats.faults.rateLimited += 1;
      return respond(res, headers, { status: 429, body: TOO_MANY_REQUESTS });
    }
    if (decision.kind === "error") {
      stats.faults.error += 1;
      return respond(res, headers, { status: 500, body: INTERNAL_ERROR });
    }
    if (!matched) {
      const message = badPath ? "Malformed path" : `No such endpoint: ${method} ${path}`;
      return respond(res, headers, { status: badPath ? 400 : 404, body: { status: "error", message } });
    }
    if (matched.route.bucket) {
      const allowed = limiter.take(matched.route.bucket, matched.params["appId"]);
      if (!allowed.ok) {
        const retry = engine.config.retryAfterHeader
          ? { "retry-after": String(Math.max(1, Math.ceil(allowed.retryAfterMs / 1000))) }
          : undefined;
        return respond(res, headers, {
          status: 429,
          body: TOO_MANY_REQUESTS,
          ...(retry ? { headers: retry } : {}),
        });
      }
    }

    engine.settle();
    const request: SandboxRequest = { method, path, query: url.searchParams, headers, rawBody };
    let response: SandboxResponse;
    try {
      response = await matched.route.handle(request, matched.params, context);
    } catch (err) {
      onError(err);
      response = { status: 500, body: INTERNAL_ERROR };
    }
    engine.flush();
    if (decision.kind === "lost") {
      stats.faults.lost += 1;
      req.socket.destroy();
      return;
    }
    respond(res, headers, response);
  };

  const control: SandboxControl = {
    clock,
    stats: () => ({ ...structuredClone(stats), activeAppTokens: engine.activeUatCounts() }),
    resetStats: () => {
      stats = emptyStats();
    },
    reset: () => {
      engine.reset();
      limiter.reset();
      stats = emptyStats();
    },
    config: () => structuredClone(engine.config),
    configure: (patch) => {
      engine.config = mergeConfig(engine.config, patch as Record<string, unknown>);
      return structuredClone(engine.config);
    },
    faults: () => structuredClone(faults.config),
    setFaults: (next) => {
      faults = new FaultInjector({ seed, ...next });
    },
    setTemplateStatus: (id, status, reason) => {
      const t = engine.findTemplate(id);
      if (!t) throw new Error(`no template with id ${id}`);
      t.status = status.toUpperCase();
      if (reason === undefined) delete t.reason;
      else t.reason = reason;
      if (t.status === "APPROVED") t.externalId ??= engine.newMetaId();
      t.modifiedOn = clock.now();
      engine.markDirty();
      engine.flush();
    },
    revokeTokens: () => {
      engine.revokeTokens();
      engine.flush();
    },
    sends: () => structuredClone(engine.state.sends),
    state: () => {
      engine.settle();
      return structuredClone(engine.state);
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      onError(err);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;

  return {
    ...control,
    url: `http://${hostForUrl}:${actualPort}`,
    port: actualPort,
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      engine.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
