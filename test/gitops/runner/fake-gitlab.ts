// An in-memory GitLab REST API (the few v4 endpoints waform-gitlab.mjs calls), on 127.0.0.1, for
// the GitLab pipeline test: merge-request notes, the merge request of a commit, its pipelines and
// their jobs' artifacts, and labelled issues. Every call must carry the project access token.

import { createServer, type IncomingMessage, type Server } from "node:http";

export interface Note {
  id: number;
  body: string;
  author: { id: number; username: string };
}

export interface GitlabIssue {
  iid: number;
  title: string;
  description: string;
  state: "opened" | "closed";
  labels: string[];
  notes: string[];
}

interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
}

export class FakeGitlab {
  readonly projectId = "42";
  readonly token = "glpat-e2e-project-token-123";
  /** The user of the project access token (GitLab makes one per token): what `GET /user` answers. */
  readonly tokenUser = { id: 4242, username: "project_42_bot_waform" };
  notes = new Map<number, Note[]>();
  issues: GitlabIssue[] = [];
  /** commit sha → merged merge request iid */
  mergedBy = new Map<string, number>();
  /** merge request iid → its pipelines, newest first */
  pipelines = new Map<
    number,
    { id: number; status: string; jobs: { id: number; name: string; artifacts: Map<string, Buffer> }[] }[]
  >();
  calls: string[] = [];
  private server: Server | undefined;
  private nextId = 500;
  url = "";

  /** A note on merge request `iid` by someone else than the token's user. */
  addNote(iid: number, body: string, author = { id: 77, username: "mallory" }): Note {
    const note = { id: this.nextId++, body, author };
    this.notes.set(iid, [...(this.notes.get(iid) ?? []), note]);
    return note;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body, raw }) => {
          res.writeHead(status, {
            "content-type": raw ? "application/octet-stream" : "application/json",
            "x-next-page": "",
          });
          res.end(raw ?? JSON.stringify(body));
        },
        (err: Error) => {
          res.writeHead(500);
          res.end(err.message);
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/api/v4`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async body(req: IncomingMessage): Promise<Record<string, unknown>> {
    let text = "";
    for await (const chunk of req) text += chunk;
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  private routes(): [RegExp, (m: string[], req: IncomingMessage, url: URL) => Promise<Reply> | Reply][] {
    const job = (id: string) =>
      [...this.pipelines.values()]
        .flat()
        .flatMap((p) => p.jobs)
        .find((j) => j.id === Number(id));
    const issue = (iid: string) => this.issues.find((i) => i.iid === Number(iid));
    return [
      [
        /^GET \/merge_requests\/(\d+)\/notes$/,
        ([iid]) => ({ status: 200, body: this.notes.get(Number(iid)) ?? [] }),
      ],
      [
        /^POST \/merge_requests\/(\d+)\/notes$/,
        async ([iid], req) => {
          const note = {
            id: this.nextId++,
            body: String((await this.body(req))["body"]),
            author: this.tokenUser,
          };
          this.notes.set(Number(iid), [...(this.notes.get(Number(iid)) ?? []), note]);
          return { status: 201, body: note };
        },
      ],
      [
        /^PUT \/merge_requests\/(\d+)\/notes\/(\d+)$/,
        async ([iid, id], req) => {
          const note = this.notes.get(Number(iid))?.find((n) => n.id === Number(id));
          if (!note) return { status: 404, body: {} };
          note.body = String((await this.body(req))["body"]);
          return { status: 200, body: note };
        },
      ],
      [
        /^GET \/repository\/commits\/(\w+)\/merge_requests$/,
        ([sha]) => {
          const iid = this.mergedBy.get(sha!);
          return { status: 200, body: iid ? [{ iid, state: "merged" }] : [] };
        },
      ],
      [
        /^GET \/merge_requests\/(\d+)\/pipelines$/,
        ([iid]) => ({
          status: 200,
          body: (this.pipelines.get(Number(iid)) ?? []).map(({ id, status }) => ({ id, status })),
        }),
      ],
      [
        /^GET \/pipelines\/(\d+)\/jobs$/,
        ([id]) => {
          const p = [...this.pipelines.values()].flat().find((x) => x.id === Number(id));
          return {
            status: 200,
            body: (p?.jobs ?? []).map(({ id, name }) => ({ id, name, status: "success" })),
          };
        },
      ],
      [
        /^GET \/jobs\/(\d+)\/artifacts\/(.+)$/,
        ([id, file]) => {
          const raw = job(id!)?.artifacts.get(file!);
          return raw ? { status: 200, raw } : { status: 404, body: { message: "404 Not found" } };
        },
      ],
      [
        /^GET \/issues$/,
        (_m, _req, url) => {
          const label = url.searchParams.get("labels") ?? "";
          const state = url.searchParams.get("state");
          return {
            status: 200,
            body: this.issues.filter((i) => i.state === state && i.labels.includes(label)),
          };
        },
      ],
      [
        /^POST \/issues$/,
        async (_m, req) => {
          const b = await this.body(req);
          const created: GitlabIssue = {
            iid: this.nextId++,
            title: String(b["title"]),
            description: String(b["description"]),
            state: "opened",
            labels: String(b["labels"]).split(","),
            notes: [],
          };
          this.issues.push(created);
          return { status: 201, body: created };
        },
      ],
      [
        /^PUT \/issues\/(\d+)$/,
        async ([iid], req) => {
          const found = issue(iid!);
          if (!found) return { status: 404, body: {} };
          const b = await this.body(req);
          if (typeof b["description"] === "string") found.description = b["description"];
          if (b["state_event"] === "close") found.state = "closed";
          return { status: 200, body: found };
        },
      ],
      [
        /^POST \/issues\/(\d+)\/notes$/,
        async ([iid], req) => {
          issue(iid!)?.notes.push(String((await this.body(req))["body"]));
          return { status: 201, body: {} };
        },
      ],
    ];
  }

  private async handle(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname);
    this.calls.push(`${req.method} ${path}`);
    if (req.headers["private-token"] !== this.token)
      return { status: 401, body: { message: "401 Unauthorized" } };
    if (req.method === "GET" && path === "/api/v4/user") return { status: 200, body: this.tokenUser };
    const prefix = `/api/v4/projects/${this.projectId}`;
    if (!path.startsWith(prefix)) return { status: 404, body: { message: "404 Project Not Found" } };
    const route = `${req.method} ${path.slice(prefix.length)}`;
    for (const [pattern, handler] of this.routes()) {
      const m = pattern.exec(route);
      if (m) return handler(m.slice(1), req, url);
    }
    return { status: 404, body: { message: `no route ${route}` } };
  }
}
