import { describe, expect, it } from "vitest";
import { formatEvent } from "../../src/render/event-line.js";

const MIN = 60_000;

describe("one line per wait", () => {
  it.each([
    [
      {
        type: "rate_wait",
        app: "shop",
        group: "templates",
        rate: { limit: 10, windowMs: MIN },
        cause: "pace",
        waitMs: 41_300,
      },
      "rate limit: app shop, 10/min, next call in 42 s",
    ],
    [
      { type: "rate_wait", app: "shop", group: "templates", cause: "paused", waitMs: MIN },
      "rate limit: app shop, limit not known yet, paused after a 429, next call in 60 s",
    ],
    [
      {
        type: "rate_wait",
        app: "shop",
        group: "media",
        rate: { limit: 9, windowMs: 1_000 },
        cause: "paused",
        waitMs: 1_000,
      },
      "rate limit: app shop (media), 9/s, paused after a 429, next call in 1 s",
    ],
    [
      {
        type: "rate_wait",
        group: "login",
        rate: { limit: 10, windowMs: MIN },
        cause: "pace",
        waitMs: 12_000,
      },
      "rate limit: login, 10/min, next call in 12 s",
    ],
    [
      { type: "rate_learned", app: "shop", group: "templates", rate: { limit: 12, windowMs: MIN } },
      "rate limit: app shop, 12/min learned from a 429; pacing to it",
    ],
    [
      { type: "approval_wait", templates: 1, apps: 1, waitMs: 3_000 },
      "waiting for approval: 1 template in 1 app, next check in 3 s",
    ],
    [
      { type: "approval_wait", templates: 12, apps: 3, waitMs: 60_000 },
      "waiting for approval: 12 templates in 3 apps, next check in 60 s",
    ],
  ] as const)("%j", (event, line) => {
    expect(formatEvent(event)).toBe(line);
  });
});
