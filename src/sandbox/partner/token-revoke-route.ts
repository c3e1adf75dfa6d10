// Revoking a universal app token: `POST /partner/app/{appId}/token/revoke` (field-evidence.md §1:
// the path is from one page and unconfirmed; its body is undocumented). The sandbox takes the
// universal token as `Authorization: Bearer`, and the app token to revoke in a form field `token`
// (sandbox). A revoked token is refused (401) from then on.

import { errorBody, type SandboxEngine } from "../engine.js";
import type { SandboxRoute } from "../route.js";
import { formOf } from "./form.js";

export function tokenRevokeRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    {
      method: "POST",
      pattern: /^\/partner\/app\/(?<appId>[^/]+)\/token\/revoke\/?$/,
      bucket: "token",
      handle(req, { appId }) {
        const denied = engine.checkUniversal(req);
        if (denied) return denied;
        const token = formOf(req).get("token")?.trim();
        if (!token) return errorBody(400, "token is required");
        const app = engine.app(appId!);
        const found = app.uats.find((t) => t.token === token);
        if (!found) return errorBody(400, "Token not found");
        app.uats = app.uats.filter((t) => t !== found);
        engine.state.revokedTokens.push(token);
        engine.markDirty();
        return { status: 200, body: { status: "success" } };
      },
    },
  ];
}
