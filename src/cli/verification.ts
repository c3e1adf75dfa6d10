// Wiring for verify (used by `waform verify` and at the end of `waform apply`): channels built
// from the environment, progress, and the report written in the asked format.

import type { AppConfig } from "../model/app.js";
import { UserError } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import { CHANNEL_NAMES, type ChannelName, type DesiredTemplate } from "../model/template.js";
import { systemClock } from "../platform/clock.js";
import type { ProviderPort } from "../providers/port.js";
import type { ClosableSendChannel } from "../providers/senders/index.js";
import type { VerifyReport } from "../verify/index.js";
import { writeFileAtomic } from "./atomic-write.js";

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

export async function writeJunit(path: string, report: VerifyReport): Promise<void> {
  const { renderVerifyJunit } = await import("../render/verify-junit.js");
  await writeFileAtomic(path, renderVerifyJunit(report));
}
