// The plan as a pull-request comment: summary line, a table of affected templates, a collapsible
// diff per template, warnings, undeclared and unmanageable templates. GitHub refuses comments over 65,536
// characters, so the comment is cut at whole items (rows, diffs, warnings) below the limit, with a
// note of what was left out. The table and the warnings are kept before the diffs. Other people's
// text (names, bodies, statuses, reasons, file names) is escaped by render/inert.ts: it renders as
// the characters it is, never as HTML, a link, a table column or the end of a code block.

import type { Diagnostic } from "../model/diagnostic.js";
import { noun } from "../model/plural.js";
import { summarize } from "../plan/summary.js";
import type { Change, Plan } from "../plan/types.js";
import { mdCell, mdCode, mdFence, mdHtml, mdText } from "./inert.js";
import { contentEntries, fieldViews } from "./plan-fields.js";
import {
  actionPhrase,
  formatValue,
  keyOf,
  locationOf,
  MARKERS,
  NO_CHANGES,
  policyNote,
  reasonText,
  summaryLine,
  unblockText,
  undeclaredFate,
  unmanageableText,
} from "./plan-words.js";

export const MARKDOWN_MAX_CHARS = 65_000;

export interface PlanMarkdownOptions {
  /** The comment stays strictly shorter than this (default 65,000). */
  maxChars?: number;
}

/** Room kept for the note about what was left out. */
const NOTE_RESERVE = 600;

function diffLines(c: Change): string[] {
  if (c.action === "create" && c.desired) {
    return contentEntries(c.desired).flatMap(({ path, value }) =>
      path === "body" && typeof value === "string"
        ? ["+ body:", ...value.split("\n").map((l) => `+   ${l}`)]
        : [`+ ${path}: ${formatValue(value)}`],
    );
  }
  if (!c.desired) {
    const content = c.remote?.content;
    const entries = content ? contentEntries(content) : [];
    return [
      `- id: ${c.remote?.id ?? "?"}`,
      ...entries.map(({ path, value }) => `- ${path}: ${formatValue(value)}`),
    ];
  }
  return fieldViews(c).flatMap((v) => {
    const note = policyNote(v.policy);
    const head = `@@ ${v.path}${note ? ` (${note})` : ""} @@`;
    if (v.kind === "text") return [head, ...v.lines];
    return [
      head,
      ...(v.before === undefined ? [] : [`-${formatValue(v.before)}`]),
      ...(v.after === undefined ? [] : [`+${formatValue(v.after)}`]),
    ];
  });
}

/** The reason, and for a blocked change what lifts it (a declaration change, or time: until when). */
function reasonWithUnblock(c: Change): string {
  const unblock = unblockText(c);
  return unblock ? `${reasonText(c)}; ${unblock}` : reasonText(c);
}

function detailsBlock(c: Change): string {
  const status = c.remote ? ` [${c.remote.status}]` : "";
  return [
    `<details><summary><code>${mdHtml(`${MARKERS[c.action]} ${keyOf(c)}`)}</code> ${mdHtml(actionPhrase(c.action) + status)}</summary>`,
    "",
    mdText(reasonWithUnblock(c)),
    "",
    mdFence("diff", diffLines(c)),
    "",
    "</details>",
  ].join("\n");
}

function diagnosticItem(d: Diagnostic): string {
  const where = [locationOf(d), d.template].filter(Boolean).map((w) => mdCode(String(w)));
  const hint = d.hint ? ` _Hint: ${mdText(d.hint)}_` : "";
  return `- **${d.severity}** ${mdCode(d.code)}${where.length ? ` ${where.join(" ")}` : ""}: ${mdText(d.message)}${hint}`;
}

interface Section {
  /** What one item is, and several (`table row`, `table rows`). */
  name: string;
  names: string;
  head: string[];
  items: string[];
  /** Joins the items: tables need single newlines, blocks need a blank line. */
  separator: string;
  taken: number;
}

function section(
  [name, names]: [string, string],
  head: string[],
  items: string[],
  separator = "\n",
): Section {
  return { name, names, head, items, separator, taken: 0 };
}

function sectionText(s: Section): string {
  if (s.taken === 0) return "";
  return [...s.head, s.items.slice(0, s.taken).join(s.separator)].join("\n");
}

function omittedNote(sections: Section[], maxChars: number): string | undefined {
  const parts = sections
    .filter((s) => s.taken < s.items.length)
    .map((s) => {
      const n = s.items.length - s.taken;
      return `${n.toLocaleString("en-US")} ${noun(n, s.name, s.names)}`;
    });
  if (parts.length === 0) return undefined;
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `> **Cut to stay under ${maxChars.toLocaleString("en-US")} characters:** left out ${list}. Run \`waform plan\` to see the whole plan.`;
}

export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const pending = plan.changes.filter((c) => c.action !== "noop");
  const headline = pending.length > 0 ? summaryLine(summarize(plan)) : NO_CHANGES;
  const head = ["<!-- waform:plan -->", "### waform plan", "", `**${headline}**`].join("\n");

  const diagnostics = [...plan.diagnostics, ...plan.changes.flatMap((c) => c.diagnostics)];
  const table = section(
    ["table row", "table rows"],
    ["| App | Template | Language | Action | Reason |", "|---|---|---|---|---|"],
    pending.map(
      (c) =>
        `| ${mdCell(mdText(c.key.app))} | ${mdCode(c.key.name, true)} | ${mdCell(mdText(c.key.language))} | ${mdCode(MARKERS[c.action], true)} ${c.action} | ${mdCell(mdText(reasonWithUnblock(c)))} |`,
    ),
  );
  const warnings = section(
    ["warning or note", "warnings and notes"],
    ["#### Warnings and notes", ""],
    diagnostics.map(diagnosticItem),
  );
  const diffs = section(
    ["template diff", "template diffs"],
    ["#### Changes", ""],
    pending.map(detailsBlock),
    "\n\n",
  );
  const undeclared = section(
    ["undeclared template", "undeclared templates"],
    ["#### Undeclared templates (in the remote, not declared)", ""],
    plan.undeclared.map(
      (u) => `- ${mdCode(keyOf(u))} ${mdText(u.status)}: ${mdText(undeclaredFate(u, plan))}`,
    ),
  );
  const unmanageable = section(
    ["unmanageable template", "unmanageable templates"],
    ["#### Unmanageable templates (listed, never changed by waform)", ""],
    plan.unmanageable.map((u) => `- ${mdCode(keyOf(u))} ${mdText(u.status)}: ${mdText(unmanageableText(u))}`),
  );

  // fill by priority, each section a prefix of its items; then print in reading order
  const budget = maxChars - 1 - NOTE_RESERVE;
  let used = head.length;
  let cut = false;
  for (const s of [table, warnings, diffs, unmanageable, undeclared]) {
    let cost = s.head.join("\n").length + 2;
    for (const item of s.items) {
      cost += item.length + s.separator.length;
      cut = used + cost > budget;
      if (cut) break;
      s.taken++;
    }
    used += s.taken > 0 ? sectionText(s).length + 2 : 0;
    if (cut) break;
  }

  const note = omittedNote([table, diffs, warnings, undeclared, unmanageable], maxChars);
  const blocks = [
    head,
    ...[table, diffs, warnings, undeclared, unmanageable].map(sectionText),
    note ?? "",
  ].filter((b) => b !== "");
  return `${blocks.join("\n\n")}\n`;
}
