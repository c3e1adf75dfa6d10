// Raw HTTP for the live acceptance suite: every exchange is kept (method, path, status, the
// response headers that matter, the body) and written, secrets masked, to a directory that can be
// committed as fixtures. Masking replaces whole secret values, and anything shaped like a token
// (`sk_…`, a JWT), wherever it appears; it only ever touches the recording, never a request.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Exchange {
  name: string;
  request: { method: string; path: string; headers: string[]; body?: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

const KEPT_HEADERS = ["content-type", "retry-after", "x-rate-limit-retry-after-seconds"];
const TOKEN_SHAPES = [/sk_[0-9A-Za-z]{8,}/g, /eyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]{6,}/g];

/**
 * The Partner API allows 10 calls a minute per app on `/templates` (list, create and edit share
 * it): every such call of the suite, raw or through the provider, waits for a slot first.
 */
export class Pacer {
  private readonly sent: number[] = [];

  constructor(private readonly perMinute: number) {}

  async slot(): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.sent.length && this.sent[0]! <= now - 60_000) this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await new Promise((r) => setTimeout(r, this.sent[0]! + 60_000 - now + 50));
    }
  }
}

export class Recorder {
  readonly exchanges: Exchange[] = [];
  readonly findings: Record<string, unknown> = {};
  private readonly secrets = new Set<string>();

  constructor(
    readonly baseUrl: string,
    readonly dir: string,
    private readonly pacer: Pacer,
  ) {}

  /** A value that must never reach a recording (tokens, the test recipient's number). */
  secret(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  async call(
    name: string,
    method: string,
    path: string,
    opts: { headers?: Record<string, string>; form?: Record<string, string>; json?: unknown } = {},
  ): Promise<Exchange["response"]> {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    let body: string | undefined;
    if (opts.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.json);
    }
    // a 429 is the budget, not an answer: wait it out (Retry-After when given) and ask again
    let res: Response;
    for (let attempt = 1; ; attempt++) {
      if (/\/templates(\/|\?|$)/.test(path)) await this.pacer.slot();
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      if (res.status !== 429 || attempt === 6) break;
      await res.arrayBuffer();
      const after = Number(
        res.headers.get("retry-after") ?? res.headers.get("x-rate-limit-retry-after-seconds") ?? 10,
      );
      await new Promise((r) => setTimeout(r, Math.max(1, after) * 1000));
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    const kept: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = res.headers.get(h);
      if (v !== null) kept[h] = v;
    }
    const response = { status: res.status, headers: kept, body: parsed };
    this.exchanges.push({
      name,
      // header names only: their values are credentials
      request: {
        method,
        path,
        headers: Object.keys(headers).sort(),
        ...(opts.form ? { body: opts.form } : opts.json !== undefined ? { body: opts.json } : {}),
      },
      response,
    });
    return response;
  }

  mask(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join("***");
    for (const shape of TOKEN_SHAPES) out = out.replace(shape, "***");
    return out;
  }

  /** Writes every exchange, one file each, and findings.json; returns the directory. */
  save(): string {
    mkdirSync(this.dir, { recursive: true });
    this.exchanges.forEach((x, i) => {
      const file = `${String(i + 1).padStart(2, "0")}-${x.name}.json`;
      writeFileSync(join(this.dir, file), `${this.mask(JSON.stringify(x, null, 2))}\n`);
    });
    writeFileSync(join(this.dir, "findings.json"), `${this.mask(JSON.stringify(this.findings, null, 2))}\n`);
    return this.dir;
  }
}
