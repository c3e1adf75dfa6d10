// One request through the sandbox, step by step: read the body, serve the admin API, count it,
// inject the faults drawn for it, find its route, spend its rate limit, check its form fields
// against the documented ones, run the route, and answer (or, for a "lost" fault, drop the
// connection after committing).

import type { IncomingMessage, ServerResponse } from "node:http";
import { ADMIN_PREFIX, handleAdmin } from "./admin.js";
import type { SandboxControl } from "./control.js";
import type { FaultDecision } from "./faults.js";
import { BodyTooLarge, decodeParams, headersOf, readBody, writeResponse } from "./http-io.js";
import type { SandboxRequest, SandboxResponse, SandboxRoute } from "./route.js";
import type { SandboxRuntime } from "./runtime.js";
import { bump } from "./stats.js";

const TOO_MANY_REQUESTS = { status: "error", message: "Too Many Requests" };
const INTERNAL_ERROR = {
  status: "error",
  message:
    "Internal server error. Please try again later and If Issue still persist, then contact Gupshup Dev Support",
};
/** Names the form fields of a request that its endpoint does not document (sandbox). */
const UNDOCUMENTED_HEADER = "x-sandbox-undocumented-fields";

interface Incoming {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

interface Match {
  route: SandboxRoute;
  params: Record<string, string>;
}

export function createRequestHandler(rt: SandboxRuntime, control: SandboxControl) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const incoming = await readIncoming(rt, req, res);
    if (!incoming) return;
    if (incoming.url.pathname.startsWith(ADMIN_PREFIX)) {
      writeResponse(res, handleAdmin(control, incoming.method, incoming.url.pathname, incoming.rawBody));
      rt.engine.flush();
      return;
    }
    const key = `${incoming.method} ${incoming.url.pathname}`;
    rt.stats.total += 1;
    bump(rt.stats.byPath, key);
    const decision = rt.faults.decide(incoming.method, incoming.url.pathname);
    if (!(await delayAndReset(rt, incoming, decision))) return;

    const found = findRoute(rt.routes, incoming.method, incoming.url.pathname);
    countRoute(rt, incoming.url.pathname, found);
    const refused =
      injectedRefusal(rt, decision) ?? routingFailure(incoming, found) ?? rateLimited(rt, found);
    if (refused) return answer(rt, incoming, refused);
    const match = found as Match;
    const notForm = notAForm(incoming, match.route);
    if (notForm) return answer(rt, incoming, notForm);
    const undocumented = undocumentedFields(incoming, match.route);
    if (undocumented.length > 0) {
      const counts = rt.stats.undocumentedFields[key] ?? {};
      rt.stats.undocumentedFields[key] = counts;
      for (const field of undocumented) bump(counts, field);
      if (rt.engine.config.strict) {
        return answer(rt, incoming, {
          status: 400,
          body: {
            status: "error",
            message: `Undocumented field${undocumented.length === 1 ? "" : "s"}: ${undocumented.join(", ")} (sandbox strict mode)`,
          },
          headers: { [UNDOCUMENTED_HEADER]: undocumented.join(",") },
        });
      }
    }

    const response = await runRoute(rt, incoming, match);
    if (decision.kind === "lost") {
      rt.stats.faults.lost += 1;
      req.socket.destroy();
      return;
    }
    if (undocumented.length > 0) {
      response.headers = { ...response.headers, [UNDOCUMENTED_HEADER]: undocumented.join(",") };
    }
    answer(rt, incoming, response);
  };
}

async function readIncoming(
  rt: SandboxRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Incoming | undefined> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  const headers = headersOf(req);
  try {
    return { req, res, method, url, headers, rawBody: await readBody(req) };
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.once("finish", () => req.destroy());
      answer(
        rt,
        { req, res, method, url, headers, rawBody: Buffer.alloc(0) },
        {
          status: 413,
          body: { status: "error", message: "Request too large" },
          headers: { connection: "close" },
        },
      );
    }
    return undefined;
  }
}

/** The injected latency, then a reset if one was drawn. False when the request ends here. */
async function delayAndReset(
  rt: SandboxRuntime,
  incoming: Incoming,
  decision: FaultDecision,
): Promise<boolean> {
  if (decision.latencyMs > 0) {
    rt.stats.faults.delayed += 1;
    if (decision.spike) rt.stats.faults.spiked += 1;
    await rt.delay(decision.latencyMs);
    if (rt.closed) return false;
  }
  if (decision.kind === "reset") {
    rt.stats.faults.reset += 1;
    incoming.req.socket.destroy();
    return false;
  }
  return true;
}

type Found = Match | { badPath: true } | undefined;

function findRoute(routes: readonly SandboxRoute[], method: string, path: string): Found {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    const params = decodeParams(m.groups);
    return params ? { route, params } : { badPath: true };
  }
  return undefined;
}

function countRoute(rt: SandboxRuntime, path: string, found: Found): void {
  const match = found && "route" in found ? found : undefined;
  const appId = match?.params["appId"] ?? /^\/partner\/app\/([^/]+)\//.exec(path)?.[1];
  if (appId) bump(rt.stats.byApp, appId);
  if (match?.route.bucket) bump(rt.stats.byBucket, match.route.bucket);
}

function injectedRefusal(rt: SandboxRuntime, decision: FaultDecision): SandboxResponse | undefined {
  if (decision.kind === "rate_limited") {
    rt.stats.faults.rateLimited += 1;
    return { status: 429, body: TOO_MANY_REQUESTS };
  }
  if (decision.kind === "error") {
    rt.stats.faults.error += 1;
    return { status: 500, body: INTERNAL_ERROR };
  }
  return undefined;
}

function routingFailure(incoming: Incoming, found: Found): SandboxResponse | undefined {
  if (found && "route" in found) return undefined;
  const badPath = found !== undefined;
  const message = badPath
    ? "Malformed path"
    : `No such endpoint: ${incoming.method} ${incoming.url.pathname}`;
  return { status: badPath ? 400 : 404, body: { status: "error", message } };
}

function rateLimited(rt: SandboxRuntime, found: Found): SandboxResponse | undefined {
  const match = found as Match;
  if (!match.route.bucket) return undefined;
  const allowed = rt.limiter.take(match.route.bucket, match.params["appId"]);
  if (allowed.ok) return undefined;
  const seconds = Math.max(1, Math.ceil(allowed.retryAfterMs / 1000));
  return {
    status: 429,
    body: TOO_MANY_REQUESTS,
    ...(rt.engine.config.retryAfterHeader
      ? {
          headers: {
            [rt.engine.config.retryAfterHeader === "x-rate-limit"
              ? "x-rate-limit-retry-after-seconds"
              : "retry-after"]: String(seconds),
          },
        }
      : {}),
  };
}

/** A body sent to a form endpoint in another encoding (JSON, multipart, text): refused. */
function notAForm(incoming: Incoming, route: SandboxRoute): SandboxResponse | undefined {
  if (!route.formBody || incoming.rawBody.length === 0) return undefined;
  const type = (incoming.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) return undefined;
  return {
    status: 400,
    body: {
      status: "error",
      message: `Content-Type must be application/x-www-form-urlencoded, got ${type ? JSON.stringify(type.split(";")[0]) : "none"}`,
    },
  };
}

/** Form fields of a form-urlencoded request that its route does not list as documented. */
function undocumentedFields(incoming: Incoming, route: SandboxRoute): string[] {
  const documented = route.documentedFields;
  if (!documented) return [];
  const type = (incoming.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded")) return [];
  const names = new Set(new URLSearchParams(incoming.rawBody.toString("utf8")).keys());
  return [...names].filter((n) => !documented.includes(n)).sort();
}

async function runRoute(rt: SandboxRuntime, incoming: Incoming, match: Match): Promise<SandboxResponse> {
  rt.engine.settle();
  const request: SandboxRequest = {
    method: incoming.method,
    path: incoming.url.pathname,
    query: incoming.url.searchParams,
    headers: incoming.headers,
    rawBody: incoming.rawBody,
  };
  let response: SandboxResponse;
  try {
    response = await match.route.handle(request, match.params, rt.engine.context());
  } catch (err) {
    rt.onError(err);
    response = { status: 500, body: INTERNAL_ERROR };
  }
  rt.engine.flush();
  return response;
}

/** Writes the answer; counts 429s, and echoes the request headers into error messages when asked. */
function answer(rt: SandboxRuntime, incoming: Incoming, r: SandboxResponse): void {
  if (r.status === 429) rt.stats.rateLimited += 1;
  let body = r.body;
  if (rt.faults.config.echoHeaders && r.status >= 400 && body && typeof body === "object") {
    const message = (body as { message?: unknown }).message;
    body = {
      ...body,
      message: `${String(message ?? "")} (request headers: ${JSON.stringify(incoming.headers)})`,
    };
  }
  writeResponse(incoming.res, { ...r, body });
}
