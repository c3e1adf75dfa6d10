// An in-memory TemplateProvider that behaves like the Partner API where apply depends on it:
// (name, language) is unique per app (a second create is a conflict, unless `duplicates: "allow"`
// models a server that does not check), PENDING templates cannot be edited and an edit sends the
// template back to review, the templates path and the delete path each have a per-app rate limit
// (fixed or rolling window) answered with 429 + Retry-After, and faults drawn from a seed:
// injected 429s, 503s, timeouts that never reached the server, and lost responses (the write is
// committed, then the answer is dropped). Time is the injected clock; latency is virtual. Like the
// real provider, it spends each call from a rate budget when given one.

import type { AppConfig } from "../../src/model/app.js";
import type { Clock } from "../../src/model/clock.js";
import { contentOf } from "../../src/model/content.js";
import { RemoteError } from "../../src/model/errors.js";
import type { RemoteTemplate, TemplateContent, TemplateKey } from "../../src/model/template.js";
import type { RateBudget } from "../../src/providers/budget/index.js";
import type {
  CallOptions,
  EndpointGroup,
  RemoteListing,
  TemplateProvider,
} from "../../src/providers/port.js";
import { seededRandom } from "../../src/sandbox/random.js";

export type Method = "list" | "create" | "update" | "delete";

export interface WindowLimit {
  limit: number;
  windowMs: number;
  kind: "fixed" | "rolling";
}

export interface Faults {
  /** Probability per call of an injected 429 (a burst from someone else), with `retryAfterMs`. */
  rateLimited?: number;
  retryAfterMs?: number;
  /** 503 before anything happened (the server says so: not ambiguous). */
  unavailable?: number;
  /** Timeout before the request reached the server (no response: ambiguous, not committed). */
  timeout?: number;
  /** Committed, then the answer is lost (ambiguous). Writes only. */
  lostResponse?: number;
  /** Which calls faults apply to (default all). */
  on?: Method[];
}

export interface MemoryProviderOptions {
  clock: Clock;
  seed?: number;
  /** Virtual round trip per call (default 20 ms). */
  latencyMs?: number;
  templatesLimit?: WindowLimit;
  deleteLimit?: WindowLimit;
  faults?: Faults;
  duplicates?: "reject" | "allow";
  /** Every call after this many answers 401. */
  authFailAfter?: number;
  /** The run's budget, spent by every call (as the Gupshup provider does per request). */
  budget?: RateBudget;
}

export interface CallRecord {
  method: Method;
  at: number;
  appId: string;
  key?: string;
  result: "ok" | "rate_limited" | "fault" | "error";
}

type Fault = "rateLimited" | "unavailable" | "timeout" | "lostResponse";

const EDITABLE = new Set(["APPROVED", "REJECTED", "PAUSED"]);

export class MemoryProvider implements TemplateProvider {
  readonly calls: CallRecord[] = [];
  /** Faults injected by kind (not counting window-limit 429s). */
  readonly injected = { rateLimited: 0, unavailable: 0, timeout: 0, lostResponse: 0 };
  readonly #opts: MemoryProviderOptions;
  readonly #random: () => number;
  readonly #store = new Map<string, RemoteTemplate[]>();
  readonly #windows = new Map<string, number[]>();
  readonly #scripted: { method: Method; error: RemoteError; afterCommit: boolean }[] = [];
  #ids = 0;

  constructor(opts: MemoryProviderOptions) {
    this.#opts = opts;
    this.#random = seededRandom(opts.seed ?? 1);
  }

  /** Window-limit 429s answered. */
  get limited(): number {
    return this.calls.filter((c) => c.result === "rate_limited").length;
  }

  /** Puts a template on the remote directly (outside the API). */
  seed(app: AppConfig, key: TemplateKey, content: TemplateContent, status = "APPROVED"): RemoteTemplate {
    const t: RemoteTemplate = {
      ...contentOf(content),
      ...pickKey(key),
      app: app.alias,
      id: `tpl-${++this.#ids}`,
      status,
    };
    this.#templates(app).push(t);
    return structuredClone(t);
  }

  /**
   * The next `method` call fails with `error`: before anything happens, or (`afterCommit`) after
   * the write took effect, like a lost response.
   */
  failNext(method: Method, error: RemoteError, opts: { afterCommit?: boolean } = {}): void {
    this.#scripted.push({ method, error, afterCommit: opts.afterCommit ?? false });
  }

  /** Everything the remote holds for one app (or all apps). */
  all(app?: AppConfig): RemoteTemplate[] {
    const lists = app ? [this.#templates(app)] : [...this.#store.values()];
    return structuredClone(lists.flat());
  }

  setStatus(status: string, app?: AppConfig): void {
    for (const list of app ? [this.#templates(app)] : [...this.#store.values()]) {
      for (const t of list) t.status = status;
    }
  }

  async listTemplates(app: AppConfig, opts?: CallOptions): Promise<RemoteListing> {
    return this.#call("list", app, "templates", undefined, opts, () => ({
      templates: structuredClone(this.#templates(app)),
      unmanageable: [],
      warnings: [],
    }));
  }

  async createTemplate(
    app: AppConfig,
    key: TemplateKey,
    content: TemplateContent,
    opts?: CallOptions,
  ): Promise<RemoteTemplate> {
    return this.#call("create", app, "templates", key, opts, () => {
      const list = this.#templates(app);
      if (this.#opts.duplicates !== "allow" && list.some((t) => sameKey(t, key))) {
        throw new RemoteError(
          "conflict",
          "Template Already exists with same namespace and elementName and languageCode",
          {
            status: 400,
          },
        );
      }
      const now = this.#opts.clock.now();
      const t: RemoteTemplate = {
        ...contentOf(content),
        ...pickKey(key),
        app: app.alias,
        id: `tpl-${++this.#ids}`,
        status: "PENDING",
        createdOn: now,
        modifiedOn: now,
      };
      list.push(t);
      return structuredClone(t);
    });
  }

  async updateTemplate(
    app: AppConfig,
    remote: RemoteTemplate,
    content: TemplateContent,
    opts?: CallOptions,
  ): Promise<void> {
    return this.#call("update", app, "templates", remote, opts, () => {
      const t = this.#templates(app).find((x) => x.id === remote.id);
      if (!t) throw new RemoteError("not_found", "No Template found for given id", { status: 400 });
      if (!EDITABLE.has(t.status)) {
        throw new RemoteError("invalid", `a ${t.status} template cannot be edited`, { status: 400 });
      }
      Object.assign(t, contentOf(content), { status: "PENDING", modifiedOn: this.#opts.clock.now() });
    });
  }

  async deleteTemplate(app: AppConfig, remote: RemoteTemplate, opts?: CallOptions): Promise<void> {
    return this.#call("delete", app, "delete", remote, opts, () => {
      const list = this.#templates(app);
      const i = list.findIndex((x) => x.id === remote.id);
      if (i < 0) throw new RemoteError("not_found", "Template not found", { status: 404 });
      list.splice(i, 1);
    });
  }

  async close(): Promise<void> {}

  #templates(app: AppConfig): RemoteTemplate[] {
    let list = this.#store.get(app.appId);
    if (!list) {
      list = [];
      this.#store.set(app.appId, list);
    }
    return list;
  }

  #call<T>(
    method: Method,
    app: AppConfig,
    group: EndpointGroup,
    key: TemplateKey | undefined,
    opts: CallOptions = {},
    op: () => T,
  ): Promise<T> {
    const go = (sentAt: number) => {
      opts.onSent?.(sentAt);
      return this.#request(method, app, group, key, op);
    };
    const { budget, clock } = this.#opts;
    if (!budget) return go(clock.now());
    return budget.spend({ app, group }, go, { signal: opts.signal, priority: opts.priority });
  }

  async #request<T>(
    method: Method,
    app: AppConfig,
    endpoint: EndpointGroup,
    key: TemplateKey | undefined,
    op: () => T,
  ): Promise<T> {
    const { clock } = this.#opts;
    const half = (this.#opts.latencyMs ?? 20) / 2;
    const fault = this.#drawFault(method);
    if (fault === "timeout") {
      // never reached the server: the client gives up after its timeout
      this.injected.timeout++;
      await clock.sleep(half * 4);
      throw new RemoteError("transient", "request timed out");
    }
    await clock.sleep(half);
    const record: CallRecord = { method, at: clock.now(), appId: app.appId, result: "ok" };
    if (key) record.key = `${key.name}/${key.language}`;
    this.calls.push(record);
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: this.#serve(record, endpoint, fault, op) };
    } catch (error) {
      if (record.result === "ok") record.result = "error";
      outcome = { error };
    }
    await clock.sleep(half);
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  }

  #serve<T>(record: CallRecord, endpoint: EndpointGroup, fault: Fault | undefined, op: () => T): T {
    if (this.#opts.authFailAfter !== undefined && this.calls.length > this.#opts.authFailAfter) {
      throw new RemoteError("auth", "Authentication Failed", { status: 401 });
    }
    const limit = endpoint === "delete" ? this.#opts.deleteLimit : this.#opts.templatesLimit;
    const retryAfterMs = limit && this.#admit(`${record.appId}/${endpoint}`, limit, record.at);
    if (retryAfterMs !== undefined) {
      record.result = "rate_limited";
      throw new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs });
    }
    if (fault === "rateLimited") {
      record.result = "fault";
      this.injected.rateLimited++;
      const retryAfterMs = this.#opts.faults?.retryAfterMs ?? 5_000;
      throw new RemoteError("rate_limited", "Too Many Requests", { status: 429, retryAfterMs });
    }
    if (fault === "unavailable") {
      record.result = "fault";
      this.injected.unavailable++;
      throw new RemoteError("transient", "Service Unavailable", { status: 503 });
    }
    const i = this.#scripted.findIndex((x) => x.method === record.method);
    const scripted = i >= 0 ? this.#scripted.splice(i, 1)[0] : undefined;
    if (scripted && !scripted.afterCommit) {
      record.result = "fault";
      throw scripted.error;
    }
    const value = op();
    if (scripted) {
      record.result = "fault";
      throw scripted.error;
    }
    if (fault === "lostResponse") {
      record.result = "fault";
      this.injected.lostResponse++;
      throw new RemoteError("transient", "socket hang up", { ambiguous: true });
    }
    return value;
  }

  #drawFault(method: Method): Fault | undefined {
    const f = this.#opts.faults;
    if (!f || (f.on && !f.on.includes(method))) return undefined;
    const r = this.#random();
    let edge = 0;
    for (const kind of ["rateLimited", "unavailable", "timeout", "lostResponse"] as const) {
      if (kind === "lostResponse" && method === "list") continue;
      edge += f[kind] ?? 0;
      if (r < edge) return kind;
    }
    return undefined;
  }

  /** Counts an accepted request in its window; returns Retry-After when the window is full. */
  #admit(bucket: string, limit: WindowLimit, now: number): number | undefined {
    const stamps = this.#windows.get(bucket) ?? [];
    this.#windows.set(bucket, stamps);
    if (limit.kind === "fixed") {
      const start = Math.floor(now / limit.windowMs) * limit.windowMs;
      while (stamps.length && stamps[0]! < start) stamps.shift();
      if (stamps.length >= limit.limit) return start + limit.windowMs - now;
    } else {
      while (stamps.length && stamps[0]! <= now - limit.windowMs) stamps.shift();
      if (stamps.length >= limit.limit) return stamps[0]! + limit.windowMs - now;
    }
    stamps.push(now);
    return undefined;
  }
}

function pickKey(key: TemplateKey): TemplateKey {
  return { app: key.app, name: key.name, language: key.language };
}

function sameKey(a: TemplateKey, b: TemplateKey): boolean {
  return a.name === b.name && a.language === b.language;
}
