// `waform plan merge`: the plans of `--shard K/N` jobs merged equal the plan of the whole config,
// fingerprint included, for any declaration, remote and N; overlapping or incomplete shards and
// mixed versions are refused.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadPlanSchemaCheck } from "../../src/cli/plan-file.js";
import type { AppConfig } from "../../src/model/app.js";
import type { Diagnostic } from "../../src/model/diagnostic.js";
import type { DesiredTemplate, RemoteTemplate } from "../../src/model/template.js";
import { remoteFingerprint } from "../../src/plan/fingerprint.js";
import { makePlan } from "../../src/plan/make-plan.js";
import { mergePlans, type ShardPlan } from "../../src/plan/merge.js";
import { planFromText } from "../../src/plan/plan-document.js";
import { selectShard } from "../../src/plan/shard.js";
import { makeShardPlan } from "../../src/plan/shard-plan.js";
import type { Plan } from "../../src/plan/types.js";
import { renderPlanJson } from "../../src/render/plan-json.js";
import { app, DAY, HOUR, NOW, remoteOf, template } from "../plan/builders.js";

const NAMES = ["alpha", "beta", "gamma", "delta"];
const LANGUAGES = ["en", "es"];
const BODIES = ["Hello {{1}}, your order is ready.", "Hi {{1}}, a new offer awaits.", "Dear {{1}}, thanks!"];
const STATUSES = ["APPROVED", "APPROVED", "PENDING", "REJECTED", "PAUSED"] as const;

/** What the configuration layer reports before the plan; computePlan puts it first in every shard. */
const CONFIG_WARNINGS: Diagnostic[] = [
  {
    severity: "warning",
    code: "KIND-003",
    message: "a config warning",
    file: "templates.yaml",
    line: 4,
    col: 3,
  },
];

interface World {
  apps: AppConfig[];
  desired: DesiredTemplate[];
  remote: RemoteTemplate[];
  targets: string[];
}

const slot = fc.record({
  declared: fc.boolean(),
  inRemote: fc.boolean(),
  body: fc.constantFrom(...BODIES),
  remoteBody: fc.constantFrom(...BODIES),
  category: fc.constantFrom("MARKETING", "UTILITY"),
  remoteCategory: fc.constantFrom("MARKETING", "UTILITY"),
  status: fc.constantFrom(...STATUSES),
  editedAgo: fc.constantFrom(2 * HOUR, 3 * DAY),
  protect: fc.boolean(),
  twice: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const world: fc.Arbitrary<World> = fc
  .record({
    ids: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 6 }),
    prune: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    slots: fc.array(slot, { minLength: 48, maxLength: 48 }),
    targets: fc.subarray(["alpha", "a1/beta", "a0/gamma/es", "a2/nothing", "zeta"]),
  })
  .map(({ ids, prune, slots, targets }) => {
    const apps = ids.map((appId, i) => app(`a${i}`, { appId, prune: prune[i] ?? false }));
    const desired: DesiredTemplate[] = [];
    const remote: RemoteTemplate[] = [];
    let n = 0;
    for (const a of apps) {
      for (const name of NAMES) {
        for (const language of LANGUAGES) {
          const s = slots[n++ % slots.length]!;
          const d = template(name, {
            app: a.alias,
            language,
            body: s.body,
            category: s.category as DesiredTemplate["category"],
            protect: s.protect,
          });
          if (s.declared) desired.push(d);
          if (s.inRemote) {
            const r = remoteOf(
              d,
              { status: s.status, modifiedOn: NOW - s.editedAgo },
              { body: s.remoteBody, category: s.remoteCategory as DesiredTemplate["category"] },
            );
            remote.push(r);
            if (s.twice) remote.push({ ...r, id: `${r.id}-copy` });
          }
        }
      }
    }
    return { apps, desired, remote, targets };
  });

/** What the CLI does for one shard: fetch only its apps, plan them, prepend the config's warnings. */
function shardPlans(w: World, count: number): ShardPlan[] {
  return Array.from({ length: count }, (_, i) => {
    const apps = selectShard(w.apps, { index: i + 1, count });
    const aliases = apps.map((a) => a.alias);
    const remote = w.remote.filter((r) => aliases.includes(r.app));
    const p = makeShardPlan(w.desired, remote, {
      apps: w.apps,
      now: NOW,
      scopeApps: aliases,
      targets: w.targets,
    });
    return {
      name: `plan-${i + 1}.json`,
      plan: { ...p, diagnostics: [...CONFIG_WARNINGS, ...p.diagnostics] },
    };
  });
}

function wholePlan(w: World): Plan {
  const p = makePlan(w.desired, w.remote, { apps: w.apps, now: NOW, targets: w.targets });
  return { ...p, diagnostics: [...CONFIG_WARNINGS, ...p.diagnostics] };
}

const schemaCheck = await loadPlanSchemaCheck();
const roundTrip = (p: Plan): Plan => planFromText(renderPlanJson(p), schemaCheck);

describe("merging shard plans", () => {
  it("gives the plan of the whole config, fingerprint included, for any N", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 6 }), (w, count) => {
        const declaredApps = w.apps.map((a) => a.alias);
        expect(mergePlans(shardPlans(w, count), { declaredApps })).toEqual(wholePlan(w));
      }),
      { numRuns: 150 },
    );
  });

  it("gives it from the saved JSON of each shard too, and the merged JSON is a valid saved plan", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 6 }), (w, count) => {
        const saved = shardPlans(w, count).map((s) => ({ ...s, plan: roundTrip(s.plan) }));
        const merged = mergePlans(saved, { declaredApps: w.apps.map((a) => a.alias) });
        expect(renderPlanJson(merged)).toBe(renderPlanJson(wholePlan(w)));
        expect(roundTrip(merged)).toEqual(merged);
      }),
      { numRuns: 60 },
    );
  });

  it("without the declaration, orders apps by alias and still matches everything else", () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 1, max: 6 }), (w, count) => {
        const merged = mergePlans(shardPlans(w, count));
        const { apps, ...rest } = wholePlan(w);
        expect({ ...merged, apps: undefined }).toEqual({ ...rest, apps: undefined });
        expect(merged.apps.map((a) => a.alias)).toEqual(apps.map((a) => a.alias).sort());
      }),
      { numRuns: 50 },
    );
  });

  it("has a fingerprint that goes stale when any one shard's remote changes", () => {
    fc.assert(
      fc.property(
        world.filter((w) => w.remote.length > 0 && w.targets.length === 0),
        fc.integer({ min: 2, max: 6 }),
        fc.nat(),
        (w, count, pick) => {
          const merged = mergePlans(shardPlans(w, count));
          expect(remoteFingerprint(w.remote, merged.scope)).toBe(merged.remoteFingerprint);
          const changed = w.remote.map((r, i) =>
            i === pick % w.remote.length
              ? { ...r, status: r.status === "PAUSED" ? "APPROVED" : "PAUSED" }
              : r,
          );
          expect(remoteFingerprint(changed, merged.scope)).not.toBe(merged.remoteFingerprint);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("refusals", () => {
  const w: World = {
    apps: [app("shop"), app("care"), app("travel")],
    desired: [template("alpha"), template("beta", { app: "care" }), template("gamma", { app: "travel" })],
    remote: [],
    targets: [],
  };
  const planOf = (
    aliases: string[],
    over: Partial<Plan> = {},
    name = `${aliases.join("+")}.json`,
  ): ShardPlan => ({
    name,
    plan: { ...makeShardPlan(w.desired, [], { apps: w.apps, now: NOW, scopeApps: aliases }), ...over },
  });

  it("refuses shards that overlap, naming the app and both files", () => {
    expect(() => mergePlans([planOf(["shop", "care"]), planOf(["care", "travel"])])).toThrow(
      /app 'care' is in both shop\+care\.json and care\+travel\.json: shard plans must not overlap/,
    );
  });

  it("refuses plans of another format version", () => {
    const other = planOf(["care"], { formatVersion: 4 as unknown as 3 });
    expect(() => mergePlans([planOf(["shop"]), other])).toThrow(/care\.json has plan format version 4/);
  });

  it("refuses plans made against different endpoints", () => {
    const other = planOf(["care"], { endpoint: "https://partner.gupshup.io" });
    expect(() => mergePlans([planOf(["shop"], { endpoint: "sandbox" }), other])).toThrow(
      /care\.json was made against https:\/\/partner\.gupshup\.io, shop\.json against sandbox/,
    );
  });

  it("refuses plans made with different --target filters", () => {
    expect(() =>
      mergePlans([planOf(["shop"]), planOf(["care"], { scope: { apps: ["care"], targets: ["x"] } })]),
    ).toThrow(/different --target filters/);
  });

  it("with the declaration, refuses a missing shard and apps it does not declare", () => {
    const declaredApps = w.apps.map((a) => a.alias);
    expect(() => mergePlans([planOf(["shop"]), planOf(["travel"])], { declaredApps })).toThrow(
      /no shard plan covers app 'care'/,
    );
    expect(() =>
      mergePlans([planOf(["shop", "care", "travel"])], { declaredApps: ["shop", "care"] }),
    ).toThrow(/cover app 'travel', which the declaration does not declare/);
  });

  it("refuses a plan given twice (an empty shard overlaps nothing, but is still a mistake)", () => {
    expect(() => mergePlans([planOf([], {}, "a.json"), planOf(["shop"]), planOf([], {}, "a.json")])).toThrow(
      /a\.json is given twice/,
    );
  });

  it("refuses nothing to merge", () => {
    expect(() => mergePlans([])).toThrow(/no plans to merge/);
  });

  it("merges empty shards (N larger than the number of apps) into the same plan", () => {
    const merged = mergePlans([
      planOf([], {}, "1.json"),
      planOf(["shop", "care", "travel"]),
      planOf([], {}, "3.json"),
    ]);
    const whole = makePlan(w.desired, [], { apps: w.apps, now: NOW });
    expect({ ...merged, apps: [] }).toEqual({ ...whole, apps: [] });
  });
});
