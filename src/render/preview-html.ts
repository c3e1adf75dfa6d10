// `waform preview`: templates drawn as WhatsApp shows them, in one self-contained HTML page for a
// reviewer's browser or a CI artifact. Pure: templates (or a plan) and `now` in, one string out.
// The page has no script and loads nothing: its Content-Security-Policy allows only the inline
// style, media headers are drawn as placeholders (the declared sample URL is a link), and every
// piece of template text is HTML-escaped, since it is other people's text.

import { plural } from "../model/plural.js";
import { type TemplateKey, templateKey } from "../model/template.js";
import { summarize } from "../plan/summary.js";
import type { Change, Plan } from "../plan/types.js";
import { actionPhrase, MARKERS, reasonText, summaryLine } from "./plan-words.js";
import { escapeHtml } from "./preview-format.js";
import { type PreviewMessage, renderMessage } from "./preview-message.js";
import { PREVIEW_CSS } from "./preview-style.js";

export type PreviewTemplate = TemplateKey & PreviewMessage;

export interface PreviewOptions {
  /** Epoch ms: the offer countdowns count from here, and the page says when it was drawn. */
  now: number;
  /** Where the templates came from, for the page heading (`templates.yaml`, `plan.json`). */
  source: string;
}

/** Nothing may be fetched or run: inline style only, `data:` images only, no forms, no base. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function page(title: string, subtitle: string, sections: string[]): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PREVIEW_CSS}</style>`,
    "</head>",
    "<body>",
    `<header class="page-head"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>`,
    `<main>${sections.join("\n")}</main>`,
    '<p class="legend">Media headers are placeholders (the page loads nothing); the link is the declared sample. Highlighted words are example values of the variables.</p>',
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function metaLine(t: PreviewMessage): string {
  return [t.category, t.kind, t.language].map(escapeHtml).join(" · ");
}

function drawn(now: number): string {
  return `drawn ${new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z")}`;
}

/** Every template of a declaration, in declaration order. */
export function renderTemplatesPreview(templates: readonly PreviewTemplate[], opts: PreviewOptions): string {
  const sections = templates.map((t) => {
    const key = escapeHtml(templateKey(t));
    return `<section class="template" id="${key}" data-key="${key}"><h2>${key}</h2><p class="meta">${metaLine(t)}</p>${renderMessage(t, opts)}</section>`;
  });
  const subtitle = `${plural(templates.length, "template")} from ${opts.source}, ${drawn(opts.now)}`;
  return page("waform preview", subtitle, sections);
}

function side(
  which: "before" | "after",
  caption: string,
  t: PreviewMessage | undefined,
  absent: string,
  opts: PreviewOptions,
): string {
  const body = t ? renderMessage(t, opts) : `<div class="absent">${escapeHtml(absent)}</div>`;
  return `<figure class="${which}"><figcaption>${escapeHtml(caption)}</figcaption>${body}</figure>`;
}

function changeSection(c: Change, opts: PreviewOptions): string {
  const key = escapeHtml(templateKey(c.key));
  const remote = c.remote?.content ? { ...c.remote.content, test: c.desired?.test } : undefined;
  const status = c.remote ? ` [${c.remote.status}]` : "";
  const declared = c.action === "delete" ? undefined : c.desired;
  const afterCaption =
    c.action === "blocked" ? "Declared (apply is blocked: the remote stays as it is)" : "After apply";
  return [
    `<section class="change" id="${key}" data-key="${key}" data-action="${c.action}">`,
    `<h2>${escapeHtml(MARKERS[c.action])} ${key}</h2>`,
    `<p class="action" data-action="${c.action}">${escapeHtml(`${actionPhrase(c.action)}${status}: ${reasonText(c)}`)}</p>`,
    '<div class="sides">',
    side(
      "before",
      c.remote ? `Now (remote, ${c.remote.status})` : "Now",
      remote,
      "not in the remote yet",
      opts,
    ),
    side("after", afterCaption, declared, c.action === "delete" ? "deleted" : "not declared", opts),
    "</div>",
    "</section>",
  ].join("");
}

/** The changes of a saved plan (noops left out), the remote as it is beside the declaration. */
export function renderPlanPreview(plan: Plan, opts: PreviewOptions): string {
  const changed = plan.changes.filter((c) => c.action !== "noop");
  const headline = changed.length > 0 ? summaryLine(summarize(plan)) : "No changes.";
  const subtitle = `${headline} ${plural(changed.length, "changed template")} from ${opts.source}, ${drawn(opts.now)}`;
  return page(
    "waform plan preview",
    subtitle,
    changed.map((c) => changeSection(c, opts)),
  );
}
