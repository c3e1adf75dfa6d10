// Merging the plans of `--shard K/N` jobs into the plan of the whole config. Shards split apps, and
// every part of a plan belongs to one app, so the merge is mostly a union in key order. Three
// parts need care:
// - the fingerprint and the declaration digest: per-app digests XOR together (fingerprint.ts,
//   declaration-digest.ts), so the merged plan carries the very values the unsharded plan has, and
//   applying it re-checks every shard's apps (the shards must share one endpoint);
// - diagnostics not tied to an app: each shard repeats the configuration's warnings (they come
//   first, identical in every shard), and `--target` warnings (PLAN-005) depend on the scope, so
//   they are worked out again for the merged scope;
// - the order of `apps`, which follows the declaration when it is known.

import type { Diagnostic } from "../model/diagnostic.js";
import { UserError } from "../model/errors.js";
import { stableJson } from "../model/plain.js";
import { combineFingerprints } from "./fingerprint.js";
import { compareDiagnostics, compareKeys, unmatchedTargets } from "./make-plan.js";
import type { Plan } from "./types.js";

export interface ShardPlan {
  /** Where the plan came from (a file name), for messages. */
  name: string;
  plan: Plan;
}

export interface MergeOptions {
  /**
   * The aliases the declaration declares, in its order. When given, the merged `apps` follow this
   * order and every one of them must be in exactly one shard (a missing shard is an error).
   */
  declaredApps?: readonly string[];
}

const TARGET_WARNING = "PLAN-005";

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function list(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(", ");
}

function checkCompatible(shards: readonly ShardPlan[]): void {
  if (shards.length === 0) throw new UserError("no plans to merge", "name the shard plan files");
  const names = shards.map((s) => s.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UserError(`${twice} is given twice`, "name each shard's plan once");
  const [first, ...rest] = shards as [ShardPlan, ...ShardPlan[]];
  for (const s of rest) {
    if (s.plan.formatVersion !== first.plan.formatVersion) {
      throw new UserError(
        `${s.name} has plan format version ${s.plan.formatVersion}, ${first.name} has ${first.plan.formatVersion}`,
        "make every shard plan with the same waform version",
      );
    }
    if (s.plan.endpoint !== first.plan.endpoint) {
      throw new UserError(
        `${s.name} was made against ${s.plan.endpoint}, ${first.name} against ${first.plan.endpoint}`,
        "make every shard plan against the same Partner API (or all with --sandbox)",
      );
    }
    if (stableJson(s.plan.scope.targets) !== stableJson(first.plan.scope.targets)) {
      throw new UserError(
        `${s.name} and ${first.name} were made with different --target filters`,
        "run every shard with the same --target",
      );
    }
  }
  const owner = new Map<string, string>();
  for (const s of shards) {
    for (const app of s.plan.scope.apps) {
      const other = owner.get(app);
      if (other !== undefined) {
        throw new UserError(
          `app '${app}' is in both ${other} and ${s.name}: shard plans must not overlap`,
          "merge the plans of one `--shard K/N` run (same N, each K once)",
        );
      }
      owner.set(app, s.name);
    }
  }
}

function checkCoverage(covered: readonly string[], declared: readonly string[]): void {
  const known = new Set(declared);
  const missing = declared.filter((a) => !covered.includes(a));
  if (missing.length > 0) {
    throw new UserError(
      `no shard plan covers app${missing.length === 1 ? "" : "s"} ${list(missing)}`,
      "a shard's plan is missing: merge the plans of every K in 1..N",
    );
  }
  const foreign = covered.filter((a) => !known.has(a));
  if (foreign.length > 0) {
    throw new UserError(
      `the shard plans cover app${foreign.length === 1 ? "" : "s"} ${list(foreign)}, which the declaration does not declare`,
      "merge plans made from this configuration",
    );
  }
}

/** How many diagnostics every shard starts with alike: the configuration's own (plan's come after). */
function sharedPrefix(lists: readonly Diagnostic[][]): number {
  const texts = lists.map((l) => l.map((d) => stableJson(d)));
  const first = texts[0] ?? [];
  let n = 0;
  while (
    n < first.length &&
    lists[0]?.[n]?.code !== TARGET_WARNING &&
    texts.every((t) => t.length > n && t[n] === first[n])
  ) {
    n++;
  }
  return n;
}

function mergeDiagnostics(
  plans: readonly Plan[],
  merged: Pick<Plan, "scope" | "changes" | "undeclared" | "unmanageable">,
) {
  const lists = plans.map((p) => p.diagnostics);
  const n = sharedPrefix(lists);
  const shared = (lists[0] ?? []).slice(0, n);
  // each distinct diagnostic as many times as the shard that has it most (a shard's own are in it alone)
  const counts = new Map<string, { d: Diagnostic; n: number }>();
  for (const l of lists) {
    const mine = new Map<string, { d: Diagnostic; n: number }>();
    for (const d of l.slice(n)) {
      if (d.code === TARGET_WARNING) continue;
      const k = stableJson(d);
      mine.set(k, { d, n: (mine.get(k)?.n ?? 0) + 1 });
    }
    for (const [k, v] of mine) if ((counts.get(k)?.n ?? 0) < v.n) counts.set(k, v);
  }
  const rest = [...counts.values()].flatMap(({ d, n: times }) => Array.from({ length: times }, () => d));
  const keys = [
    ...merged.changes.map((c) => c.key),
    ...merged.undeclared.map((u) => u.key),
    ...merged.unmanageable.map((u) => u.key),
  ];
  rest.push(...unmatchedTargets(merged.scope, keys));
  return [...shared, ...rest.sort(compareDiagnostics)];
}

/** One plan from the plans of disjoint shards; equal to the plan of all their apps at once. */
export function mergePlans(shards: readonly ShardPlan[], options: MergeOptions = {}): Plan {
  checkCompatible(shards);
  const plans = shards.map((s) => s.plan);
  const covered = plans.flatMap((p) => p.scope.apps).sort(byString);
  if (options.declaredApps) checkCoverage(covered, options.declaredApps);
  const order = options.declaredApps ?? covered;
  const rank = new Map(order.map((a, i) => [a, i]));
  const scope = { apps: covered, targets: [...(plans[0]?.scope.targets ?? [])] };
  const changes = plans.flatMap((p) => p.changes).sort((a, b) => compareKeys(a.key, b.key));
  const undeclared = plans.flatMap((p) => p.undeclared).sort((a, b) => compareKeys(a.key, b.key));
  const unmanageable = plans.flatMap((p) => p.unmanageable).sort((a, b) => compareKeys(a.key, b.key));
  return {
    formatVersion: plans[0]!.formatVersion,
    // as old as its oldest shard: that is the remote state some of it was decided on
    createdAt: Math.min(...plans.map((p) => p.createdAt)),
    remoteFingerprint: combineFingerprints(plans.map((p) => p.remoteFingerprint)),
    endpoint: plans[0]!.endpoint,
    declarationDigest: combineFingerprints(plans.map((p) => p.declarationDigest)),
    scope,
    apps: plans
      .flatMap((p) => p.apps)
      .sort((a, b) => (rank.get(a.alias) ?? 0) - (rank.get(b.alias) ?? 0) || byString(a.alias, b.alias)),
    changes,
    undeclared,
    unmanageable,
    diagnostics: mergeDiagnostics(plans, { scope, changes, undeclared, unmanageable }),
  };
}
