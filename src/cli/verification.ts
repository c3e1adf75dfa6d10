// Wiring for verify (used by `waform verify` and at the end of `waform apply`): channels built
// from the environment, progress, and the report written in the asked format.

import type { ApplyResult } from "../apply/types.js";
import type { AppConfig } from "../model/app.js";
import { UserError } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import { CHANNEL_NAMES, type ChannelName, type DesiredTemplate, templateKey } from "../model/template.js";
import { systemClock } from "../platform/clock.js";
import type { ProviderPort } from "../providers/port.js";
import type { ClosableSendChannel } from "../providers/senders/index.js";
import type { VerifyReport } from "../verify/index.js";

export interface VerifyCliOptions {
  channel?: string;
  waitTimeout?: string;
  junit?: string;
}

export async function parseWaitTimeout(value: string | undefined): Promise<number> {
  const { parseDuration } = await import("../model/duration.js");
  const ms = parseDuration(value ?? "10m");
  if (ms === undefined)
    throw new UserError(`--wait-timeout: '${value}' is not a duration`, "use e.g. 90s, 10m or 2h");
  return ms;
}

export function parseChannel(value: string | undefined): ChannelName | undefined {
  if (value === undefined) return undefined;
  if (!(CHANNEL_NAMES as readonly string[]).includes(value)) {
    throw new UserError(`unknown channel '${value}'`, `use one of: ${CHANNEL_NAMES.join(", ")}`);
  }
  return value as ChannelName;
}

/**
 * Fails now, before anything is written or waited for, when a channel the test sends will use is
 * misconfigured (a missing key, a bad base URL): found after the approval wait, it would surface as
 * failed sends (exit 3) of templates that were already created. Only templates with a `test:`
 * block send anything.
 */
export async function checkTestChannels(
  targets: readonly { app: AppConfig; template: DesiredTemplate }[],
  env: NodeJS.ProcessEnv,
  opts: Pick<VerifyCliOptions, "channel">,
  /** What the hint adds: what was (not) done, and the way around it. */
  consequence = "nothing was sent",
): Promise<void> {
  const { createSendChannel } = await import("../providers/senders/index.js");
  const { resolveChannel } = await import("../verify/channel.js");
  const override = parseChannel(opts.channel);
  const users = new Map<ChannelName, string>();
  for (const { app, template } of targets) {
    if (!template.test) continue;
    const name = resolveChannel(override, template, app);
    if (!users.has(name)) users.set(name, templateKey(template));
  }
  for (const [name, first] of users) {
    try {
      await createSendChannel(name, { env }).close();
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      throw new UserError(
        `test-send channel ${name} (used by ${first}) is not configured: ${err.message}`,
        `${err.hint ? `${err.hint}; ` : ""}${consequence}`,
      );
    }
  }
}

export async function runVerification(
  targets: { app: AppConfig; template: DesiredTemplate }[],
  provider: ProviderPort,
  env: NodeJS.ProcessEnv,
  opts: VerifyCliOptions,
  emit: EventSink,
  signal?: AbortSignal,
): Promise<VerifyReport> {
  const { verify } = await import("../verify/index.js");
  const { createSendChannel } = await import("../providers/senders/index.js");
  const timeoutMs = await parseWaitTimeout(opts.waitTimeout);
  const channel = parseChannel(opts.channel);
  await checkTestChannels(targets, env, opts);
  const appsById = new Map(targets.map((t) => [t.app.appId, t.app]));
  const opened = new Map<ChannelName, ClosableSendChannel>();
  const appOf = (appId: string) => {
    const app = appsById.get(appId);
    if (!app) throw new UserError(`no app with id ${appId} in scope`);
    return app;
  };
  const channels = (name: ChannelName) => {
    let c = opened.get(name);
    if (!c) {
      c = createSendChannel(name, {
        env,
        post: (appId: string, form: URLSearchParams) =>
          provider.sendTemplate(appOf(appId), form, signal ? { signal } : {}),
        postV3: (appId: string, message: unknown) =>
          provider.sendMetaMessage(appOf(appId), message, signal ? { signal } : {}),
      });
      opened.set(name, c);
    }
    return c;
  };
  try {
    return await verify(
      targets,
      { provider, channels, clock: systemClock, emit, ...(signal ? { signal } : {}) },
      { timeoutMs, ...(channel ? { channel } : {}) },
    );
  } finally {
    await Promise.all([...opened.values()].map((c) => c.close()));
  }
}

/** `--junit FILE`: the verify report, and with `applied` apply's changes too (see verify-junit.ts). */
export async function writeJunit(
  path: string,
  report: VerifyReport | undefined,
  applied?: ApplyResult,
): Promise<void> {
  const { renderVerifyJunit } = await import("../render/verify-junit.js");
  const { writeOutputFile } = await import("./output-file.js");
  await writeOutputFile(path, renderVerifyJunit(report, applied ? { apply: applied } : {}));
}
