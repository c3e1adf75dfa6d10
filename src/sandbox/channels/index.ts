import type { SandboxRoute } from "../route.js";

/** The send APIs other than the Partner API's own `/template/msg` (Gupshup self-serve, Kaleyra v1 and v2). */
export const channelRoutes: SandboxRoute[] = [];
