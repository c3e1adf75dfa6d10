// The HTTP client of the send channels: undici with keep-alive and a timeout on every request.
// Network failures become RemoteError `transient`; whether the request may have been sent decides
// `ambiguous`, because a test send is not idempotent.

import { Agent, FormData, request } from "undici";
import { RemoteError } from "../../model/errors.js";
import { NOT_SENT_CODES, networkErrorCode } from "../network-errors.js";
import { VERIFY_TLS } from "../tls.js";
import type { PreparedRequest } from "./port.js";

export interface HttpResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string | undefined>;
  text: string;
}

export interface HttpClient {
  send(req: PreparedRequest, signal?: AbortSignal): Promise<HttpResponse>;
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

export interface HttpClientOptions {
  /** Limit for the response headers and for each pause in the body. Default 30 s. */
  timeoutMs?: number;
  /** Limit for opening the connection. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Limit for the whole exchange. Default 120 s. `timeoutMs` only bounds each pause, so a server
   * trickling a byte at a time would otherwise hold a send open for ever.
   */
  totalTimeoutMs?: number;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 120_000;
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: { timeout: options.connectTimeoutMs ?? 10_000, ...VERIFY_TLS },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  return {
    async send(req, signal) {
      const origin = new URL(req.url).origin;
      const deadline = AbortSignal.timeout(totalTimeoutMs);
      try {
        const res = await request(req.url, {
          method: req.method,
          headers: req.headers,
          body: encodeBody(req.body),
          dispatcher: agent,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
        });
        const text = await res.body.text();
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
        }
        return { status: res.statusCode, headers, text };
      } catch (err) {
        if (signal?.aborted) throw signal.reason ?? err;
        if (deadline.aborted) {
          throw new RemoteError(
            "transient",
            `${req.method} ${origin}: no complete response within ${totalTimeoutMs} ms`,
            { ambiguous: true },
          );
        }
        const code = networkErrorCode(err) ?? "UNKNOWN";
        // only the origin: the path may hold an account id, and no header value is ever echoed
        throw new RemoteError("transient", `${req.method} ${origin}: ${describe(code)}`, {
          ambiguous: !NOT_SENT_CODES.has(code),
        });
      }
    },
    close: () => agent.close(),
  };
}

/** The body as it goes on the wire. Multipart gets its boundary from undici's FormData. */
export function encodeBody(body: PreparedRequest["body"]): string | FormData {
  switch (body.kind) {
    case "form":
      return new URLSearchParams(body.fields).toString();
    case "multipart": {
      const form = new FormData();
      for (const [name, value] of body.fields) form.append(name, value);
      return form;
    }
    case "json":
      return JSON.stringify(body.value);
  }
}

function describe(code: string): string {
  switch (code) {
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return "timed out waiting for the response";
    case "UND_ERR_CONNECT_TIMEOUT":
      return "timed out connecting";
    case "ECONNREFUSED":
      return "connection refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "connection reset";
    default:
      return `network error (${code})`;
  }
}
