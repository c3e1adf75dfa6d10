// `waform sandbox` as its own process, on a free port, for tests that kill the client (or the
// sandbox) and need the remote to outlive it. The admin API (/__sandbox/) is how tests look in.

import { type RunningProcess, spawnWaform } from "./waform-process.js";

export interface StandaloneSandbox {
  readonly url: string;
  readonly process: RunningProcess;
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
  /** SIGINT (a clean stop), and wait for the exit. */
  stop(): Promise<void>;
}

export async function startStandaloneSandbox(args: string[], cwd: string): Promise<StandaloneSandbox> {
  // a later --port in `args` wins over this one
  const proc = spawnWaform(["sandbox", "--port", "0", ...args], { cwd, timeoutMs: 120_000 });
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.stdout());
      if (m) {
        clearInterval(poll);
        resolve(m[1]!);
      }
    }, 10);
    proc.done.then(
      (r) => {
        clearInterval(poll);
        reject(new Error(`the sandbox exited: ${r.stderr}`));
      },
      (err: unknown) => {
        clearInterval(poll);
        reject(err);
      },
    );
  });
  const end = async (signal: NodeJS.Signals) => {
    proc.child.kill(signal);
    await proc.done.catch(() => {});
  };
  return {
    url,
    process: proc,
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/__sandbox/${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    kill: () => end("SIGKILL"),
    stop: () => end("SIGINT"),
  };
}
