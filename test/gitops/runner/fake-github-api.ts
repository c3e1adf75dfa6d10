// FakeGithub's REST API on loopback (node:http), for waform's own GitHub client (`waform github
// comment|issue`, used by the action): the few endpoints it may call, on the same state the
// github-script steps see. It records every request, answers 401 to any other token, 403 where a
// test takes a permission away, and 404 to anything else, so a test can say exactly what was called.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Comment, FakeGithub, Issue } from "./fake-github.js";

export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. `/repos/acme/templates/issues/7/comments?per_page=100`. */
  path: string;
  body?: unknown;
  authorization?: string;
}

export interface GithubApi {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (m: RegExpExecArray, q: URLSearchParams, body: Record<string, unknown>) => [number, unknown];

function page<T>(items: T[], q: URLSearchParams, size: number): { items: T[]; next?: number } {
  const per = Math.min(Number(q.get("per_page") ?? 30), size);
  const n = Number(q.get("page") ?? 1);
  const slice = items.slice((n - 1) * per, n * per);
  return n * per < items.length ? { items: slice, next: n + 1 } : { items: slice };
}

export async function serveGithubApi(gh: FakeGithub): Promise<GithubApi> {
  const requests: RecordedRequest[] = [];
  const repo = `/repos/${gh.owner}/${gh.repo}`;
  const forbidden = (what: "pull-requests" | "issues"): [number, unknown] | undefined =>
    gh.denied.has(what) ? [403, { message: "Resource not accessible by integration" }] : undefined;
  let links: { next?: number; path: string; query: URLSearchParams } | undefined;
  const listed = <T>(items: T[], path: string, q: URLSearchParams): [number, unknown] => {
    const p = page(items, q, gh.pageSize);
    links = p.next === undefined ? undefined : { next: p.next, path, query: q };
    return [200, p.items];
  };

  const routes: [string, RegExp, Handler][] = [
    [
      "GET",
      /^\/issues\/(\d+)\/comments$/,
      (m, q) =>
        forbidden("pull-requests") ??
        listed(gh.commentsOn(Number(m[1])), `${repo}/issues/${m[1]}/comments`, q),
    ],
    [
      "POST",
      /^\/issues\/(\d+)\/comments$/,
      (m, _q, b) => {
        const n = Number(m[1]);
        const issue = gh.issues.find((i) => i.number === n);
        const denied = forbidden(issue ? "issues" : "pull-requests");
        if (denied) return denied;
        if (!issue) return [201, gh.addComment(n, String(b["body"]))];
        issue.comments.push(String(b["body"]));
        return [201, { id: gh.nextId() }];
      },
    ],
    [
      "PATCH",
      /^\/issues\/comments\/(\d+)$/,
      (m, _q, b) => {
        const denied = forbidden("pull-requests");
        if (denied) return denied;
        const c = [...gh.comments.values()].flat().find((x) => x.id === Number(m[1]));
        if (!c) return [404, { message: "Not Found" }];
        c.body = String(b["body"]);
        return [200, c];
      },
    ],
    [
      "GET",
      /^\/issues$/,
      (_m, q) =>
        forbidden("issues") ??
        listed(
          gh.issues
            .filter((i) => i.state === (q.get("state") ?? "open"))
            .filter((i) => !q.get("labels") || i.labels.includes(q.get("labels")!))
            .map((i) => ({ ...i })),
          `${repo}/issues`,
          q,
        ),
    ],
    [
      "POST",
      /^\/issues$/,
      (_m, _q, b) => {
        const denied = forbidden("issues");
        if (denied) return denied;
        const labels = (b["labels"] as string[] | undefined) ?? [];
        if (labels.some((l) => !gh.labels.has(l))) return [422, { message: "Validation Failed" }];
        const issue: Issue = {
          number: gh.nextId(),
          title: String(b["title"]),
          body: String(b["body"]),
          state: "open",
          labels,
          comments: [],
        };
        gh.issues.push(issue);
        return [201, { number: issue.number }];
      },
    ],
    [
      "PATCH",
      /^\/issues\/(\d+)$/,
      (m, _q, b) => {
        const denied = forbidden("issues");
        if (denied) return denied;
        const issue = gh.issues.find((i) => i.number === Number(m[1]));
        if (!issue) return [404, { message: "Not Found" }];
        if (typeof b["body"] === "string") issue.body = b["body"];
        if (b["state"] === "closed") issue.state = "closed";
        return [200, { number: issue.number }];
      },
    ],
    [
      "GET",
      /^\/labels$/,
      (_m, q) =>
        forbidden("issues") ??
        listed(
          [...gh.labels].map((name) => ({ name })),
          `${repo}/labels`,
          q,
        ),
    ],
    [
      "POST",
      /^\/labels$/,
      (_m, _q, b) => {
        const denied = forbidden("issues");
        if (denied) return denied;
        gh.labels.add(String(b["name"]));
        return [201, { name: b["name"] }];
      },
    ],
  ];

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      raw += c;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      requests.push({
        method: req.method ?? "",
        path: `${url.pathname}${url.search}`,
        ...(body === undefined ? {} : { body }),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const reply = (status: number, data: unknown) => {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (links?.next !== undefined) {
          const q = new URLSearchParams(links.query);
          q.set("page", String(links.next));
          headers["link"] = `<${api.url}${links.path}?${q}>; rel="next"`;
        }
        links = undefined;
        res.writeHead(status, headers).end(JSON.stringify(data));
      };
      if (req.headers.authorization !== `Bearer ${gh.token}`)
        return reply(401, { message: "Bad credentials" });
      if (req.method === "GET" && url.pathname === "/user") {
        return gh.viewer === undefined
          ? reply(403, { message: "Resource not accessible by integration" })
          : reply(200, { login: gh.viewer, type: "User" });
      }
      const route = url.pathname.startsWith(repo)
        ? routes.find(([method, re]) => method === req.method && re.test(url.pathname.slice(repo.length)))
        : undefined;
      if (!route) return reply(404, { message: "Not Found" });
      const [status, data] = route[2](
        route[1].exec(url.pathname.slice(repo.length))!,
        url.searchParams,
        body ?? {},
      );
      reply(status, data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const api: GithubApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return api;
}

export type { Comment };
