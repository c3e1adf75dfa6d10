// `--shard K/N`: split the declared apps across N CI jobs. An app's shard depends on its Gupshup
// app id alone (not on its position or on the other apps), so adding or removing an app never
// moves another one, and all aliases of one Gupshup app land in the same job (rate limits are per
// app id, so each job's budgets are its own). The hash is FNV-1a 64, mixed by splitmix64's
// finaliser, fed to Lamping and Veach's jump consistent hash: going from N to N+1 shards moves
// only about 1/(N+1) of the apps.

import type { AppConfig } from "../model/app.js";
import { UserError } from "../model/errors.js";

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** More jobs than any CI matrix runs (GitHub allows 256 per workflow run). */
export const MAX_SHARDS = 10_000;

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UserError(
      `--shard ${JSON.stringify(text)} is not K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}`,
      "e.g. --shard 2/8 for the second of 8 jobs",
    );
  }
  return { index, count };
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

function fnv1a64(text: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return h;
}

/** splitmix64's finaliser: every input bit reaches every output bit (FNV alone mixes the top bits poorly). */
function mix64(x: bigint): bigint {
  let z = x & MASK_64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}

/** Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm" (2014): 0-based bucket. */
function jumpHash(key: bigint, buckets: number): number {
  let k = key;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * 2862933555777941757n + 1n) & MASK_64;
    j = Math.floor((b + 1) * (2 ** 31 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/** The shard (1-based) of an app among `count`: a function of its app id only. */
export function shardOf(app: Pick<AppConfig, "appId">, count: number): number {
  return jumpHash(mix64(fnv1a64(app.appId.trim().toLowerCase())), count) + 1;
}

/** The apps of one shard, in their given order. */
export function selectShard<T extends Pick<AppConfig, "appId">>(apps: readonly T[], shard: Shard): T[] {
  return apps.filter((a) => shardOf(a, shard.count) === shard.index);
}
