// The /__sandbox/ admin endpoints (documented in README.md, "Admin API"). They bypass auth, faults,
// rate limits and counters: they are for tests and tooling, on a loopback-only server.

import { parseDuration } from "../model/duration.js";
import type { SandboxControl } from "./control.js";
import type { SandboxResponse } from "./route.js";

export const ADMIN_PREFIX = "/__sandbox/";

function ok(body: unknown): SandboxResponse {
  return { status: 200, body };
}

function bad(message: string, status = 400): SandboxResponse {
  return { status, body: { status: "error", message } };
}

function json(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  const parsed: unknown = JSON.parse(raw.toString("utf8"));
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new TypeError("expected a JSON object");
  return parsed as Record<string, unknown>;
}

export function handleAdmin(
  control: SandboxControl,
  method: string,
  path: string,
  raw: Buffer,
): SandboxResponse {
  try {
    return route(control, method, path.slice(ADMIN_PREFIX.length).replace(/\/$/, ""), raw);
  } catch (err) {
    return bad((err as Error).message);
  }
}

function route(control: SandboxControl, method: string, path: string, raw: Buffer): SandboxResponse {
  const key = `${method} ${path}`;
  switch (key) {
    case "GET health":
      return ok({ status: "ok", now: control.clock.now() });
    case "POST reset":
      control.reset();
      return ok({ status: "success" });
    case "GET clock":
      return ok({ now: control.clock.now() });
    case "POST clock/advance": {
      const body = json(raw);
      const ms =
        typeof body["ms"] === "number"
          ? body["ms"]
          : typeof body["duration"] === "string"
            ? parseDuration(body["duration"])
            : undefined;
      if (ms === undefined || ms < 0) return bad('send {"ms": N} or {"duration": "24h"}');
      control.clock.advance(ms);
      return ok({ now: control.clock.now() });
    }
    case "GET config":
      return ok(control.config());
    case "PATCH config":
      return ok(control.configure(json(raw)));
    case "GET faults":
      return ok(control.faults());
    case "PUT faults":
      control.setFaults(json(raw));
      return ok(control.faults());
    case "GET stats":
      return ok(control.stats());
    case "POST stats/reset":
      control.resetStats();
      return ok({ status: "success" });
    case "GET state":
      return ok(control.state());
    case "GET sends":
      return ok({ sends: control.sends() });
    case "POST tokens/revoke":
      control.revokeTokens();
      return ok({ status: "success" });
  }
  const rows = /^apps\/([^/]+)\/rows$/.exec(path);
  if (rows && method === "POST") {
    const body = json(raw);
    if (!Array.isArray(body["templates"]))
      return bad('send {"templates": [rows…]} (the shape of a list answer)');
    return ok({
      status: "success",
      loaded: control.loadRows(decodeURIComponent(rows[1]!), body["templates"]),
    });
  }
  const status = /^templates\/([^/]+)\/status$/.exec(path);
  if (status && method === "POST") {
    const body = json(raw);
    if (typeof body["status"] !== "string") return bad('send {"status": "PAUSED", "reason"?: "…"}');
    control.setTemplateStatus(
      decodeURIComponent(status[1]!),
      body["status"],
      typeof body["reason"] === "string" ? body["reason"] : undefined,
    );
    return ok({ status: "success" });
  }
  return bad(`unknown admin endpoint: ${method} /__sandbox/${path}`, 404);
}
