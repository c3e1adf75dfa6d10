// verify = wait for approval + test sends. A template's test sends start as soon as its approval is
// seen, while the others are still in review, so a long review elsewhere does not delay them.

import type { AppConfig } from "../model/app.js";
import type { Clock } from "../model/clock.js";
import type { EventSink } from "../model/events.js";
import { type ChannelName, type DesiredTemplate, type TemplateKey, templateKey } from "../model/template.js";
import type { TemplateProvider } from "../providers/port.js";
import type { SendChannel } from "../providers/senders/port.js";
import {
  type SendOutcome,
  type TemplateVerification,
  VERIFY_FORMAT_VERSION,
  type VerifyReport,
  verifyExitCode,
} from "./report.js";
import { SendPacer } from "./send-pacer.js";
import { sendTests, type TestSendOptions } from "./test-sends.js";
import { type ApprovalOutcome, type WaitOptions, waitForApproval } from "./wait.js";

export interface VerifyTarget {
  app: AppConfig;
  template: DesiredTemplate;
}

export interface VerifyDeps {
  provider: TemplateProvider;
  channels: (name: ChannelName) => SendChannel;
  clock: Clock;
  emit?: EventSink;
  signal?: AbortSignal;
}

export interface VerifyOptions extends WaitOptions, TestSendOptions {}

export async function verify(
  targets: readonly VerifyTarget[],
  deps: VerifyDeps,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const { clock } = deps;
  const startedAt = clock.now();
  const pacer = new SendPacer(clock, options.sendsPerMinute);
  const byKey = new Map(targets.map((t) => [templateKey(t.template), t]));
  const sends = new Map<string, Promise<SendOutcome[]>>();

  const startSends = (outcome: ApprovalOutcome): void => {
    const id = templateKey(outcome.key);
    const target = byKey.get(id);
    if (outcome.state !== "approved" || !outcome.remote || !target?.template.test || sends.has(id)) return;
    const pending = sendTests(
      { app: target.app, template: target.template, remote: outcome.remote },
      { ...deps, pacer },
      options,
    );
    // awaited below; this only keeps an abort during the wait from being reported as unhandled
    pending.catch(() => {});
    sends.set(id, pending);
  };

  const outcomes = await waitForApproval(
    targets.map((t) => ({ app: t.app, key: keyOf(t.template) })),
    { provider: deps.provider, clock, emit: deps.emit, signal: deps.signal, onSettled: startSends },
    options,
  );

  const templates: TemplateVerification[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const target = targets[i]!;
    const sent = (await sends.get(templateKey(outcome.key))) ?? [];
    templates.push(toVerification(outcome, target, sent));
  }
  const report = { templates };
  return {
    formatVersion: VERIFY_FORMAT_VERSION,
    startedAt,
    finishedAt: clock.now(),
    templates,
    ok: verifyExitCode(report) === 0,
  };
}

function toVerification(
  outcome: ApprovalOutcome,
  target: VerifyTarget,
  sends: SendOutcome[],
): TemplateVerification {
  const approved = outcome.state === "approved";
  return {
    key: outcome.key,
    state: outcome.state,
    ...(outcome.status !== undefined && { status: outcome.status }),
    ...(outcome.reason !== undefined && { reason: outcome.reason }),
    ...(outcome.message !== undefined && { message: outcome.message }),
    alreadyApproved: approved && outcome.initialStatus === "APPROVED",
    ...(outcome.timeToApprovalMs !== undefined && { timeToApprovalMs: outcome.timeToApprovalMs }),
    waitedMs: outcome.waitedMs,
    hasTest: target.template.test !== undefined,
    sends,
    ok: approved && sends.every((s) => s.messageId !== undefined && !s.error),
  };
}

function keyOf(t: TemplateKey): TemplateKey {
  return { app: t.app, name: t.name, language: t.language };
}
