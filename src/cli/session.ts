// One run of a command that talks to the Partner API: the composition root of its provider. It
// builds the run's rate budget once (every request of plan, apply and verify spends from it), the
// provider on it (the embedded sandbox with --sandbox), the run's deadline (--timeout), and what
// Ctrl-C / SIGTERM do; and whatever happens, it closes the provider, which gives back the app
// tokens the run minted.

import { UserError } from "../model/errors.js";
import type { EventSink } from "../model/events.js";
import type { ProviderPort } from "../providers/port.js";
import { formatEvent } from "../render/event-line.js";
import { writeErr } from "./output.js";

/** Ctrl-C / SIGTERM ended the run (exit 130). */
export class InterruptedError extends UserError {}

export interface RunSettings {
  /** --sandbox: the embedded simulator instead of the Partner API. */
  sandbox?: boolean;
  /** Requests in flight at once over all apps (default 16). */
  parallelism?: number;
  /**
   * apply: the first Ctrl-C only stops starting new work (`interrupt`), so that requests in flight
   * finish; a second one stops everything. Otherwise the first stops everything.
   */
  softInterrupt?: boolean;
}

export interface Run {
  provider: ProviderPort;
  env: NodeJS.ProcessEnv;
  /** Aborted when --timeout passes; its reason is the UserError that says so. */
  deadline: AbortSignal;
  /** The first Ctrl-C / SIGTERM of a soft-interrupt run. */
  interrupt: AbortSignal;
  /** Everything stops: the deadline, or a Ctrl-C that is not (or no longer) soft. */
  stop: AbortSignal;
}

let timeoutText: string | undefined;

/** `--timeout`, read by the program before any command runs. */
export function setRunTimeout(value: string | undefined): void {
  timeoutText = value;
}

async function parseTimeout(text: string | undefined): Promise<number | undefined> {
  if (text === undefined) return undefined;
  const { parseDuration } = await import("../model/duration.js");
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0)
    throw new UserError(`--timeout: '${text}' is not a duration`, "use e.g. 90s, 10m or 2h");
  return ms;
}

/** Runs `fn` with the run's provider; always closes what it opened (and revokes minted tokens). */
export async function withRun<T>(settings: RunSettings, fn: (run: Run) => Promise<T>): Promise<T> {
  const timeoutMs = await parseTimeout(timeoutText);
  const deadline = new AbortController();
  const interrupt = new AbortController();
  const stopAll = new AbortController();
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          const error = new UserError(
            `stopped at the --timeout of ${timeoutText}`,
            "requests in flight were aborted; run the command again, or give it a longer --timeout",
          );
          deadline.abort(error);
          stopAll.abort(error);
        }, timeoutMs);
  let signals = 0;
  const onSignal = (name: NodeJS.Signals) => {
    signals += 1;
    if (signals === 1 && settings.softInterrupt) {
      writeErr(`\n${name}: finishing requests in flight, starting nothing new… (again to exit now)\n`);
      interrupt.abort(new InterruptedError("interrupted"));
      return;
    }
    if (signals > 2 || (signals > 1 && !settings.softInterrupt)) process.exit(130);
    if (settings.softInterrupt) writeErr("\nInterrupted again: exiting now. Run apply again to converge.\n");
    interrupt.abort(new InterruptedError("interrupted"));
    stopAll.abort(new InterruptedError("interrupted"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let closeSandbox: (() => Promise<void>) | undefined;
  try {
    // budget waits and provider notes: one line each on stderr, never in the JSON on stdout
    const events: EventSink = (event) => writeErr(`${formatEvent(event)}\n`);
    const { createBudget } = await import("../providers/budget/index.js");
    const { systemClock } = await import("../platform/clock.js");
    const budget = createBudget({
      clock: systemClock,
      ...(settings.parallelism !== undefined && { parallelism: settings.parallelism }),
      emit: events,
    });
    const { createProvider } = await import("./provider-factory.js");
    const { requestLog } = await import("./verbose.js");
    const log = requestLog();
    const common = { budget, signal: stopAll.signal, emit: events, ...(log && { log }) };
    let env = process.env;
    let provider: ProviderPort;
    if (settings.sandbox) {
      const { startEmbeddedSandbox } = await import("./sandbox-embed.js");
      const stateFile = process.env["WAFORM_SANDBOX_STATE"];
      const sandbox = await startEmbeddedSandbox(stateFile ? { stateFile } : {});
      closeSandbox = () => sandbox.close();
      env = { ...process.env, ...sandbox.env };
      provider = createProvider({ env, sandbox, ...common });
    } else {
      provider = createProvider({ env, ...common });
    }
    try {
      return await fn({
        provider,
        env,
        deadline: deadline.signal,
        interrupt: interrupt.signal,
        stop: stopAll.signal,
      });
    } catch (err) {
      // a request cut off by the deadline or a second Ctrl-C says why the run stopped, not how
      if (stopAll.signal.aborted) throw stopAll.signal.reason;
      throw err;
    } finally {
      await provider.close();
    }
  } finally {
    await closeSandbox?.();
    if (timer) clearTimeout(timer);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
