import { describe, expect, it } from "vitest";
import { RemoteError } from "../../src/model/errors.js";
import type { TemplateKey } from "../../src/model/template.js";
import { type TemplateVerification, verifyExitCode } from "../../src/verify/report.js";
import { type VerifyTarget, verify } from "../../src/verify/verify.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { app, desired, FakeProvider, fakeChannels, type Step } from "./doubles.js";

const MIN = 60_000;
const shop = app("shop");
const key = (name: string): TemplateKey => ({ app: "shop", name, language: "en" });
const pendingThen = (afterMs: number, status: string, reason?: string): Step[] => [
  { afterMs: 0, status: "PENDING" },
  { afterMs, status, ...(reason !== undefined && { reason }) },
];

async function run(
  scripted: { name: string; steps: Step[] }[],
  targets: VerifyTarget[],
  opts: { failDestination?: string; timeoutMs?: number } = {},
) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const provider = new FakeProvider(
    clock,
    scripted.map((s) => ({ ...key(s.name), steps: s.steps })),
  );
  const channels = fakeChannels(clock, (req) =>
    req.destination === opts.failDestination
      ? new RemoteError("invalid", "Invalid Destination", { status: 400 })
      : undefined,
  );
  const report = await verify(
    targets,
    { provider, channels: channels.get, clock },
    { timeoutMs: opts.timeoutMs ?? 30 * MIN },
  );
  return { report, sent: channels.allSent(), t0, provider };
}

describe("verify", () => {
  it("approves and test-sends one template, reports the other's rejection with its reason, and exits 3", async () => {
    const { report, sent } = await run(
      [
        { name: "good", steps: pendingThen(20_000, "APPROVED") },
        { name: "bad", steps: pendingThen(20_000, "REJECTED", "Invalid Format") },
      ],
      [
        { app: shop, template: desired(key("good"), {}) },
        { app: shop, template: desired(key("bad"), {}) },
      ],
    );
    const [good, bad] = report.templates;
    expect(good).toMatchObject({
      state: "approved",
      ok: true,
      timeToApprovalMs: 21_000,
      alreadyApproved: false,
    });
    expect(good!.sends).toEqual([
      expect.objectContaining({ destination: "+919800000001", messageId: "gupshup-partner-msg-1" }),
    ]);
    expect(bad).toMatchObject({
      state: "rejected",
      status: "REJECTED",
      reason: "Invalid Format",
      ok: false,
      sends: [],
    });
    expect(sent.map((s) => s.template)).toEqual(["good"]);
    expect(report.ok).toBe(false);
    expect(verifyExitCode(report)).toBe(3);
  });

  it("exits 3 when a test send fails, though every template is approved", async () => {
    const { report } = await run(
      [{ name: "offer", steps: [{ afterMs: 0, status: "APPROVED" }] }],
      [{ app: shop, template: desired(key("offer"), { destinations: ["+919800000001", "+919800000002"] }) }],
      { failDestination: "+919800000002" },
    );
    const [t] = report.templates;
    expect(t!.state).toBe("approved");
    expect(t!.sends.map((s) => s.messageId ?? s.error?.message)).toEqual([
      "gupshup-partner-msg-1",
      "Invalid Destination",
    ]);
    expect(t!.ok).toBe(false);
    expect(verifyExitCode(report)).toBe(3);
  });

  it("exits 0 when everything is approved and sent; a template without a test block is approved, not sent", async () => {
    const { report, sent } = await run(
      [
        { name: "offer", steps: pendingThen(4 * MIN, "APPROVED") },
        { name: "plain", steps: [{ afterMs: 0, status: "APPROVED" }] },
      ],
      [
        { app: shop, template: desired(key("offer"), {}) },
        { app: shop, template: desired(key("plain")) },
      ],
    );
    expect(report.templates.map((t) => [t.state, t.ok, t.hasTest, t.sends.length])).toEqual([
      ["approved", true, true, 1],
      ["approved", true, false, 0],
    ]);
    expect(sent).toHaveLength(1);
    expect(report.ok).toBe(true);
    expect(verifyExitCode(report)).toBe(0);
  });

  it("exits 1 on a timeout, sending nothing for the template still in review", async () => {
    const { report, sent } = await run(
      [{ name: "slow", steps: pendingThen(60 * MIN, "APPROVED") }],
      [{ app: shop, template: desired(key("slow"), {}) }],
      { timeoutMs: 10 * MIN },
    );
    expect(report.templates[0]).toMatchObject({ state: "timeout", status: "PENDING", sends: [], ok: false });
    expect(sent).toEqual([]);
    expect(verifyExitCode(report)).toBe(1);
    expect(report.finishedAt - report.startedAt).toBe(10 * MIN);
  });

  it("test-sends a template as soon as it is approved, while another is still in review", async () => {
    const { report, sent, t0 } = await run(
      [
        { name: "quick", steps: pendingThen(5_000, "APPROVED") },
        { name: "slow", steps: pendingThen(20 * MIN, "APPROVED") },
      ],
      [
        { app: shop, template: desired(key("quick"), {}) },
        { app: shop, template: desired(key("slow"), {}) },
      ],
    );
    expect(report.ok).toBe(true);
    expect(sent.map((s) => [s.template, (s.at - t0) / 1000])).toEqual([
      ["quick", 9],
      ["slow", expect.any(Number)],
    ]);
    expect(sent[1]!.at - t0).toBeGreaterThanOrEqual(20 * MIN);
  });

  it("reports an empty target list as verified", async () => {
    const { report, provider } = await run([], []);
    expect(report).toMatchObject({ templates: [], ok: true });
    expect(provider.calls).toEqual([]);
  });
});

describe("verifyExitCode", () => {
  const base: TemplateVerification = {
    key: key("t"),
    state: "approved",
    status: "APPROVED",
    alreadyApproved: false,
    waitedMs: 0,
    hasTest: false,
    sends: [],
    ok: true,
  };
  const t = (over: Partial<TemplateVerification>): TemplateVerification => ({ ...base, ...over });
  const code = (...templates: TemplateVerification[]) => verifyExitCode({ templates });

  it("is 3 for a definite failure, even alongside a timeout", () => {
    expect(code(t({ state: "timeout", ok: false }), t({ state: "rejected", ok: false }))).toBe(3);
    expect(code(t({ state: "not_sendable", status: "DISABLED", ok: false }))).toBe(3);
  });

  it("is 1 for what could not be verified: timeout, not found, list error, a bug in a channel", () => {
    expect(code(t({ state: "timeout", ok: false }))).toBe(1);
    expect(code(t({ state: "not_found", ok: false }))).toBe(1);
    expect(code(t({ state: "error", ok: false }))).toBe(1);
    const bug = {
      destination: "+91",
      channel: "gupshup" as const,
      error: { kind: "internal" as const, message: "x" },
      attempts: 1,
    };
    expect(code(t({ hasTest: true, sends: [bug], ok: false }))).toBe(1);
  });

  it("is 0 when every template verified", () => {
    expect(code(t({}), t({ alreadyApproved: true }))).toBe(0);
    expect(code()).toBe(0);
  });
});
