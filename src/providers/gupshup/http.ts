// The one HTTP path to the Partner API: a keep-alive undici Agent with connect, headers and body
// timeouts, a cap on how much of a response is read, and failures turned into RemoteErrors. Every
// request that names its budget (`meter`) waits for it first, so list pages, repeats, token mints
// and uploads are all counted. Logs (when a sink is given) name the method, path, status and
// duration — never a header.

import { Agent, type FormData, request } from "undici";
import type { Clock } from "../../model/clock.js";
import { RemoteError } from "../../model/errors.js";
import type { RateBudget, RequestMeter } from "../budget/index.js";
import type { CallPriority } from "../port.js";
import { VERIFY_TLS } from "../tls.js";
import { type CallInfo, errorFromFailure, errorFromResponse, malformedResponse } from "./errors.js";
import { isErrorEnvelope } from "./mapping.js";
import type { SecretSet } from "./secrets.js";

export interface Timeouts {
  /** Establishing the TCP/TLS connection. */
  connectMs: number;
  /** From sending the request to receiving the response headers. */
  headersMs: number;
  /** Between two chunks of the response body. */
  bodyMs: number;
  /** How long an idle kept-alive connection stays open (below the server's own idle timeout). */
  keepAliveMs: number;
  /**
   * The whole request, first byte out to last byte in: `bodyMs` only bounds each pause, so a
   * server trickling a byte at a time would otherwise hold a request open for ever.
   */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
  keepAliveMs: 4_000,
  totalMs: 120_000,
};

/**
 * What the CLI waits before sending a read (GET) again after a transient failure (5xx, reset,
 * timeout): a read changes nothing, so repeating it is safe, and one blip should not fail a plan.
 */
export const READ_RETRY_DELAYS_MS: readonly number[] = [250, 1_000, 4_000];
/**
 * Repeats of a repeatable request refused with a 429, with a budget: the budget has paused the
 * window (until Retry-After, else for one window), so the repeat waits for it rather than for a
 * back-off of its own. Writes are not repeated here: apply decides about them.
 */
const RATE_LIMITED_REPEATS = 3;
/** Generous for a page of templates; a bigger answer is a fault, not data. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, already encoded. */
  path: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  form?: URLSearchParams;
  multipart?: FormData;
  /** A JSON body (the Meta-format send, `/v3/message`). */
  json?: unknown;
  /** Aborts the wait for the budget and the request in flight. */
  signal?: AbortSignal;
  /** The budget the request spends from; absent: sent at once (only without a budget). */
  meter?: RequestMeter;
  priority?: CallPriority;
  /** Told each time the request leaves, with the time. */
  onSent?: (sentAt: number) => void;
  /** Safe to send again after a 429 (nothing happened): reads, logins, token mints. */
  repeatable?: boolean;
  /** Not aborted when the run's deadline passes (revoking a token after a timeout). */
  outlivesRun?: boolean;
}

export interface TransportOptions {
  baseUrl: URL;
  timeouts: Timeouts;
  maxBodyBytes: number;
  secrets: SecretSet;
  clock: Clock;
  log?: (line: string) => void;
  /** Waits before each retry of a GET after a transient failure; none by default. */
  readRetryDelaysMs?: readonly number[];
  /** Spent by every metered request; none: requests go at once. */
  budget?: RateBudget;
  /** The run's deadline (--timeout, a hard interrupt): aborts every wait and request in flight. */
  signal?: AbortSignal;
}

class TooLarge extends Error {}

export class Transport {
  private readonly agent: Agent;

  constructor(private readonly opts: TransportOptions) {
    this.agent = new Agent({
      connect: { timeout: opts.timeouts.connectMs, ...VERIFY_TLS },
      connectTimeout: opts.timeouts.connectMs,
      headersTimeout: opts.timeouts.headersMs,
      bodyTimeout: opts.timeouts.bodyMs,
      keepAliveTimeout: opts.timeouts.keepAliveMs,
    });
  }

  private log(line: string): void {
    this.opts.log?.(this.opts.secrets.clean(line));
  }

  /**
   * Sends one request (after its budget allows) and returns its parsed JSON body. Non-2xx
   * answers, 2xx error envelopes, network failures and unusable bodies all throw RemoteError; an
   * abort throws the signal's reason. A GET that fails transiently is sent again after each of
   * `readRetryDelaysMs`; a repeatable request refused with a 429 is sent again when the budget
   * allows.
   */
  async json(call: HttpCall): Promise<unknown> {
    const signal = this.signalOf(call);
    const bound = signal ? { ...call, signal } : call;
    const delays = call.method === "GET" ? (this.opts.readRetryDelaysMs ?? []) : [];
    const repeatable = call.method === "GET" || call.repeatable === true;
    let transient = 0;
    let limited = 0;
    for (;;) {
      try {
        return await this.metered(bound);
      } catch (err) {
        if (!(err instanceof RemoteError)) throw err;
        if (
          err.kind === "rate_limited" &&
          repeatable &&
          this.opts.budget &&
          limited++ < RATE_LIMITED_REPEATS
        ) {
          this.log(`${call.method} ${call.path}: sending again when the rate limit allows`);
          continue;
        }
        const wait = delays[transient++];
        if (wait === undefined || err.kind !== "transient") throw err;
        this.log(`${call.method} ${call.path}: retrying in ${wait} ms`);
        await this.opts.clock.sleep(wait, signal);
      }
    }
  }

  /** The call's own signal and the run's deadline, as one. */
  private signalOf(call: HttpCall): AbortSignal | undefined {
    const run = call.outlivesRun ? undefined : this.opts.signal;
    if (!run) return call.signal;
    return call.signal ? AbortSignal.any([call.signal, run]) : run;
  }

  private metered(call: HttpCall): Promise<unknown> {
    const { budget } = this.opts;
    const go = (sentAt: number) => {
      call.onSent?.(sentAt);
      return this.once(call);
    };
    if (!budget || !call.meter) return go(this.opts.clock.now());
    return budget.spend(call.meter, go, { signal: call.signal, priority: call.priority });
  }

  private async once(call: HttpCall): Promise<unknown> {
    const info: CallInfo = { method: call.method, path: call.path };
    const url = new URL(this.opts.baseUrl.href);
    url.pathname = `${this.opts.baseUrl.pathname.replace(/\/+$/, "")}${call.path}`;
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: "application/json", ...call.headers };
    let body: string | FormData | undefined;
    if (call.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = call.form.toString();
    } else if (call.multipart) body = call.multipart;
    else if (call.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(call.json);
    }

    const started = this.opts.clock.now();
    const deadline = AbortSignal.timeout(this.opts.timeouts.totalMs);
    let status: number;
    let resHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await request(url, {
        dispatcher: this.agent,
        method: call.method,
        headers,
        body,
        signal: call.signal ? AbortSignal.any([call.signal, deadline]) : deadline,
        headersTimeout: this.opts.timeouts.headersMs,
        bodyTimeout: this.opts.timeouts.bodyMs,
      });
      status = res.statusCode;
      resHeaders = res.headers;
      text = await this.readCapped(res.body, res.headers["content-length"]);
    } catch (err) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (deadline.aborted) {
        const e = new RemoteError(
          "transient",
          `no complete response within ${this.opts.timeouts.totalMs} ms (${call.method} ${call.path})`,
          { ambiguous: call.method !== "GET" },
        );
        this.log(`${call.method} ${call.path} failed: ${e.kind}: ${e.message}`);
        throw e;
      }
      if (err instanceof TooLarge) {
        const e = malformedResponse(info, 0, `the response is larger than ${this.opts.maxBodyBytes} bytes`);
        this.log(`${call.method} ${call.path} failed: ${e.message}`);
        throw e;
      }
      const e = errorFromFailure(info, err);
      this.log(`${call.method} ${call.path} failed: ${e.kind}: ${e.message}`);
      throw e;
    }
    this.log(`${call.method} ${call.path} -> ${status} (${this.opts.clock.now() - started} ms)`);

    const now = this.opts.clock.now();
    if (status < 200 || status >= 300) {
      throw errorFromResponse(info, status, resHeaders, text, this.opts.secrets, now);
    }
    // an empty success (a 204, or a 200 with no body) is a success without data: an edit or a
    // delete needs nothing more, a call that needs data finds none and says so (wire-call.ts)
    if (text.trim() === "") return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw malformedResponse(info, status, "the body is not JSON");
    }
    // a 2xx can still carry `{"status":"error"}`: classified by the provider's message
    if (isErrorEnvelope(parsed))
      throw errorFromResponse(info, status, resHeaders, text, this.opts.secrets, now);
    return parsed;
  }

  private async readCapped(
    body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown },
    contentLength: string | string[] | undefined,
  ): Promise<string> {
    const max = this.opts.maxBodyBytes;
    if (typeof contentLength === "string" && Number(contentLength) > max) {
      body.destroy();
      throw new TooLarge();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > max) {
        body.destroy();
        throw new TooLarge();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
