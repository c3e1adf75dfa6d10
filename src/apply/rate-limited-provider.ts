// The provider seen through a RateLimiter: for callers outside apply (the plan's list calls, the
// stale-plan check) that should spend from the same per-app budgets as the apply that follows.

import type { TemplateProvider } from "../providers/port.js";
import type { RateLimiter } from "./rate-limiter.js";

export function withRateLimits(provider: TemplateProvider, limiter: RateLimiter): TemplateProvider {
  return {
    listTemplates: (app, signal) =>
      limiter.run(app, "templates", () => provider.listTemplates(app, signal), signal),
    createTemplate: (app, key, content, signal) =>
      limiter.run(app, "templates", () => provider.createTemplate(app, key, content, signal), signal),
    updateTemplate: (app, remote, content, signal) =>
      limiter.run(app, "templates", () => provider.updateTemplate(app, remote, content, signal), signal),
    deleteTemplate: (app, remote, signal) =>
      limiter.run(app, "delete", () => provider.deleteTemplate(app, remote, signal), signal),
    close: () => provider.close(),
  };
}
