// The one pull-request comment of a marker: found by the hidden marker its body starts with,
// created the first time, updated on every later run, so a pull request never collects a comment
// per push.

import type { GithubClient } from "./client.js";
import type { GithubContext } from "./context.js";

interface Comment {
  id: number;
  body?: string | null;
}

export interface UpsertResult {
  action: "created" | "updated";
  id: number;
}

/** `body` with `marker` as its first line (added when missing). */
function markedBody(marker: string, body: string): string {
  return body.startsWith(marker) ? body : `${marker}\n${body}`;
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
  const previous = comments.find((c) => typeof c.body === "string" && c.body.startsWith(marker));
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
