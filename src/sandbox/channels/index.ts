import type { SandboxRoute } from "../route.js";
import { gupshupApiRoute } from "./gupshup-api.js";
import { kaleyraV1Route } from "./kaleyra-v1.js";
import { kaleyraV2Route } from "./kaleyra-v2.js";

/** The send APIs other than the Partner API's own `/template/msg` (Gupshup self-serve, Kaleyra v1 and v2). */
export const channelRoutes: SandboxRoute[] = [gupshupApiRoute, kaleyraV1Route, kaleyraV2Route];
