// What the hostile corpus (hostile-corpus.test.ts) runs on: one sandbox for every case, behind a
// proxy that can rewrite any answer of one app (the API as an attacker would answer), a fresh
// directory and app id per case (so cases run side by side), and checks of what a person sees.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppConfig } from "../../src/model/app.js";
import { createGupshupProvider, type GupshupProvider } from "../../src/providers/gupshup/index.js";
import { hasActiveCharacters } from "../../src/render/inert.js";
import { createOffsetClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { type CliResult, type RunningCli, type RunOptions, startWaform, waform } from "../e2e/cli.js";

/** An answer rewritten on its way back to waform. */
export type Rewrite = (answer: { method: string; path: string; status: number; body: string }) => {
  status: number;
  body: string;
};

export interface Kit {
  readonly sandbox: RunningSandbox;
  /** The proxy in front of the sandbox: what waform talks to. */
  readonly url: string;
  /** Rewrites every answer to requests under /partner/app/{appId}/ with `rewrite`. */
  rewrite(appId: string, rewrite: Rewrite): void;
  close(): Promise<void>;
}

export async function startKit(): Promise<Kit> {
  // approval on the first poll, no rate limits: the corpus is about content, not pacing
  const sandbox = await startSandbox({ clock: createOffsetClock(), approvalDelayMs: 0, rateLimits: false });
  const upstream = new URL(sandbox.url);
  const rewrites = new Map<string, Rewrite>();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const appId = /^\/partner\/app\/([^/?]+)/.exec(path)?.[1];
    const rewrite = appId ? rewrites.get(appId) : undefined;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          const out = rewrite
            ? rewrite({ method: req.method ?? "GET", path, status: answer.statusCode ?? 502, body })
            : { status: answer.statusCode ?? 502, body };
          const headers = { ...answer.headers };
          delete headers["content-length"];
          delete headers["transfer-encoding"];
          res.writeHead(out.status, headers).end(out.body);
        });
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    sandbox,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rewrite: (appId, r) => rewrites.set(appId, r),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sandbox.close();
    },
  };
}

let appCount = 0;

/** A YAML double-quoted scalar spelling every character but printable ASCII as an escape. */
export function yq(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === '"' || c === "\\") out += `\\${c}`;
    else if (code >= 0x20 && code < 0x7f) out += c;
    else if (code > 0xffff) out += `\\U${code.toString(16).padStart(8, "0")}`;
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `"${out}"`;
}

/** One case's world: its directory (the CLI's cwd), its app, and the CLI run against the kit. */
export class Case {
  readonly dir = mkdtempSync(join(tmpdir(), "waform-hostile-"));
  readonly appId = `5afe7a11-0000-4000-8000-${String(++appCount).padStart(12, "0")}`;
  readonly app: AppConfig = {
    alias: "shop",
    appId: this.appId,
    appName: "shopapp",
    source: "+918929874278",
    prune: false,
  };
  readonly #providers: GupshupProvider[] = [];

  constructor(readonly kit: Kit) {}

  /** Writes `text` to `name` in the case's directory; returns the path. */
  write(name: string, text: string): string {
    const path = join(this.dir, name);
    writeFileSync(path, text);
    return path;
  }

  /**
   * A declaration of app `shop` (this case's app id) with these templates, each a YAML flow mapping
   * (use `yq` for text that needs escapes). `prune` for the app; `file` defaults to templates.yaml.
   */
  declare(templates: string[], opts: { prune?: boolean; file?: string } = {}): string {
    return this.write(
      opts.file ?? "templates.yaml",
      `version: 1
apps:
  shop: { appId: ${this.appId}, appName: shopapp, source: "+918929874278", prune: ${opts.prune ?? false} }
defaults: { language: en_US, category: MARKETING, vertical: promotions, testDestinations: ["+919999900001"] }
templates:${templates.length ? `\n${templates.map((t) => `  - ${t}`).join("\n")}` : " []"}
`,
    );
  }

  env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      GUPSHUP_BASE_URL: this.kit.url,
      GUPSHUP_PARTNER_TOKEN: "any",
      GUPSHUP_API_BASE_URL: this.kit.sandbox.url,
      GUPSHUP_API_KEY: "hostile-gupshup-api-key",
      KALEYRA_BASE_URL: this.kit.sandbox.url,
      KALEYRA_API_KEY: "hostile-kaleyra-api-key",
      KALEYRA_SID: "HXIN1234",
      ...extra,
    };
  }

  run(args: string[], opts: Omit<RunOptions, "cwd"> = {}): Promise<CliResult> {
    return waform(args, { ...opts, cwd: this.dir, env: this.env(opts.env) });
  }

  start(args: string[], opts: Omit<RunOptions, "cwd"> = {}): RunningCli {
    return startWaform(args, { ...opts, cwd: this.dir, env: this.env(opts.env) });
  }

  /** Requests this case's app cost the sandbox. */
  requests(): number {
    return this.kit.sandbox.stats().byApp[this.appId] ?? 0;
  }

  /** Of those, the ones that were not reads. */
  writes(): number {
    return Object.entries(this.kit.sandbox.stats().byPath)
      .filter(([path]) => !path.startsWith("GET ") && path.includes(`/${this.appId}/`))
      .reduce((n, [, count]) => n + count, 0);
  }

  /** A provider on the sandbox itself, for what others do to the remote. */
  provider(): GupshupProvider {
    const p = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: this.kit.sandbox.url, GUPSHUP_PARTNER_TOKEN: "any" },
    });
    this.#providers.push(p);
    return p;
  }

  async close(): Promise<void> {
    await Promise.all(this.#providers.map((p) => p.close()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** How a crash looks: a JavaScript stack frame, or Node's own report of an uncaught error. */
export const CRASH = /\n\s+at .+[(:]\d+|Uncaught|node:internal|This is a bug|Maximum call stack/;

/** Lines the GitHub Actions runner would execute as workflow commands. */
export function workflowCommands(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => /^\s*(::|##\[)/.test(l));
}

/** Whether a text holds a raw control or bidi character (what inert.ts escapes). */
export function hasRaw(text: string): boolean {
  return hasActiveCharacters(text);
}

/** Markdown with its code spans and fenced blocks removed: what GitHub renders as HTML and links. */
export function markdownOutsideCode(md: string): string {
  const lines = md.split("\n");
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const m = /^(`{3,})/.exec(line);
    if (fence === undefined && m) fence = m[1];
    else if (fence !== undefined && line.startsWith(fence) && line.trim() === fence) fence = undefined;
    else if (fence === undefined) out.push(line.replace(/(`+)(?:(?!\1).)+?\1/g, ""));
  }
  return out.join("\n");
}

/** The cells of a Markdown table row, split as GitHub splits them (on pipes not escaped). */
export function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/);
}

/** Resolves when `text` appears on the process's stdout. */
export function waitForOutput(cli: RunningCli, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (cli.stdout().includes(text)) {
        cli.child.stdout?.off("data", check);
        resolve();
      }
    };
    cli.child.stdout?.on("data", check);
    cli.done.then(
      () => reject(new Error(`exited before printing ${JSON.stringify(text)}:\n${cli.stdout()}`)),
      reject,
    );
    check();
  });
}
