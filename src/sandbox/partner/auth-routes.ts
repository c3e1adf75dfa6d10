// Login, the legacy app token and universal app tokens. Any credentials log in; the tokens handed
// out are remembered so app-scoped calls can tell a token this sandbox issued from a made-up one.

import { DAY_MS, errorBody, type SandboxEngine } from "../engine.js";
import type { SandboxRoute } from "../route.js";
import { formOf } from "./form.js";

const HOUR_MS = 3_600_000;
const MAX_ACTIVE_UATS = 3;

export function authRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    {
      method: "POST",
      pattern: /^\/partner\/account\/login\/?$/,
      bucket: "login",
      handle(req) {
        const form = formOf(req);
        const email = form.get("email")?.trim();
        const secret = form.get("secret")?.trim() || form.get("password")?.trim();
        if (!email || !secret) return errorBody(400, "email and secret are required");
        return {
          status: 200,
          body: { token: engine.issuePartnerToken(), id: 1, name: "Sandbox Partner", email },
        };
      },
    },
    {
      method: "GET",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/token\/?$/,
      bucket: "token",
      handle(req, { appId }) {
        const denied = engine.checkPartner(req);
        if (denied) return denied;
        const app = engine.app(appId!);
        const at = engine.now();
        return {
          status: 200,
          body: {
            status: "success",
            token: {
              token: app.appToken,
              authoriserId: appId,
              requestorId: appId,
              createdOn: at,
              modifiedOn: at,
              expiresOn: 0,
              active: true,
            },
          },
        };
      },
    },
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/token\/?$/,
      bucket: "token",
      handle(req, { appId }) {
        const denied = engine.checkUniversal(req);
        if (denied) return denied;
        const form = formOf(req);
        const name = form.get("name")?.trim();
        if (!name) return errorBody(400, "name is required");
        const now = engine.now();
        const expiryText = form.get("expiry")?.trim();
        const expiry = expiryText ? Number(expiryText) : now + DAY_MS;
        if (!Number.isInteger(expiry) || expiry < now + HOUR_MS || expiry > now + DAY_MS) {
          return errorBody(400, "expiry must be an epoch-ms time between 1 hour and 24 hours from now");
        }
        const app = engine.app(appId!);
        const active = app.uats.filter((t) => t.expiresAt === undefined || t.expiresAt > now);
        if (active.some((t) => t.name === name))
          return errorBody(400, `an active token named ${name} exists`);
        if (active.length >= MAX_ACTIVE_UATS) {
          return errorBody(400, `at most ${MAX_ACTIVE_UATS} active app tokens are allowed per app`);
        }
        const token = engine.newToken("sandbox-uat-");
        app.uats = [...active, { token, name, expiresAt: expiry }];
        engine.markDirty();
        return { status: 200, body: { status: "success", token, name, expiry } };
      },
    },
  ];
}
