// A small seeded PRNG (mulberry32) and hash: fault injection and generated ids must be the same on
// every run with the same seed, which Math.random and crypto.randomUUID cannot give.

export type Random = () => number;

/** Uniform numbers in [0, 1), fully determined by `seed`. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32 lower-case hex characters derived from `input` (not cryptographic; only needs to spread). */
export function hexDigest(input: string): string {
  let out = "";
  for (let round = 0; round < 4; round++) {
    // FNV-1a, salted per round
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

/** A UUID-shaped id (version 4 layout) derived from `input`. */
export function uuidFrom(input: string): string {
  const h = hexDigest(input);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
