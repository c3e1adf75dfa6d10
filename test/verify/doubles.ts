// In-memory test doubles for verify: a TemplateProvider whose templates change status over virtual
// time, and a SendChannel that records its calls and fails on demand.

import type { AppConfig } from "../../src/model/app.js";
import type { Clock } from "../../src/model/clock.js";
import { InternalError } from "../../src/model/errors.js";
import type {
  ChannelName,
  DesiredTemplate,
  RemoteTemplate,
  TemplateKey,
  TestSpec,
} from "../../src/model/template.js";
import type { CallOptions, CallPriority, RemoteListing, TemplateProvider } from "../../src/providers/port.js";
import type {
  PreparedRequest,
  SendChannel,
  SendResult,
  TestSendRequest,
} from "../../src/providers/senders/port.js";

export function app(alias: string, extra: Partial<AppConfig> = {}): AppConfig {
  return {
    alias,
    appId: `${alias}-0000-4000-8000-000000000000`,
    appName: `${alias}app`,
    source: "+919000000001",
    prune: false,
    ...extra,
  };
}

export function desired(key: TemplateKey, test?: Partial<TestSpec>): DesiredTemplate {
  return {
    ...key,
    category: "MARKETING",
    kind: "standard",
    vertical: "offers",
    body: "Hello {{1}}",
    bodyExamples: ["Asha"],
    buttons: [],
    allowCategoryChange: false,
    protect: false,
    ...(test && { test: { destinations: ["+919800000001"], params: ["Asha"], ...test } }),
    source: { file: "templates.yaml", line: 1, col: 1 },
  };
}

/** A status from `afterMs` (relative to the provider's creation) on. */
export interface Step {
  afterMs: number;
  status: string;
  reason?: string;
}

export interface Scripted extends TemplateKey {
  /** Absent from the list before the first step. */
  steps: Step[];
}

export class FakeProvider implements TemplateProvider {
  /** Every listTemplates call: which app, when it started, and the priority it asked for. */
  readonly calls: { app: string; at: number; priority?: CallPriority }[] = [];
  readonly #clock: Clock;
  readonly #t0: number;
  readonly #templates: Scripted[];
  readonly #failures = new Map<string, Error[]>();
  readonly #latencyMs: number;

  constructor(clock: Clock, templates: Scripted[], opts: { latencyMs?: number } = {}) {
    this.#clock = clock;
    this.#t0 = clock.now();
    this.#templates = templates;
    this.#latencyMs = opts.latencyMs ?? 0;
  }

  /** The next list calls of `appAlias` fail with these errors, in order. */
  failNext(appAlias: string, ...errors: Error[]): void {
    this.#failures.set(appAlias, [...(this.#failures.get(appAlias) ?? []), ...errors]);
  }

  /** The list calls grouped by start time: one group per poll cycle when apps are polled together. */
  callsByTime(): Map<number, string[]> {
    const groups = new Map<number, string[]>();
    for (const c of this.calls) groups.set(c.at, [...(groups.get(c.at) ?? []), c.app]);
    return groups;
  }

  async listTemplates(app: AppConfig, opts: CallOptions = {}): Promise<RemoteListing> {
    this.calls.push({
      app: app.alias,
      at: this.#clock.now(),
      ...(opts.priority && { priority: opts.priority }),
    });
    if (this.#latencyMs) await this.#clock.sleep(this.#latencyMs);
    const failure = this.#failures.get(app.alias)?.shift();
    if (failure) throw failure;
    const elapsed = this.#clock.now() - this.#t0;
    const rows: RemoteTemplate[] = [];
    for (const t of this.#templates) {
      if (t.app !== app.alias) continue;
      const step = t.steps.filter((s) => s.afterMs <= elapsed).at(-1);
      if (step) rows.push(remoteRow(t, step));
    }
    return { templates: rows, unmanageable: [], warnings: [] };
  }

  createTemplate(): Promise<RemoteTemplate> {
    throw new InternalError("verify must not create templates");
  }
  updateTemplate(): Promise<void> {
    throw new InternalError("verify must not edit templates");
  }
  deleteTemplate(): Promise<void> {
    throw new InternalError("verify must not delete templates");
  }
  async close(): Promise<void> {}
}

function remoteRow(key: TemplateKey, step: Step): RemoteTemplate {
  return {
    ...desired(key),
    id: `id-${key.app}-${key.name}-${key.language}`,
    status: step.status,
    ...(step.reason !== undefined && { reason: step.reason }),
  };
}

export interface SentRecord {
  channel: ChannelName;
  app: string;
  template: string;
  remoteId: string;
  destination: string;
  now: number;
  at: number;
}

/** Records every send; `behaviour` may return an Error (thrown) or a message id. */
export class FakeChannel implements SendChannel {
  readonly sent: SentRecord[] = [];
  #n = 0;

  constructor(
    readonly name: ChannelName,
    private readonly clock: Clock,
    private readonly behaviour?: (req: TestSendRequest, attempt: number) => Error | string | undefined,
  ) {}

  async prepare(): Promise<PreparedRequest> {
    throw new InternalError("verify must not prepare requests");
  }

  async send(req: TestSendRequest): Promise<SendResult> {
    this.sent.push({
      channel: this.name,
      app: req.app.alias,
      template: req.template.name,
      remoteId: req.remote.id,
      destination: req.destination,
      now: req.now,
      at: this.clock.now(),
    });
    const attempt = this.sent.filter(
      (s) => s.destination === req.destination && s.template === req.template.name,
    ).length;
    const result = this.behaviour?.(req, attempt);
    if (result instanceof Error) throw result;
    return { messageId: result ?? `${this.name}-msg-${++this.#n}` };
  }
}

/** One FakeChannel per channel name, all sharing the given behaviour. */
export function fakeChannels(clock: Clock, behaviour?: ConstructorParameters<typeof FakeChannel>[2]) {
  const channels = new Map<ChannelName, FakeChannel>();
  const get = (name: ChannelName): FakeChannel => {
    let c = channels.get(name);
    if (!c) {
      c = new FakeChannel(name, clock, behaviour);
      channels.set(name, c);
    }
    return c;
  };
  const allSent = (): SentRecord[] =>
    [...channels.values()].flatMap((c) => c.sent).sort((a, b) => a.at - b.at);
  return { get, channels, allSent };
}
