// Fault injection, deterministic from a seed: the same seed and the same sequence of requests give
// the same faults. Every matching request draws the same five numbers whatever the rates, so turning
// one fault on does not reshuffle the others.

import { type Random, seededRandom } from "./random.js";

export interface FaultConfig {
  seed?: number;
  /** Real-time delay before answering: a fixed number of ms, or a [min, max] range. */
  latencyMs?: number | [number, number];
  /**
   * A share of requests delayed much longer instead (a "spike"): long enough to pass a client's
   * timeout, after which the request is still handled, like a slow server whose caller gave up.
   */
  latencySpike?: { rate: number; ms: number | [number, number] };
  /** Share of requests answered 500 without being handled. */
  errorRate?: number;
  /** Share of requests answered with the real 429 body without being handled. */
  rateLimitRate?: number;
  /** Share of requests whose connection is destroyed before they are handled. */
  resetRate?: number;
  /** Share of requests handled and committed, whose connection is then destroyed ("lost response"). */
  lostResponseRate?: number;
  /** Error bodies echo the request headers back (like some proxies do): for secret-leak tests. */
  echoHeaders?: boolean;
  /** Only requests whose `METHOD /path` matches this regular expression are affected. */
  match?: string;
  /** Stop injecting failures after this many (latency is not counted). */
  limit?: number;
}

export type FaultKind = "reset" | "rate_limited" | "error" | "lost";

export interface FaultDecision {
  latencyMs: number;
  /** The latency is a spike (`latencySpike`), not the ordinary `latencyMs`. */
  spike?: boolean;
  kind?: FaultKind;
}

function within(range: number | [number, number], r: number): number {
  return Array.isArray(range) ? Math.round(range[0] + r * (range[1] - range[0])) : range;
}

export class FaultInjector {
  private random: Random;
  private matcher: RegExp | undefined;
  private injected = 0;

  constructor(readonly config: FaultConfig = {}) {
    this.random = seededRandom(config.seed ?? 1);
    this.matcher = config.match ? new RegExp(config.match) : undefined;
  }

  decide(method: string, path: string): FaultDecision {
    if (this.matcher && !this.matcher.test(`${method} ${path}`)) return { latencyMs: 0 };
    const [rLatency, rReset, rLimit, rError, rLost] = [1, 2, 3, 4, 5].map(() => this.random()) as number[];
    const { latencyMs = 0, latencySpike } = this.config;
    // a spike reuses the latency draw (scaled back to [0, 1)), so the five draws stay five
    const spike = latencySpike !== undefined && rLatency! < latencySpike.rate;
    const latency = spike
      ? within(latencySpike.ms, rLatency! / latencySpike.rate)
      : within(latencyMs, rLatency!);
    const timing = spike ? { latencyMs: latency, spike } : { latencyMs: latency };
    if (this.config.limit !== undefined && this.injected >= this.config.limit) return timing;
    const kind: FaultKind | undefined =
      rReset! < (this.config.resetRate ?? 0)
        ? "reset"
        : rLimit! < (this.config.rateLimitRate ?? 0)
          ? "rate_limited"
          : rError! < (this.config.errorRate ?? 0)
            ? "error"
            : rLost! < (this.config.lostResponseRate ?? 0)
              ? "lost"
              : undefined;
    if (kind) this.injected += 1;
    return kind ? { ...timing, kind } : timing;
  }
}

const SPEC_KEYS: Record<string, keyof FaultConfig> = {
  "5xx": "errorRate",
  error: "errorRate",
  "429": "rateLimitRate",
  reset: "resetRate",
  lost: "lostResponseRate",
};

/**
 * The `--faults` syntax: comma-separated `5xx=0.1`, `429=0.05`, `reset=0.02`, `lost=0.01`,
 * `latency=200` or `latency=100-500`, `spike=0.01@2000` or `spike=0.01@1000-3000`, `match=REGEX`,
 * `limit=N`, `seed=N`, `echo`.
 */
export function parseFaultSpec(spec: string): FaultConfig {
  const config: FaultConfig = {};
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : part.slice(eq + 1).trim();
    const rateKey = SPEC_KEYS[key];
    if (rateKey) {
      const rate = Number(value);
      if (value === "" || !(rate >= 0 && rate <= 1))
        throw new TypeError(`fault rate ${key} must be between 0 and 1`);
      (config as Record<string, unknown>)[rateKey] = rate;
    } else if (key === "latency") {
      const m = /^(\d+)(?:-(\d+))?$/.exec(value);
      if (!m) throw new TypeError("latency must be MS or MIN-MAX");
      config.latencyMs = m[2] ? [Number(m[1]), Number(m[2])] : Number(m[1]);
    } else if (key === "spike") {
      const m = /^(0(?:\.\d+)?|1(?:\.0*)?)@(\d+)(?:-(\d+))?$/.exec(value);
      if (!m) throw new TypeError("spike must be RATE@MS or RATE@MIN-MAX, e.g. 0.01@2000");
      config.latencySpike = { rate: Number(m[1]), ms: m[3] ? [Number(m[2]), Number(m[3])] : Number(m[2]) };
    } else if (key === "match") {
      new RegExp(value);
      config.match = value;
    } else if (key === "limit" || key === "seed") {
      if (!/^\d+$/.test(value)) throw new TypeError(`${key} must be a whole number`);
      config[key] = Number(value);
    } else if (key === "echo") {
      config.echoHeaders = true;
    } else {
      throw new TypeError(
        `unknown fault: ${key} (known: 5xx, 429, reset, lost, latency, spike, match, limit, seed, echo)`,
      );
    }
  }
  return config;
}
