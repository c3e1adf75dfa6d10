// An in-memory GitHub for the example workflows' `actions/github-script` steps: the octokit calls
// they make, on pull-request comments, issues, labels, the pull request of a commit and workflow
// runs. State is plain data the tests read.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  comments: string[];
}

export interface WorkflowRun {
  id: number;
  workflow: string;
  event: string;
  headSha: string;
  status: string;
}

export class FakeGithub {
  readonly owner = "acme";
  readonly repo = "templates";
  comments = new Map<number, Comment[]>();
  issues: Issue[] = [];
  labels = new Set<string>();
  pulls: { number: number; headSha: string; mergeSha: string; mergedAt: string | null }[] = [];
  runs: WorkflowRun[] = [];
  /** The only token the REST API accepts (fake-github-api.ts). */
  readonly token = "ghs_fake_token_for_tests";
  /** Permissions taken away from the token: the API answers 403 there. */
  denied = new Set<"pull-requests" | "issues">();
  /**
   * The account of a user's token (`GET /user`); unset, the token is an App's (the workflow's
   * GITHUB_TOKEN), which GitHub answers 403 there.
   */
  viewer: string | undefined;
  /** The longest page the API returns, whatever per_page asks (to exercise pagination). */
  pageSize = 100;
  private lastId = 1000;

  nextId(): number {
    return this.lastId++;
  }

  commentsOn(issue: number): Comment[] {
    return this.comments.get(issue) ?? [];
  }

  /** A comment by the Actions bot on pull request `issue`. */
  addComment(issue: number, body: string, login = "github-actions[bot]"): Comment {
    const c = { id: this.nextId(), body, user: { login, type: login.endsWith("[bot]") ? "Bot" : "User" } };
    this.comments.set(issue, [...this.commentsOn(issue), c]);
    return c;
  }

  private check(params: { owner?: string; repo?: string }): void {
    if (params.owner !== this.owner || params.repo !== this.repo) throw new Error("wrong repository");
  }

  /** The `github` object of actions/github-script. */
  octokit() {
    const ok = <T>(data: T) => Promise.resolve({ data });
    const notFound = () => Object.assign(new Error("Not Found"), { status: 404 });
    return {
      paginate: async <P, T>(fn: (p: P) => Promise<{ data: T[] }>, params: P) => (await fn(params)).data,
      rest: {
        issues: {
          listComments: (p: { owner: string; repo: string; issue_number: number }) => {
            this.check(p);
            return ok([...this.commentsOn(p.issue_number)]);
          },
          createComment: (p: { owner: string; repo: string; issue_number: number; body: string }) => {
            this.check(p);
            const issue = this.issues.find((i) => i.number === p.issue_number);
            if (issue) {
              issue.comments.push(p.body);
              return ok({});
            }
            return ok(this.addComment(p.issue_number, p.body));
          },
          updateComment: (p: { owner: string; repo: string; comment_id: number; body: string }) => {
            this.check(p);
            const c = [...this.comments.values()].flat().find((x) => x.id === p.comment_id);
            if (!c) throw notFound();
            c.body = p.body;
            return ok(c);
          },
          listForRepo: (p: { owner: string; repo: string; labels: string; state: string }) => {
            this.check(p);
            return ok(
              this.issues
                .filter((i) => i.state === p.state && i.labels.includes(p.labels))
                .map((i) => ({ ...i })),
            );
          },
          getLabel: (p: { owner: string; repo: string; name: string }) => {
            this.check(p);
            if (!this.labels.has(p.name)) throw notFound();
            return ok({ name: p.name });
          },
          createLabel: (p: { owner: string; repo: string; name: string }) => {
            this.check(p);
            this.labels.add(p.name);
            return ok({ name: p.name });
          },
          create: (p: { owner: string; repo: string; title: string; body: string; labels: string[] }) => {
            this.check(p);
            for (const l of p.labels) if (!this.labels.has(l)) throw new Error(`label ${l} does not exist`);
            const issue: Issue = {
              number: this.nextId(),
              title: p.title,
              body: p.body,
              state: "open",
              labels: [...p.labels],
              comments: [],
            };
            this.issues.push(issue);
            return ok({ number: issue.number });
          },
          update: (p: {
            owner: string;
            repo: string;
            issue_number: number;
            body?: string;
            state?: "closed";
          }) => {
            this.check(p);
            const issue = this.issues.find((i) => i.number === p.issue_number);
            if (!issue) throw notFound();
            if (p.body !== undefined) issue.body = p.body;
            if (p.state) issue.state = p.state;
            return ok({});
          },
        },
        repos: {
          listPullRequestsAssociatedWithCommit: (p: { owner: string; repo: string; commit_sha: string }) => {
            this.check(p);
            return ok(
              this.pulls
                .filter((pr) => pr.mergeSha === p.commit_sha || pr.headSha === p.commit_sha)
                .map((pr) => ({ number: pr.number, merged_at: pr.mergedAt, head: { sha: pr.headSha } })),
            );
          },
        },
        actions: {
          listWorkflowRuns: (p: {
            owner: string;
            repo: string;
            workflow_id: string;
            event: string;
            head_sha: string;
            status: string;
          }) => {
            this.check(p);
            const runs = this.runs
              .filter(
                (r) =>
                  r.workflow === p.workflow_id &&
                  r.event === p.event &&
                  r.headSha === p.head_sha &&
                  r.status === p.status,
              )
              .sort((a, b) => b.id - a.id)
              .map((r) => ({ id: r.id, html_url: `https://github.com/acme/templates/actions/runs/${r.id}` }));
            return ok({ total_count: runs.length, workflow_runs: runs });
          },
        },
      },
    };
  }
}

/** What github-script's `core` records: outputs, failures and log lines. */
export function fakeCore() {
  const state = {
    outputs: {} as Record<string, string>,
    failed: undefined as string | undefined,
    log: [] as string[],
  };
  return {
    state,
    core: {
      setOutput: (k: string, v: unknown) => {
        state.outputs[k] = String(v);
      },
      setFailed: (m: string) => {
        state.failed = m;
      },
      info: (m: string) => state.log.push(m),
      notice: (m: string) => state.log.push(m),
      warning: (m: string) => state.log.push(m),
    },
  };
}

/** `require` for a script whose working directory is `cwd` (fs calls resolve relative paths there). */
export function requireIn(cwd: string) {
  return (name: string) => {
    if (name !== "fs")
      throw new Error(`the workflow script requires ${name}, which the test runner does not provide`);
    return {
      existsSync: (p: string) => existsSync(resolve(cwd, p)),
      readFileSync: (p: string, enc: BufferEncoding) => readFileSync(resolve(cwd, p), enc),
    };
  };
}
