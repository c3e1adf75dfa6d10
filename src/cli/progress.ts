// Shows core events while apply/verify run: listr2 on a terminal, one plain line per event in CI
// and other non-TTY output, only the waits (on stderr) when stdout carries JSON.

import type { CoreEvent, EventSink } from "../model/events.js";
import { templateKey } from "../model/template.js";
import { formatEvent } from "../render/event-line.js";
import { inertLine } from "../render/inert.js";
import { writeErr } from "./output.js";
import { redact } from "./secrets.js";

export interface Progress {
  emit: EventSink;
  /** Ends the display; lines already written stay. */
  stop(): Promise<void>;
}

export type ProgressMode = "tty" | "lines" | "silent";

export function progressMode(format: string): ProgressMode {
  if (format === "json") return "silent";
  // listr2 draws on stdout, so it is used only when stdout is a terminal
  return process.stdout.isTTY && !process.env["CI"] ? "tty" : "lines";
}

export function linesProgress(): Progress {
  return { emit: (e) => writeErr(`${formatEvent(e)}\n`), stop: async () => {} };
}

/** Waits of a second or more: worth a line on stderr even when stdout carries JSON. */
function isWait(e: CoreEvent): boolean {
  switch (e.type) {
    case "rate_wait":
    case "approval_wait":
    case "change_retry":
      return e.waitMs >= 1_000;
    case "rate_learned":
      return true;
    default:
      return false;
  }
}

/** With `--format json`: only the waits, one line each on stderr (stdout is the JSON document). */
export const waitsProgress: Progress = {
  emit: (e) => {
    if (isWait(e)) writeErr(`${formatEvent(e)}\n`);
  },
  stop: async () => {},
};

/**
 * A listr2 task list with one task per change; each task settles when the engine reports the
 * change done. Events that belong to no task (retries, notes) become the task's output line.
 */
export async function listrProgress(
  changes: { key: import("../model/template.js").TemplateKey; action: string }[],
): Promise<Progress> {
  const { Listr } = await import("listr2");
  const waiters = new Map<
    string,
    { resolve: () => void; reject: (e: Error) => void; setOutput: (s: string) => void }
  >();
  const pending = new Map<string, string>();
  const list = new Listr(
    changes.map((c) => ({
      title: inertLine(`${c.action} ${templateKey(c.key)}`),
      task: (_ctx: unknown, task: { output: string }) =>
        new Promise<void>((resolve, reject) => {
          const k = templateKey(c.key);
          waiters.set(k, {
            resolve,
            reject,
            setOutput: (s) => {
              task.output = s;
            },
          });
          const early = pending.get(k);
          if (early !== undefined) finish(k, early);
        }),
    })),
    {
      concurrent: true,
      exitOnError: false,
      rendererOptions: { collapseErrors: false },
      registerSignalListeners: false,
    },
  );
  // A change's first outcome is its outcome: the engine may report it before listr2 has started
  // the task, and stop() must not then turn it into "skipped".
  const settled = new Set<string>();
  function settle(k: string, failure: string): void {
    if (settled.has(k)) return;
    settled.add(k);
    if (waiters.has(k)) finish(k, failure);
    else pending.set(k, failure);
  }
  function finish(k: string, failure: string): void {
    const w = waiters.get(k)!;
    // listr2 writes to the terminal itself, so its text is redacted here, not by writeOut
    if (failure) w.reject(new Error(redact(inertLine(failure))));
    else w.resolve();
  }
  const running = list.run().catch(() => {});
  return {
    emit: (e: CoreEvent) => {
      if (e.type === "change_done")
        settle(templateKey(e.key), e.outcome === "ok" ? "" : (e.message ?? "failed"));
      else if ("key" in e) waiters.get(templateKey(e.key))?.setOutput(redact(formatEvent(e)));
    },
    stop: async () => {
      // settle anything the engine skipped (interrupted runs) so listr2 can finish drawing
      for (const c of changes) settle(templateKey(c.key), "skipped");
      await running;
    },
  };
}
