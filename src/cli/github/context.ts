// Where a `waform github …` command runs, read from the variables GitHub Actions sets: the API
// (GITHUB_API_URL, for GitHub Enterprise too), the repository, the event's pull request, the run.
// The token comes from the environment only (GITHUB_TOKEN, or GH_TOKEN), never from a flag.

import { readFile } from "node:fs/promises";
import { UserError } from "../../model/errors.js";
import { refuseDisabledTls } from "../../providers/tls.js";

export interface GithubContext {
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
  /** The link to this workflow run, when running in one. */
  runUrl?: string;
  /** The commit the run is about: a pull request's head, else GITHUB_SHA. */
  sha?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function apiUrl(env: Env): string {
  const value = env["GITHUB_API_URL"]?.trim() || "https://api.github.com";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`GITHUB_API_URL is not a valid URL: ${JSON.stringify(value)}`);
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new UserError(
      `GITHUB_API_URL must be https (plain http only on this machine), got ${JSON.stringify(value)}`,
      "the token would travel unencrypted",
    );
  }
  refuseDisabledTls(url, env);
  return value.replace(/\/+$/, "");
}

function repository(env: Env, flag: string | undefined): { owner: string; repo: string } {
  const value = flag ?? env["GITHUB_REPOSITORY"];
  const m = value ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value) : null;
  if (!m) {
    throw new UserError(
      value ? `not a repository: ${JSON.stringify(value)}` : "no repository: GITHUB_REPOSITORY is not set",
      "run inside GitHub Actions, or give --repo OWNER/NAME",
    );
  }
  return { owner: m[1]!, repo: m[2]! };
}

/** The event GitHub Actions wrote to GITHUB_EVENT_PATH, or {} outside a run. */
export async function readEvent(env: Env): Promise<Record<string, unknown>> {
  const path = env["GITHUB_EVENT_PATH"];
  if (!path) return {};
  try {
    const event = JSON.parse(await readFile(path, "utf8")) as unknown;
    return event && typeof event === "object" ? (event as Record<string, unknown>) : {};
  } catch (err) {
    throw new UserError(`cannot read the GitHub event at GITHUB_EVENT_PATH: ${(err as Error).message}`);
  }
}

function field(obj: unknown, ...path: string[]): unknown {
  let v: unknown = obj;
  for (const p of path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** The pull request (or issue) number of the event, e.g. `pull_request.number`. */
export function eventNumber(event: Record<string, unknown>): number | undefined {
  const n =
    field(event, "pull_request", "number") ?? field(event, "issue", "number") ?? field(event, "number");
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}

export async function githubContext(env: Env, opts: { repo?: string } = {}): Promise<GithubContext> {
  const token = (env["GITHUB_TOKEN"] || env["GH_TOKEN"])?.trim();
  if (!token) {
    throw new UserError(
      "no GitHub token: GITHUB_TOKEN is not set",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, shown as such
      "give the step `env: GITHUB_TOKEN: ${{ github.token }}` (the action does it for you)",
    );
  }
  const { owner, repo } = repository(env, opts.repo);
  const event = await readEvent(env);
  const server = env["GITHUB_SERVER_URL"]?.replace(/\/+$/, "");
  const run = env["GITHUB_RUN_ID"];
  const head = field(event, "pull_request", "head", "sha");
  const sha = typeof head === "string" ? head : env["GITHUB_SHA"];
  return {
    apiUrl: apiUrl(env),
    owner,
    repo,
    token,
    ...(server && run ? { runUrl: `${server}/${owner}/${repo}/actions/runs/${run}` } : {}),
    ...(sha ? { sha } : {}),
  };
}
