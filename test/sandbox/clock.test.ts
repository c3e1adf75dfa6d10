import { describe, expect, it } from "vitest";
import { createOffsetClock, createVirtualClock } from "../../src/sandbox/clock.js";

describe("virtual clock", () => {
  it("moves only when advanced, and wakes sleepers whose time has come, in order", async () => {
    const clock = createVirtualClock(1000);
    const woken: string[] = [];
    const a = clock.sleep(50).then(() => woken.push("a"));
    const b = clock.sleep(10).then(() => woken.push("b"));
    clock.advance(20);
    await b;
    expect([clock.now(), woken]).toEqual([1020, ["b"]]);
    clock.advance(30);
    await a;
    expect(woken).toEqual(["b", "a"]);
  });

  it("rejects a sleep when its signal aborts, and refuses to go backwards", async () => {
    const clock = createVirtualClock(0);
    const ctrl = new AbortController();
    const sleeping = clock.sleep(100, ctrl.signal);
    ctrl.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe("offset clock", () => {
  it("follows real time plus what was advanced", () => {
    const clock = createOffsetClock();
    const before = Date.now();
    clock.advance(86_400_000);
    expect(clock.now()).toBeGreaterThanOrEqual(before + 86_400_000);
  });
});
