// The one pull-request comment of a marker: found by the hidden marker its body starts with,
// created the first time, updated on every later run, so a pull request never collects a comment
// per push. Only a comment written by this token's account counts: anyone can post a comment that
// starts with the marker, and a plan written into theirs could be edited back by its author after
// the run, showing reviewers a plan that is not the one apply will run.

import type { GithubClient } from "./client.js";
import type { GithubContext } from "./context.js";

interface Comment {
  id: number;
  body?: string | null;
  user?: { login?: unknown; type?: unknown } | null;
}

export interface UpsertResult {
  action: "created" | "updated";
  id: number;
}

/** `body` with `marker` as its first line (added when missing). */
function markedBody(marker: string, body: string): string {
  return body.startsWith(marker) ? body : `${marker}\n${body}`;
}

/**
 * Of the marked comments, the one this token wrote. The workflow's GITHUB_TOKEN (a GitHub App's
 * token) writes as a Bot, which no pull-request author can be; a user's token writes as its own
 * login, which `GET /user` tells (an App's token cannot ask it: then no user's comment is ours).
 */
async function ownComment(client: GithubClient, marked: Comment[]): Promise<Comment | undefined> {
  const byBot = marked.find((c) => c.user?.type === "Bot");
  if (byBot || marked.length === 0) return byBot;
  const me = await client
    .call<{ login?: unknown }>({
      method: "GET",
      path: "/user",
      what: "find the token's account",
      permission: "pull-requests: write",
    })
    .then(
      (r) => r.data.login,
      () => undefined,
    );
  return typeof me === "string" ? marked.find((c) => c.user?.login === me) : undefined;
}

export async function upsertComment(
  client: GithubClient,
  ctx: GithubContext,
  pr: number,
  marker: string,
  body: string,
): Promise<UpsertResult> {
  const repo = `/repos/${ctx.owner}/${ctx.repo}`;
  const permission = "pull-requests: write" as const;
  const comments = await client.list<Comment>({
    path: `${repo}/issues/${pr}/comments?per_page=100`,
    what: `list the comments of #${pr}`,
    permission,
  });
  const text = markedBody(marker, body);
  const previous = await ownComment(
    client,
    comments.filter((c) => typeof c.body === "string" && c.body.startsWith(marker)),
  );
  if (previous) {
    await client.call({
      method: "PATCH",
      path: `${repo}/issues/comments/${previous.id}`,
      body: { body: text },
      what: `update the waform comment on #${pr}`,
      permission,
    });
    return { action: "updated", id: previous.id };
  }
  const created = await client.call<Comment>({
    method: "POST",
    path: `${repo}/issues/${pr}/comments`,
    body: { body: text },
    what: `comment on #${pr}`,
    permission,
  });
  return { action: "created", id: created.data.id };
}
