// The two sandbox settings the chaos runs rely on: latency spikes (a share of requests delayed
// past a client's timeout, then handled anyway) and a duplicate check that can be turned off (so a
// blind retry would show as a second template, and only the client's reconciliation prevents it).

import { describe, expect, it } from "vitest";
import { FaultInjector, parseFaultSpec } from "../../src/sandbox/faults.js";
import { createVirtualClock, startSandbox } from "../../src/sandbox/index.js";

describe("latency spikes", () => {
  it("parse from --faults and hit about their share of requests, with the rest at normal latency", () => {
    expect(parseFaultSpec("spike=0.1@2000")).toEqual({ latencySpike: { rate: 0.1, ms: 2000 } });
    expect(parseFaultSpec("latency=1-3,spike=0.25@100-300")).toEqual({
      latencyMs: [1, 3],
      latencySpike: { rate: 0.25, ms: [100, 300] },
    });
    expect(() => parseFaultSpec("spike=2@100")).toThrow(/RATE@MS/);

    const injector = new FaultInjector({
      seed: 5,
      latencyMs: [1, 3],
      latencySpike: { rate: 0.1, ms: [100, 300] },
    });
    const decisions = Array.from({ length: 2000 }, () => injector.decide("GET", "/x"));
    const spikes = decisions.filter((d) => d.spike);
    expect(spikes.length).toBeGreaterThan(150);
    expect(spikes.length).toBeLessThan(250);
    for (const d of spikes) expect(d.latencyMs).toBeGreaterThanOrEqual(100);
    for (const d of decisions.filter((d) => !d.spike)) expect(d.latencyMs).toBeLessThanOrEqual(3);
  });

  it("do not reshuffle the other faults of a seed", () => {
    const plain = new FaultInjector({ seed: 9, errorRate: 0.2 });
    const spiky = new FaultInjector({ seed: 9, errorRate: 0.2, latencySpike: { rate: 0.5, ms: 1 } });
    const kinds = (i: FaultInjector) => Array.from({ length: 200 }, () => i.decide("GET", "/x").kind);
    expect(kinds(spiky)).toEqual(kinds(plain));
  });
});

describe("rejectDuplicates", () => {
  it("on (the default) refuses a second (name, language); off accepts it", async () => {
    const sandbox = await startSandbox({
      clock: createVirtualClock(Date.UTC(2030, 0, 1)),
      rateLimits: false,
    });
    try {
      const post = async () => {
        const token = (await (
          await fetch(`${sandbox.url}/partner/app/dup-app/token`, { headers: { authorization: "any" } })
        ).json()) as { token: { token: string } };
        const form = new URLSearchParams({
          elementName: "twice",
          content: "Hi {{1}}, hello.",
          example: "Hi Ana, hello.",
          category: "MARKETING",
          templateType: "TEXT",
          vertical: "v",
        });
        return (
          await fetch(`${sandbox.url}/partner/app/dup-app/templates`, {
            method: "POST",
            headers: {
              authorization: token.token.token,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: form,
          })
        ).status;
      };
      expect(await post()).toBe(200);
      expect(await post()).toBe(400);
      sandbox.configure({ rejectDuplicates: false });
      expect(await post()).toBe(200);
      expect(sandbox.state().templates.filter((t) => t.elementName === "twice")).toHaveLength(2);
    } finally {
      await sandbox.close();
    }
  });
});
