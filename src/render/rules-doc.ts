// docs/rules.md, generated from the rules' own metadata (config/rules/, config/codes.ts, plan/codes.ts):
// every code waform can report, its severity, what it asks, why, and something that breaks it.
// `npm run docs:rules` writes the page; a test fails when the page and the code differ.

import { ruleCatalog } from "../config/catalog.js";
import type { RuleInfo } from "../model/rule-info.js";
import { PLAN_CODES } from "../plan/codes.js";

/** Areas in reading order: the code prefixes of each. */
const OFFLINE_AREAS: [string, string[]][] = [
  ["Files and structure", ["FILE", "YAML", "SCHEMA", "SECRET", "CFG", "LANG", "CATG"]],
  ["Names", ["NAME", "DUP"]],
  ["Header, body and footer", ["HDR", "BODY", "FTR"]],
  ["Variables", ["VAR"]],
  ["Buttons", ["BTN"]],
  ["Limited-time offers", ["LTO"]],
  ["Product and catalog templates", ["SPM", "MPM", "CTLG"]],
  ["Authentication templates", ["AUTH"]],
  ["Test sends", ["SEND", "TEST"]],
];

function prefixOf(id: string): string {
  return id.split("-")[0]!;
}

function byId(a: RuleInfo, b: RuleInfo): number {
  return a.id.localeCompare(b.id, "en", { numeric: true });
}

function anchor(id: string): string {
  return id.toLowerCase();
}

function exampleBlock(example: string): string {
  if (/^(- name:|version: 1)/.test(example)) return ["```yaml", example, "```"].join("\n");
  return example;
}

function ruleSection(r: RuleInfo): string {
  return [
    `### ${r.id}`,
    "",
    `**${r.severity}**: ${r.summary}`,
    "",
    `Why: ${r.why}`,
    "",
    "Fails:",
    "",
    exampleBlock(r.example),
    "",
  ].join("\n");
}

function table(rules: readonly RuleInfo[]): string {
  const rows = rules.map(
    (r) => `| [${r.id}](#${anchor(r.id)}) | ${r.severity} | ${r.summary.replace(/\|/g, "\\|")} |`,
  );
  return ["| Id | Severity | Rule |", "|---|---|---|", ...rows].join("\n");
}

export function renderRulesDoc(): string {
  const offline = [...ruleCatalog().values()];
  const remote = [...PLAN_CODES];
  const areas = OFFLINE_AREAS.map(([title, prefixes]) => ({
    title,
    rules: offline.filter((r) => prefixes.includes(prefixOf(r.id))).sort(byId),
  }));
  const placed = new Set(areas.flatMap((a) => a.rules.map((r) => r.id)));
  const rest = offline.filter((r) => !placed.has(r.id)).sort(byId);
  if (rest.length > 0) areas.push({ title: "Other checks", rules: rest });
  const out = [
    "# Diagnostic codes",
    "",
    "<!-- Generated from the code by `npm run docs:rules` (scripts/rules-doc.mjs): do not edit by hand. -->",
    "",
    "Every code waform can report, with its default severity (`error` stops `validate`, `plan` and",
    "`apply`; `warning` and `info` are shown and let them go on), what it asks for, why, and something",
    "that breaks it. The YAML examples are templates as written under `templates:` in a file whose",
    "apps and defaults are valid; the test suite checks that each one raises its code.",
    "",
    "- [Checked offline](#checked-offline) by `waform validate` and every command that reads the file",
    "- [Checked against the remote](#checked-against-the-remote) by `waform plan` (and apply, drift)",
    "",
    "## Checked offline",
    "",
    table(areas.flatMap((a) => a.rules)),
    "",
    ...areas.flatMap((a) => [`## ${a.title}`, "", ...a.rules.map(ruleSection)]),
    "## Checked against the remote",
    "",
    "These need the remote templates (status, edit history, what else exists), so `waform plan`",
    "reports them; DUP-001 and NAME-004 (above) are reported by both.",
    "",
    table(remote.sort(byId)),
    "",
    ...remote.map(ruleSection),
  ];
  return `${out.join("\n").trimEnd()}\n`;
}
