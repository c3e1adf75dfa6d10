// The one issue of a label (the drift report): opened on the first drift, its body replaced on
// the next ones, closed with a comment once there is none. The label is created when missing.

import type { GithubClient } from "./client.js";
import type { GithubContext } from "./context.js";

interface Issue {
  number: number;
  pull_request?: unknown;
}

export type IssueResult = { action: "opened" | "updated" | "closed"; number: number } | { action: "none" };

const permission = "issues: write" as const;

async function openIssue(
  client: GithubClient,
  ctx: GithubContext,
  label: string,
): Promise<Issue | undefined> {
  const issues = await client.list<Issue>({
    path: `/repos/${ctx.owner}/${ctx.repo}/issues?labels=${encodeURIComponent(label)}&state=open&per_page=100`,
    what: `list the open issues labelled ${label}`,
    permission,
  });
  // the issues endpoint lists pull requests too
  return issues.filter((i) => !i.pull_request).sort((a, b) => a.number - b.number)[0];
}

async function ensureLabel(client: GithubClient, ctx: GithubContext, label: string): Promise<void> {
  const repo = `/repos/${ctx.owner}/${ctx.repo}`;
  const labels = await client.list<{ name: string }>({
    path: `${repo}/labels?per_page=100`,
    what: "list the repository's labels",
    permission,
  });
  if (labels.some((l) => l.name === label)) return;
  await client.call({
    method: "POST",
    path: `${repo}/labels`,
    body: { name: label, color: "d93f0b", description: "waform found templates changed outside waform" },
    what: `create the label ${label}`,
    permission,
  });
}

/** Opens the labelled issue with `body`, or replaces the body of the open one. */
export async function upsertIssue(
  client: GithubClient,
  ctx: GithubContext,
  label: string,
  title: string,
  body: string,
): Promise<IssueResult> {
  const repo = `/repos/${ctx.owner}/${ctx.repo}`;
  const open = await openIssue(client, ctx, label);
  if (open) {
    await client.call({
      method: "PATCH",
      path: `${repo}/issues/${open.number}`,
      body: { body },
      what: `update issue #${open.number}`,
      permission,
    });
    return { action: "updated", number: open.number };
  }
  await ensureLabel(client, ctx, label);
  const created = await client.call<Issue>({
    method: "POST",
    path: `${repo}/issues`,
    body: { title, body, labels: [label] },
    what: `open an issue labelled ${label}`,
    permission,
  });
  return { action: "opened", number: created.data.number };
}

/** Closes the open labelled issue, if any, with `comment` saying why. */
export async function closeIssue(
  client: GithubClient,
  ctx: GithubContext,
  label: string,
  comment: string,
): Promise<IssueResult> {
  const repo = `/repos/${ctx.owner}/${ctx.repo}`;
  const open = await openIssue(client, ctx, label);
  if (!open) return { action: "none" };
  await client.call({
    method: "POST",
    path: `${repo}/issues/${open.number}/comments`,
    body: { body: comment },
    what: `comment on issue #${open.number}`,
    permission,
  });
  await client.call({
    method: "PATCH",
    path: `${repo}/issues/${open.number}`,
    body: { state: "closed", state_reason: "completed" },
    what: `close issue #${open.number}`,
    permission,
  });
  return { action: "closed", number: open.number };
}
