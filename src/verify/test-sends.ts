// Test sends: one message per declared destination of an approved template, through the chosen
// SendChannel, paced per (app, channel). A failure is recorded against its destination and the
// other destinations still get their send.

import type { AppConfig } from "../model/app.js";
import type { Clock } from "../model/clock.js";
import { RemoteError, UserError } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import type { ChannelName, DesiredTemplate, RemoteTemplate, TemplateKey } from "../model/template.js";
import type { SendChannel } from "../providers/senders/port.js";
import { resolveChannel } from "./channel.js";
import type { SendError, SendOutcome } from "./report.js";
import { SendPacer } from "./send-pacer.js";

/** Shortest wait worth a progress line. */
const ANNOUNCE_AFTER_MS = 1_000;

export interface TestSendTarget {
  app: AppConfig;
  /** The declared template; nothing is sent when it has no `test:` block. */
  template: DesiredTemplate;
  /** The approved remote template (its provider id goes into Gupshup-format sends). */
  remote: RemoteTemplate;
}

export interface TestSendDeps {
  /** The channel of that name; may throw UserError (e.g. its credentials are not set). */
  channels: (name: ChannelName) => SendChannel;
  clock: Clock;
  emit?: EventSink;
  signal?: AbortSignal;
  /** Shared budget; one is made from `sendsPerMinute` when absent. */
  pacer?: SendPacer;
}

export interface TestSendOptions {
  /** `--channel`: overrides the template's and the app's channel. */
  channel?: ChannelName;
  /** Send budget per (app, channel). Default 10 a minute. */
  sendsPerMinute?: number;
  /** Retries of a send refused by a rate limit (or a transient failure known not to have been sent). Default 2. */
  maxRetries?: number;
}

/** Sends the test messages of several approved templates; results keep the input order. */
export async function runTestSends(
  targets: readonly TestSendTarget[],
  deps: TestSendDeps,
  options: TestSendOptions = {},
): Promise<SendOutcome[][]> {
  const pacer = deps.pacer ?? new SendPacer(deps.clock, options.sendsPerMinute);
  return Promise.all(targets.map((t) => sendTests(t, { ...deps, pacer }, options)));
}

/** Sends one template's test messages, one per destination, in declaration order. */
export async function sendTests(
  target: TestSendTarget,
  deps: TestSendDeps,
  options: TestSendOptions = {},
): Promise<SendOutcome[]> {
  const test = target.template.test;
  if (!test) return [];
  const channelName = resolveChannel(options.channel, target.template, target.app);
  const pacer = deps.pacer ?? new SendPacer(deps.clock, options.sendsPerMinute);

  let channel: SendChannel;
  try {
    channel = deps.channels(channelName);
  } catch (err) {
    const error = toSendError(err, deps.signal);
    return test.destinations.map((destination) => {
      deps.emit?.({ type: "test_sent", key: keyOf(target.template), destination, error: error.message });
      return { destination, channel: channelName, error, attempts: 0 };
    });
  }

  const outcomes: SendOutcome[] = [];
  for (const destination of test.destinations) {
    const outcome = await sendOne(target, destination, channel, pacer, deps, options.maxRetries ?? 2);
    deps.emit?.({
      type: "test_sent",
      key: keyOf(target.template),
      destination,
      ...(outcome.messageId !== undefined && { messageId: outcome.messageId }),
      ...(outcome.error && { error: outcome.error.message }),
    });
    outcomes.push(outcome);
  }
  return outcomes;
}

async function sendOne(
  target: TestSendTarget,
  destination: string,
  channel: SendChannel,
  pacer: SendPacer,
  deps: TestSendDeps,
  maxRetries: number,
): Promise<SendOutcome> {
  const key = `${target.app.alias}\u0000${channel.name}`;
  const onWait = (waitMs: number) => {
    if (waitMs < ANNOUNCE_AFTER_MS) return;
    const rate = { limit: pacer.perMinute, windowMs: 60_000 };
    deps.emit?.({
      type: "rate_wait",
      app: target.app.alias,
      group: channel.name,
      rate,
      cause: "pace",
      waitMs,
    });
  };
  for (let attempt = 1; ; attempt++) {
    let at = deps.clock.now();
    try {
      const send = () => {
        at = deps.clock.now();
        return channel.send({ ...target, destination, now: at }, deps.signal);
      };
      // a channel that sends through the provider port is paced by the provider's budget
      const result = channel.paced ? await send() : await pacer.run(key, send, deps.signal, onWait);
      return { destination, channel: channel.name, messageId: result.messageId, at, attempts: attempt };
    } catch (err) {
      const error = toSendError(err, deps.signal);
      if (attempt > maxRetries || !worthRetrying(err)) {
        return { destination, channel: channel.name, error, at, attempts: attempt };
      }
      // a paced channel's 429 paused the provider's budget, which holds the retry until then
      const budgetWaits = channel.paced && error.kind === "rate_limited";
      const waitMs = budgetWaits ? 0 : ((err as RemoteError).retryAfterMs ?? pacer.spacingMs);
      deps.emit?.({
        type: "note",
        message: `test send of ${target.template.name} to ${destination} refused (${error.kind}); retrying${waitMs ? ` in ${Math.ceil(waitMs / 1000)} s` : " when the rate limit allows"}`,
      });
      await deps.clock.sleep(waitMs, deps.signal);
    }
  }
}

/**
 * A send is not idempotent: a retry after an ambiguous failure could deliver the message twice,
 * so only refusals known to have sent nothing are retried.
 */
function worthRetrying(err: unknown): boolean {
  return (
    err instanceof RemoteError &&
    (err.kind === "rate_limited" || (err.kind === "transient" && !err.ambiguous))
  );
}

function toSendError(err: unknown, signal: AbortSignal | undefined): SendError {
  if (signal?.aborted) throw err;
  if (err instanceof RemoteError) {
    return { kind: err.kind, message: err.message, ...(err.status !== undefined && { status: err.status }) };
  }
  if (err instanceof UserError) {
    return { kind: "user", message: err.hint ? `${err.message} (${err.hint})` : err.message };
  }
  return { kind: "internal", message: err instanceof Error ? err.message : String(err) };
}

function keyOf(t: TemplateKey): TemplateKey {
  return { app: t.app, name: t.name, language: t.language };
}
