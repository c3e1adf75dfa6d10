import { describe, expect, it } from "vitest";
import { FaultInjector, parseFaultSpec } from "../../src/sandbox/faults.js";

const sequence = (injector: FaultInjector, n: number) =>
  Array.from({ length: n }, () => injector.decide("POST", "/partner/app/a/templates").kind ?? "-").join("");

describe("fault injection", () => {
  it("is the same for the same seed and differs for another", () => {
    const config = { errorRate: 0.3, resetRate: 0.1, lostResponseRate: 0.1 };
    expect(sequence(new FaultInjector({ ...config, seed: 7 }), 200)).toBe(
      sequence(new FaultInjector({ ...config, seed: 7 }), 200),
    );
    expect(sequence(new FaultInjector({ ...config, seed: 8 }), 200)).not.toBe(
      sequence(new FaultInjector({ ...config, seed: 7 }), 200),
    );
  });

  it("injects roughly the configured share of each fault", () => {
    const injector = new FaultInjector({ seed: 3, errorRate: 0.2 });
    const errors = sequence(injector, 2000)
      .split("")
      .filter((k) => k === "e").length;
    expect(errors).toBeGreaterThan(300);
    expect(errors).toBeLessThan(500);
  });

  it("only affects matching requests and stops after the limit", () => {
    const injector = new FaultInjector({ errorRate: 1, match: "^POST ", limit: 2 });
    expect(injector.decide("GET", "/x").kind).toBeUndefined();
    expect([1, 2, 3].map(() => injector.decide("POST", "/x").kind)).toEqual(["error", "error", undefined]);
  });

  it("draws latency within the range", () => {
    const injector = new FaultInjector({ latencyMs: [100, 200] });
    for (let i = 0; i < 50; i++) {
      const { latencyMs } = injector.decide("GET", "/");
      expect(latencyMs).toBeGreaterThanOrEqual(100);
      expect(latencyMs).toBeLessThanOrEqual(200);
    }
  });
});

describe("--faults syntax", () => {
  it("parses rates, latency, match, limit, seed and echo", () => {
    expect(
      parseFaultSpec(
        "5xx=0.1, 429=0.05,reset=0.02,lost=0.01,latency=100-500,match=^POST,limit=3,seed=9,echo",
      ),
    ).toEqual({
      errorRate: 0.1,
      rateLimitRate: 0.05,
      resetRate: 0.02,
      lostResponseRate: 0.01,
      latencyMs: [100, 500],
      match: "^POST",
      limit: 3,
      seed: 9,
      echoHeaders: true,
    });
    expect(parseFaultSpec("latency=250")).toEqual({ latencyMs: 250 });
  });

  it("rejects unknown faults and out-of-range rates", () => {
    expect(() => parseFaultSpec("5xx=2")).toThrow(/between 0 and 1/);
    expect(() => parseFaultSpec("boom=1")).toThrow(/unknown fault/);
    expect(() => parseFaultSpec("latency=fast")).toThrow();
  });
});
