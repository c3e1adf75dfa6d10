// The Gupshup Partner API client. Only cli/ (the composition root) imports this; apply/ and verify/
// see the provider port.

export { type AppRef, type AuthMode, appTokenEnvName } from "./auth.js";
export { DEFAULT_BASE_URL, resolveBaseUrl } from "./base-url.js";
export { DEFAULT_TIMEOUTS, READ_RETRY_DELAYS_MS, type Timeouts } from "./http.js";
export { DEFAULT_PAGE_SIZE } from "./paging.js";
export { createGupshupProvider, type GupshupProvider, type GupshupProviderOptions } from "./provider.js";
