// The sandbox's HTTP plumbing: reading a request body under a cap, normalising headers and path
// parameters, and writing one response. No simulated behaviour lives here.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxResponse } from "./route.js";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
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

/** Lower-cased header names; repeated headers joined with `, `. */
export function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** URL-decoded path parameters, or undefined when one is not valid percent-encoding. */
export function decodeParams(groups: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!groups) return {};
  const out: Record<string, string> = {};
  try {
    for (const [k, v] of Object.entries(groups)) out[k] = decodeURIComponent(v);
  } catch {
    return undefined;
  }
  return out;
}

/** Writes `r` unless the connection is already gone. Strings go out as text, anything else as JSON. */
export function writeResponse(res: ServerResponse, r: SandboxResponse): void {
  const text = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
  const headers: Record<string, string> = {
    "content-type":
      typeof r.body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    ...r.headers,
  };
  if (!res.writableEnded && !res.destroyed) res.writeHead(r.status, headers).end(text);
}
