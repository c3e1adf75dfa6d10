// The sandbox in a separate process (`waform sandbox --port 0`), as a real Partner API would be:
// its CPU and event loop are not the measured process's. Driven through its admin API.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/waform.js", import.meta.url));

export async function startSandboxProcess({ latencyMs = 20, rateLimits = false, approvalDelay = "0s" } = {}) {
  const args = [BIN, "sandbox", "--port", "0", "--approval-delay", approvalDelay];
  if (!rateLimits) args.push("--no-rate-limits");
  if (latencyMs > 0) args.push("--faults", `latency=${latencyMs}`);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const errors = [];
  child.stderr.on("data", (c) => errors.push(c));
  const url = await new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk) => {
      seen += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.on("exit", (code) =>
      reject(new Error(`sandbox exited ${code}: ${Buffer.concat(errors).toString("utf8")}`)),
    );
  });
  child.removeAllListeners("exit");

  async function admin(method, path, body) {
    const res = await fetch(`${url}/__sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox admin ${method} ${path} -> ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  return {
    url,
    pid: child.pid,
    stats: () => admin("GET", "stats"),
    resetStats: () => admin("POST", "stats/reset"),
    reset: () => admin("POST", "reset"),
    faults: () => admin("GET", "faults"),
    setFaults: (faults) => admin("PUT", "faults", faults),
    configure: (patch) => admin("PATCH", "config", patch),
    state: () => admin("GET", "state"),
    templateCount: async () => (await admin("GET", "state")).templates.length,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
