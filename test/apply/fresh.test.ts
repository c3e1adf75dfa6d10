import { describe, expect, it } from "vitest";
import { checkFresh } from "../../src/apply/fresh.js";
import { UserError } from "../../src/model/errors.js";
import type { RemoteListing } from "../../src/model/listing.js";
import type { RemoteTemplate } from "../../src/model/template.js";
import { makePlan } from "../../src/plan/make-plan.js";
import { app, declared, edited, START } from "./builders.js";
import { setup } from "./harness.js";

const shop = app("shop");
const mall = app("mall");

function world() {
  const { provider } = setup();
  const a = declared("shop", "a");
  provider.seed(shop, a, a);
  provider.seed(mall, declared("mall", "m"), declared("mall", "m"));
  const planFor = (scopeApps?: string[]) =>
    makePlan([edited(a)], provider.all(), { apps: [shop, mall], now: START, scopeApps });
  return { provider, planFor };
}

const listing = (templates: RemoteTemplate[]): RemoteListing => ({
  templates,
  unmanageable: [],
  warnings: [],
});

describe("checkFresh", () => {
  it("accepts the remote the plan was made from", () => {
    const { provider, planFor } = world();
    expect(() => checkFresh(planFor(), listing(provider.all()))).not.toThrow();
  });

  it("refuses the plan when a template in its scope changed since", () => {
    const { provider, planFor } = world();
    const plan = planFor();
    provider.setStatus("REJECTED", shop);
    expect(() => checkFresh(plan, listing(provider.all()))).toThrow(UserError);
    expect(() => checkFresh(plan, listing(provider.all()))).toThrow(
      /^plan is stale: the remote templates of mall, shop changed/,
    );
  });

  it("ignores changes outside the plan's scope", () => {
    const { provider, planFor } = world();
    const plan = planFor(["shop"]);
    provider.setStatus("REJECTED", mall);
    expect(() => checkFresh(plan, listing(provider.all()))).not.toThrow();
  });
});
