// The provider seen through a RateLimiter: for callers outside apply (the plan's list calls, the
// stale-plan check) that should spend from the same per-app budgets as the apply that follows.

import { RemoteError } from "../model/errors.js";
import type { TemplateProvider } from "../providers/port.js";
import type { RateLimiter } from "./rate-limiter.js";

/**
 * A list is a read, safe to repeat: after a 429 it is sent again (the limiter has paused the
 * app's bucket until the server's window frees up), so one 429 does not fail a whole plan.
 */
const LIST_ATTEMPTS = 4;

export function withRateLimits(provider: TemplateProvider, limiter: RateLimiter): TemplateProvider {
  return {
    async listTemplates(app, signal) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await limiter.run(app, "templates", () => provider.listTemplates(app, signal), signal);
        } catch (err) {
          if (attempt >= LIST_ATTEMPTS || !(err instanceof RemoteError && err.kind === "rate_limited"))
            throw err;
        }
      }
    },
    createTemplate: (app, key, content, signal) =>
      limiter.run(app, "templates", () => provider.createTemplate(app, key, content, signal), signal),
    updateTemplate: (app, remote, content, signal) =>
      limiter.run(app, "templates", () => provider.updateTemplate(app, remote, content, signal), signal),
    deleteTemplate: (app, remote, signal) =>
      limiter.run(app, "delete", () => provider.deleteTemplate(app, remote, signal), signal),
    close: () => provider.close(),
  };
}
