import type { SandboxEngine } from "../engine.js";
import type { SandboxRoute } from "../route.js";
import { authRoutes } from "./auth-routes.js";
import { mediaRoutes } from "./media-route.js";
import { sendRoutes } from "./send-route.js";
import { templateRoutes } from "./template-routes.js";
import { v3MessageRoutes } from "./v3-message-route.js";

/** Every Partner API endpoint the sandbox simulates. */
export function partnerRoutes(engine: SandboxEngine): SandboxRoute[] {
  return [
    ...authRoutes(engine),
    ...templateRoutes(engine),
    ...mediaRoutes(engine),
    ...sendRoutes(engine),
    ...v3MessageRoutes(engine),
  ];
}
