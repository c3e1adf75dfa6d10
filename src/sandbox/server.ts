// The sandbox HTTP server (node:http): it builds the simulated state (engine.ts), the transport
// concerns around it (runtime.ts, request-handler.ts: faults, rate limits, counters, persistence
// after each request) and the control object, then listens. Routes: the Partner API (partner/)
// and the send APIs (channels/), all behind the SandboxRoute contract.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { channelRoutes } from "./channels/index.js";
import { createOffsetClock, type SandboxClock } from "./clock.js";
import { defaultConfig, mergeConfig, type SandboxConfig } from "./config.js";
import type { SandboxControl } from "./control.js";
import { createControl } from "./control-impl.js";
import { SandboxEngine } from "./engine.js";
import type { FaultConfig } from "./faults.js";
import { partnerRoutes } from "./partner/index.js";
import { RateLimiter } from "./rate-limiter.js";
import { createRequestHandler } from "./request-handler.js";
import type { SandboxRoute } from "./route.js";
import { SandboxRuntime } from "./runtime.js";
import { emptyState, loadState } from "./state.js";

export interface SandboxOptions extends Partial<SandboxConfig> {
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** Default: real time plus an offset that /__sandbox/clock/advance moves. */
  clock?: SandboxClock;
  /** Persist the state to this JSON file (loaded at start, rewritten after each change). */
  stateFile?: string;
  /** Seeds generated ids and, unless `faults.seed` is set, the fault sequence. Default 1. */
  seed?: number;
  faults?: FaultConfig;
  /** Extra routes, tried after the built-in ones. */
  routes?: SandboxRoute[];
  /** Called with exceptions thrown by a route (the client then gets a 500). */
  onError?: (err: unknown) => void;
}

export interface RunningSandbox extends SandboxControl {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const { port = 0, host = "127.0.0.1", clock = createOffsetClock(), ...rest } = opts;
  const rt = createRuntime(clock, rest);
  const control = createControl(rt);
  const handle = createRequestHandler(rt, control);
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      rt.onError(err);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    });
  });
  const actualPort = await listen(server, port, host);
  return {
    ...control,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    async close() {
      if (rt.closed) return;
      rt.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The settings (defaults, then the options that are set), the state (from its file) and the routes. */
function createRuntime(
  clock: SandboxClock,
  opts: Omit<SandboxOptions, "port" | "host" | "clock">,
): SandboxRuntime {
  const { stateFile, seed = 1, faults = {}, routes = [], onError = () => {}, ...settings } = opts;
  const config = mergeConfig(
    defaultConfig(),
    Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
  );
  const engine = new SandboxEngine(
    clock,
    config,
    seed,
    stateFile,
    stateFile ? loadState(stateFile) : emptyState(),
  );
  const limiter = new RateLimiter(() => engine.config, clock);
  return new SandboxRuntime(
    engine,
    limiter,
    [...partnerRoutes(engine), ...channelRoutes, ...routes],
    clock,
    seed,
    faults,
    onError,
  );
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
