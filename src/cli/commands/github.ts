import type { Command } from "commander";
import { collect } from "../context.js";

const BODY = "the Markdown text";
const FILE = "read the Markdown text from this file (e.g. `waform plan --format markdown` output)";
const FOOTER = "a paragraph added after the text, before the link to the run (repeatable)";
const REPO = "OWNER/NAME (default: GITHUB_REPOSITORY)";

export function registerGithub(program: Command): void {
  const github = program
    .command("github")
    .description(
      "upsert waform's pull-request comment or drift issue through the GitHub REST API (token from GITHUB_TOKEN; GITHUB_API_URL honoured)",
    );
  github
    .command("comment")
    .description(
      "create the pull request's waform comment, or update it: the one comment whose body starts with the marker",
    )
    .option("--body <markdown>", BODY)
    .option("--body-file <file>", FILE)
    .option("--footer <markdown>", FOOTER, collect)
    .option("--marker <marker>", "the hidden first line that finds the comment again", "<!-- waform:plan -->")
    .option("--pr <number>", "the pull request (default: the one of the event, GITHUB_EVENT_PATH)")
    .option("--repo <owner/name>", REPO)
    .action(async (opts) => (await import("../github/run.js")).runGithubComment(opts));
  github
    .command("issue")
    .description(
      "open the issue of a label with the text, or replace the text of the open one; with --close, close it",
    )
    .option("--body <markdown>", BODY)
    .option("--body-file <file>", FILE)
    .option("--footer <markdown>", FOOTER, collect)
    .option("--label <label>", "the label that finds the issue again (created when missing)", "waform-drift")
    .option("--title <title>", "the title of a new issue", "waform: templates drifted from templates.yaml")
    .option("--close <markdown>", "close the open issue of the label with this comment (no drift any more)")
    .option("--repo <owner/name>", REPO)
    .action(async (opts) => (await import("../github/run.js")).runGithubIssue(opts));
}
