// Every request the provider makes spends from the run's budget, in its endpoint group: each page
// of a list, each write, each upload and each credential request, with the call's priority; and
// the caller learns when the call's own request left (onSent), once.

import { describe, expect, it } from "vitest";
import { createBudget, type RateBudget, type RequestMeter } from "../../../src/providers/budget/index.js";
import type { CallPriority } from "../../../src/providers/port.js";
import { testApp, useSandbox } from "../../helpers/sandbox.js";
import { imageContent, key, standardContent } from "./content.js";

const fx = useSandbox({ rateLimits: false, approvalDelayMs: 0 });
const app = testApp();

/** The run's budget, recording each request it lets out. */
function recordingBudget() {
  const budget = createBudget({ clock: fx.clock });
  const spent: { group: string; app?: string; priority?: CallPriority }[] = [];
  const recording: RateBudget = {
    spend(meter: RequestMeter, send, opts) {
      return budget.spend(
        meter,
        (at) => {
          spent.push({
            group: meter.group,
            ...(meter.app && { app: meter.app.alias }),
            ...(opts?.priority && { priority: opts.priority }),
          });
          return send(at);
        },
        opts,
      );
    },
    rateOf: (meter) => budget.rateOf(meter),
  };
  return { budget: recording, spent };
}

describe("the provider spends its budget per request", () => {
  it("counts every page of a list in the app's `templates` group", async () => {
    const seed = fx.provider();
    for (let i = 0; i < 7; i++) await seed.createTemplate(app, key(`t${i}`), standardContent());
    const { budget, spent } = recordingBudget();
    const provider = fx.provider({ budget, pageSize: 3 });
    const sent: number[] = [];
    const listed = await provider.listTemplates(app, { priority: "poll", onSent: (at) => sent.push(at) });
    expect(listed.templates).toHaveLength(7);
    expect(spent).toEqual([
      { group: "token", app: "shop" },
      ...Array(3).fill({ group: "templates", app: "shop", priority: "poll" }),
    ]);
    expect(sent).toHaveLength(1);
  });

  it("spends a sample-media upload from `media`, the create from `templates`", async () => {
    const { budget, spent } = recordingBudget();
    const provider = fx.provider({ budget });
    await provider.createTemplate(app, key("pic"), imageContent());
    expect(spent.map((s) => s.group)).toEqual(["token", "media", "templates"]);
  });

  it("spends a login from the account's `login` group, once for every app", async () => {
    const { budget, spent } = recordingBudget();
    const provider = fx.provider({
      budget,
      env: fx.env({
        GUPSHUP_PARTNER_TOKEN: undefined,
        GUPSHUP_EMAIL: "me@shop.io",
        GUPSHUP_SECRET: "s3cret-value",
      }),
    });
    await Promise.all(
      ["a", "b", "c"].map((alias) => provider.listTemplates(testApp({ alias, appId: `app-${alias}` }))),
    );
    expect(spent.filter((s) => s.group === "login")).toEqual([{ group: "login" }]);
    expect(
      spent
        .filter((s) => s.group === "token")
        .map((s) => s.app)
        .sort(),
    ).toEqual(["a", "b", "c"]);
  });

  it("spends deletes from `delete` and sends from `send`", async () => {
    const { budget, spent } = recordingBudget();
    const provider = fx.provider({ budget });
    const created = await provider.createTemplate(app, key("short_lived"), standardContent());
    await provider.deleteTemplate(app, created);
    const form = new URLSearchParams({ source: "1", destination: "2", "src.name": "x", template: "{}" });
    await provider.sendTemplate(app, form).catch(() => {});
    expect(spent.map((s) => s.group)).toEqual(["token", "templates", "delete", "send"]);
  });
});
