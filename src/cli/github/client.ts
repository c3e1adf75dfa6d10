// The few GitHub REST calls waform makes, through undici: JSON in and out, the token in the
// Authorization header only, every page of a list followed through its `Link: rel="next"`. A
// refusal names the permission the workflow's token lacks; the token itself is never in a message.

import { Agent, request } from "undici";
import { UserError } from "../../model/errors.js";
import { VERIFY_TLS } from "../../providers/tls.js";
import { inertLine } from "../../render/inert.js";
import type { GithubContext } from "./context.js";

/** The permission a call needs, for the message when GitHub refuses it. */
export type Permission = "pull-requests: write" | "issues: write";

export interface GithubCall {
  method: "GET" | "POST" | "PATCH";
  /** Path under the API, e.g. `/repos/acme/templates/issues/7/comments?per_page=100`. */
  path: string;
  body?: unknown;
  /** What the call does, for messages: "list the pull request's comments". */
  what: string;
  permission: Permission;
}

export interface GithubClient {
  call<T>(c: GithubCall): Promise<{ status: number; data: T }>;
  /** Every item of a paginated list. */
  list<T>(c: Omit<GithubCall, "method" | "body">): Promise<T[]>;
  close(): Promise<void>;
}

const MAX_PAGES = 100;

function nextLink(link: string | string[] | undefined): string | undefined {
  const header = Array.isArray(link) ? link.join(",") : link;
  return header ? /<([^>]+)>;\s*rel="next"/.exec(header)?.[1] : undefined;
}

function apiMessage(data: unknown): string {
  const m = data && typeof data === "object" ? (data as { message?: unknown }).message : undefined;
  return typeof m === "string" ? inertLine(m.slice(0, 300)) : "";
}

function refusal(c: GithubCall, status: number, data: unknown, ctx: GithubContext): UserError {
  const said = apiMessage(data);
  const what = `GitHub refused to ${c.what} (HTTP ${status}${said ? `: ${said}` : ""})`;
  if (status === 401)
    return new UserError(what, "the token is not valid: check the github-token input / GITHUB_TOKEN");
  if (status === 403 || status === 404) {
    return new UserError(
      what,
      `the token needs \`${c.permission}\` on ${ctx.owner}/${ctx.repo}: add \`permissions: { ${c.permission} }\` to the workflow (pull requests from forks only get a read-only token)`,
    );
  }
  return new UserError(what);
}

export function createGithubClient(ctx: GithubContext): GithubClient {
  const agent = new Agent({
    connect: { ...VERIFY_TLS, timeout: 15_000 },
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const origin = new URL(ctx.apiUrl);
  const headers = {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${ctx.token}`,
    "user-agent": "waform",
    "x-github-api-version": "2022-11-28",
  };

  async function send<T>(c: GithubCall, url: string): Promise<{ status: number; data: T; next?: string }> {
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        method: c.method,
        dispatcher: agent,
        headers: c.body === undefined ? headers : { ...headers, "content-type": "application/json" },
        ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
      });
    } catch (err) {
      throw new UserError(
        `cannot reach GitHub at ${origin.host} to ${c.what}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    const text = await res.body.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (res.statusCode >= 400) throw refusal(c, res.statusCode, data, ctx);
    const next = nextLink(res.headers["link"]);
    return { status: res.statusCode, data: data as T, ...(next ? { next } : {}) };
  }

  const base = ctx.apiUrl;
  return {
    call: async <T>(c: GithubCall) => {
      const { status, data } = await send<T>(c, `${base}${c.path}`);
      return { status, data };
    },
    list: async <T>(c: Omit<GithubCall, "method" | "body">) => {
      const all: T[] = [];
      let url: string | undefined = `${base}${c.path}`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        // a `next` link elsewhere would carry the token to another host: follow it only here
        if (new URL(url).origin !== origin.origin)
          throw new UserError(`GitHub's next page is on another host: ${url}`);
        const r: { data: T[]; next?: string } = await send<T[]>({ ...c, method: "GET" }, url);
        if (!Array.isArray(r.data))
          throw new UserError(`GitHub answered ${c.what} with something that is not a list`);
        all.push(...r.data);
        url = r.next;
      }
      return all;
    },
    close: () => agent.close(),
  };
}
