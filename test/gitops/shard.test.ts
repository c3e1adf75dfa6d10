// --shard K/N: every app in exactly one shard for any apps and any N; an app's shard depends on its
// app id only, so adding apps moves none, and growing N only moves apps into the new shard.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatShard, parseShard, selectShard, shardOf } from "../../src/plan/shard.js";

const appIds = fc.uniqueArray(fc.uuid(), { minLength: 0, maxLength: 60 });
const apps = appIds.map((ids) => ids.map((appId, i) => ({ alias: `app${i}`, appId })));
const counts = fc.integer({ min: 1, max: 64 });

function shardsOf<T extends { appId: string }>(list: T[], count: number): T[][] {
  return Array.from({ length: count }, (_, i) => selectShard(list, { index: i + 1, count }));
}

describe("sharding apps", () => {
  it("gives every app to exactly one shard, for any apps and any N", () => {
    fc.assert(
      fc.property(apps, counts, (list, count) => {
        const shards = shardsOf(list, count);
        const seen = shards.flat().map((a) => a.alias);
        expect(seen.sort()).toEqual(list.map((a) => a.alias).sort());
        expect(new Set(seen).size).toBe(seen.length);
      }),
    );
  });

  it("keeps an app's shard when other apps come or go, whatever their order", () => {
    fc.assert(
      fc.property(apps, appIds, counts, (list, extra, count) => {
        const bigger = [...extra.map((appId, i) => ({ alias: `new${i}`, appId })), ...list].reverse();
        const before = shardsOf(list, count);
        const after = shardsOf(bigger, count);
        for (const a of list) {
          expect(after.findIndex((s) => s.includes(a))).toBe(before.findIndex((s) => s.includes(a)));
        }
      }),
    );
  });

  it("puts every alias of one Gupshup app in the same shard (its rate limits are per app id)", () => {
    fc.assert(
      fc.property(fc.uuid(), counts, (appId, count) => {
        expect(shardOf({ appId: appId.toUpperCase() }, count)).toBe(shardOf({ appId: ` ${appId}` }, count));
      }),
    );
  });

  it("moves apps only into the new shard when N grows by one", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 1, max: 200 }), (appId, count) => {
        const before = shardOf({ appId }, count);
        const after = shardOf({ appId }, count + 1);
        expect(after === before || after === count + 1).toBe(true);
      }),
    );
  });

  it("spreads apps evenly enough for a CI matrix (1,000 apps over 8 shards)", () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({
      appId: `${i.toString(16).padStart(8, "0")}-d202-4fdb-911e-3a8fbfbfb797`,
    }));
    const sizes = shardsOf(list, 8).map((s) => s.length);
    expect(Math.min(...sizes)).toBeGreaterThan(90);
    expect(Math.max(...sizes)).toBeLessThan(160);
  });
});

describe("--shard K/N", () => {
  it.each(["1/1", "3/8", " 8/8 ", "2 / 4"])("reads %j", (text) => {
    const s = parseShard(text);
    expect(formatShard(s)).toBe(text.replace(/\s/g, ""));
  });

  it.each(["0/4", "5/4", "1/0", "2", "a/b", "1/4/2", "-1/4", "1.5/4", "1/10001"])("refuses %j", (text) => {
    expect(() => parseShard(text)).toThrow(/--shard .* is not K\/N/);
  });
});
