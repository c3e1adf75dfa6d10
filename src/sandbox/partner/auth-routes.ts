// Login, the legacy app token and universal app tokens (UATs). Any credentials log in; the tokens
// handed out are remembered so app-scoped calls can tell a token this sandbox issued from a
// made-up one. UATs follow the documented rules (reference §1.2, field evidence §1): minted with a
// Bearer universal token, a name unique among the app's active UATs, a lifetime of 1–24 h, at most
// 3 active per app; revoked one at a time (by id, name or token) or all at once.

import { DAY_MS, errorBody, type SandboxEngine } from "../engine.js";
import type { SandboxResponse, SandboxRoute } from "../route.js";
import type { IssuedToken } from "../state.js";
import { formOf } from "./form.js";

const HOUR_MS = 3_600_000;
export const MAX_ACTIVE_UATS = 3;

export function authRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    {
      method: "POST",
      pattern: /^\/partner\/account\/login\/?$/,
      bucket: "login",
      formBody: true,
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
      formBody: true,
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
        const active = engine.activeUats(appId!);
        if (active.some((t) => t.name === name))
          return errorBody(400, `an active token named ${name} exists`);
        // the API's words, as a client in the field saw them (issue 12)
        if (active.length >= MAX_ACTIVE_UATS) return errorBody(400, "Maximum active tokens reached");
        const token = engine.newToken("sandbox-uat-");
        const id = engine.newId();
        app.uats = [...active, { id, token, name, expiresAt: expiry }];
        engine.markDirty();
        return { status: 200, body: { status: "success", token, id, name, expiry } };
      },
    },
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/token\/revoke\/?$/,
      bucket: "token-revoke",
      formBody: true,
      handle(req, { appId }) {
        const denied = engine.checkUniversal(req);
        if (denied) return denied;
        const form = formOf(req);
        const given = (["id", "name", "token"] as const).flatMap((field) => {
          const value = form.get(field)?.trim();
          return value ? [{ field, value }] : [];
        });
        if (given.length !== 1) return errorBody(400, "supply exactly one of id, token, name");
        const { field, value } = given[0]!;
        const match = engine.activeUats(appId!).find((t) => t[field] === value);
        if (!match) return errorBody(400, `no active app token with that ${field}`);
        return revoke(engine, appId!, [match], {
          status: "success",
          scope: field === "token" ? "jti" : field,
        });
      },
    },
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/token\/revoke-all\/?$/,
      bucket: "token-revoke",
      handle(req, { appId }) {
        const denied = engine.checkUniversal(req);
        if (denied) return denied;
        const active = engine.activeUats(appId!);
        return revoke(engine, appId!, active, { status: "success", appTokensRevoked: String(active.length) });
      },
    },
  ];
}

function revoke(
  engine: SandboxEngine,
  appId: string,
  tokens: readonly IssuedToken[],
  body: Record<string, string>,
): SandboxResponse {
  const app = engine.app(appId);
  app.uats = app.uats.filter((t) => !tokens.includes(t));
  engine.state.revokedTokens.push(...tokens.map((t) => t.token));
  engine.markDirty();
  return { status: 200, body };
}
