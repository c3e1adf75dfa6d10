// `waform github comment` and `waform github issue`: the pull-request comment and the drift issue,
// upserted through the GitHub REST API (used by the GitHub Action, usable from any workflow step).

import { readFile } from "node:fs/promises";
import { fileErrorWords } from "../../config/files.js";
import { UserError } from "../../model/errors.js";
import { inertLine } from "../../render/inert.js";
import { writeErr } from "../output.js";
import { checkData } from "../secrets.js";
import { createGithubClient } from "./client.js";
import { upsertComment } from "./comment.js";
import { eventNumber, type GithubContext, githubContext, readEvent } from "./context.js";
import { closeIssue, upsertIssue } from "./issue.js";

/** GitHub refuses comment and issue bodies over 65,536 characters. */
const MAX_BODY = 65_536;

interface BodyOptions {
  body?: string;
  bodyFile?: string;
  footer?: string[];
}

async function bodyOf(opts: BodyOptions): Promise<string> {
  if ((opts.body === undefined) === (opts.bodyFile === undefined))
    throw new UserError("give the text with exactly one of --body or --body-file");
  if (opts.body !== undefined) return opts.body;
  try {
    return await readFile(opts.bodyFile!, "utf8");
  } catch (err) {
    throw new UserError(`cannot read --body-file ${opts.bodyFile}: ${fileErrorWords(err)}`);
  }
}

/** The body, then the footers and a link to the run (with the commit), each its own paragraph. */
function withFooter(body: string, ctx: GithubContext, footers: readonly string[]): string {
  const run = ctx.runUrl ? `[run log](${ctx.runUrl})` : undefined;
  const sha = ctx.sha ? `\`${ctx.sha.slice(0, 7)}\`` : undefined;
  const about = [sha && `waform on ${sha}`, run].filter(Boolean).join(" · ");
  const tail = [...footers, ...(about ? [`<sub>${about}</sub>`] : [])];
  const text = [body.trimEnd(), ...tail].join("\n\n");
  return `${text}\n`;
}

function checkLength(text: string): void {
  if (text.length > MAX_BODY)
    throw new UserError(`the text is ${text.length} characters; GitHub accepts at most ${MAX_BODY}`);
}

export async function runGithubComment(
  opts: BodyOptions & { marker: string; pr?: string; repo?: string },
): Promise<void> {
  const body = await bodyOf(opts);
  const env = process.env;
  const pr = opts.pr === undefined ? eventNumber(await readEvent(env)) : Number(opts.pr);
  if (pr === undefined || !Number.isInteger(pr) || pr < 1) {
    throw new UserError(
      opts.pr === undefined
        ? "no pull request: the GitHub event (GITHUB_EVENT_PATH) has none"
        : `--pr '${opts.pr}' is not a pull request number`,
      "run on a pull_request event, or give --pr N",
    );
  }
  const ctx = await githubContext(env, opts.repo === undefined ? {} : { repo: opts.repo });
  // a report, like stdout: verbatim, refused if it would carry a credential
  const text = checkData(withFooter(body, ctx, opts.footer ?? []), "the pull-request comment");
  checkLength(text);
  const client = createGithubClient(ctx);
  try {
    const r = await upsertComment(client, ctx, pr, opts.marker, text);
    writeErr(
      `${r.action === "created" ? "Commented on" : "Updated the comment on"} #${pr} (comment ${r.id}).\n`,
    );
  } finally {
    await client.close();
  }
}

export async function runGithubIssue(
  opts: BodyOptions & { label: string; title: string; close?: string; repo?: string },
): Promise<void> {
  const ctx = await githubContext(process.env, opts.repo === undefined ? {} : { repo: opts.repo });
  const client = createGithubClient(ctx);
  try {
    if (opts.close !== undefined) {
      if (opts.body !== undefined || opts.bodyFile !== undefined)
        throw new UserError("--close takes the closing comment itself; drop --body/--body-file");
      // a report like the body: refused if it would carry a credential, and within GitHub's limit
      const comment = checkData(withFooter(opts.close, ctx, opts.footer ?? []), "the closing comment");
      checkLength(comment);
      const r = await closeIssue(client, ctx, opts.label, comment);
      writeErr(
        r.action === "closed"
          ? `Closed #${r.number}.\n`
          : `No open issue labelled ${inertLine(opts.label)}.\n`,
      );
      return;
    }
    const text = checkData(withFooter(await bodyOf(opts), ctx, opts.footer ?? []), "the issue");
    checkLength(text);
    const r = await upsertIssue(client, ctx, opts.label, opts.title, text);
    if (r.action !== "none") writeErr(`${r.action === "opened" ? "Opened" : "Updated"} #${r.number}.\n`);
  } finally {
    await client.close();
  }
}
