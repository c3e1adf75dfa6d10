// The status table (plan/status.ts) as Markdown, for docs/statuses.md: the doc is checked against
// this rendering, so the two cannot drift apart.

import { STATUS_TABLE, type StatusRow, UNKNOWN_STATUS } from "../plan/status.js";

const EDIT: Record<StatusRow["edit"], string> = {
  edit: "update or replace (field policy)",
  wait: "blocked: `pending_review`",
  blocked: "blocked: `status_not_editable`",
};

const PRUNE: Record<StatusRow["prune"], string> = {
  delete: "delete",
  skip: "nothing (already going)",
  blocked: "blocked: `status_not_editable`",
};

/** apply does what the plan says, so its column follows from the other two. */
function applyText(r: StatusRow): string {
  const parts = [
    ...(r.edit === "edit" ? ["edits or replaces it as planned (back to PENDING)"] : []),
    ...(r.prune === "delete" ? ["deletes it when pruned"] : []),
  ];
  return parts.length ? parts.join("; ") : "nothing";
}

const VERIFY: Record<StatusRow["verify"], string> = {
  approved: "approved: test sends go out",
  rejected: "failed: rejected, with the reason",
  not_sendable: "failed: not sendable",
  waiting: "keeps waiting (to `--wait-timeout`)",
};

export function renderStatusTableMarkdown(): string {
  const rows = [...STATUS_TABLE, UNKNOWN_STATUS].map((r) =>
    [
      r.status.startsWith("(") ? r.status : `\`${r.status}\``,
      r.meaning,
      EDIT[r.edit],
      PRUNE[r.prune],
      applyText(r),
      VERIFY[r.verify],
      r.unhealthy ? "not sendable" : "—",
    ].join(" | "),
  );
  return [
    "| Status | Meaning | plan: declared, differs | plan: undeclared, app prunes | apply | verify | drift |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}
