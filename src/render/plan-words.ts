// The words of a plan, shared by the text and Markdown renderers: markers, action phrases, reasons
// and values. Reasons that come from the field policy table are explained with that table's rows.
// Everything here that quotes other people's text (keys, values, statuses, file names) is already
// inert (render/inert.ts); the Markdown renderer escapes it further for Markdown.

import type { Diagnostic } from "../model/diagnostic.js";
import { templateKey } from "../model/template.js";
import { policyRow } from "../plan/policy.js";
import { blockedBy } from "../plan/summary.js";
import type {
  Action,
  Change,
  FieldChange,
  FieldPolicy,
  Plan,
  PlanSummary,
  UndeclaredTemplate,
  UnmanageableEntry,
} from "../plan/types.js";
import { inertLine } from "./inert.js";

export const MARKERS: Record<Action, string> = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
  blocked: "!",
  noop: "=",
};

const PHRASES: Record<Action, string> = {
  create: "will be created",
  update: "will be updated in place",
  replace: "will be replaced (deleted, then created again)",
  delete: "will be deleted",
  blocked: "is blocked",
  noop: "is unchanged",
};

export function actionPhrase(action: Action): string {
  return PHRASES[action];
}

const APPLY_WOULD: Record<Action, string> = {
  create: "apply would create it",
  update: "apply would update it in place",
  replace: "apply would replace it",
  delete: "apply would delete it",
  blocked: "apply is blocked",
  noop: "apply would leave it",
};

/** What apply would do about a template, as a clause: `apply would update it in place`. */
export function applyWouldPhrase(action: Action): string {
  return APPLY_WOULD[action];
}

export function keyOf(c: { key: Change["key"] }): string {
  return inertLine(templateKey(c.key));
}

export { formatValue } from "./plan-fields.js";

const POLICY_NOTES: Record<FieldPolicy, string> = {
  update: "",
  replace: "forces replace",
  impossible: "cannot change",
  ignore: "ignored",
};

export function policyNote(policy: FieldPolicy): string {
  return POLICY_NOTES[policy];
}

function forcing(c: Change): FieldChange[] {
  return c.fields.filter((f) => f.policy === "replace");
}

/** `lto.hasExpiration cannot be edited in place (LTO fields are not in Gupshup's edit list)`, per field. */
function whyReplace(c: Change): string {
  return forcing(c)
    .map((f) => `${f.path} cannot be edited in place (${policyRow(f.path, f.before, f.after).why})`)
    .join("; ");
}

function changedPaths(c: Change): string {
  return c.fields
    .filter((f) => f.policy !== "ignore")
    .map((f) => f.path)
    .join(", ");
}

/** The reason of a change, in words (inert: it quotes the remote status). */
export function reasonText(c: Change): string {
  return inertLine(reasonWords(c));
}

function reasonWords(c: Change): string {
  const status = c.remote?.status ?? "";
  switch (c.reason) {
    case "not_in_remote":
      return "declared, not in the remote";
    case "fields_changed":
      return `edited in place: ${changedPaths(c)}`;
    case "field_forces_replace":
      return `replace: ${whyReplace(c)}`;
    case "approved_category_immutable":
      return "the category of an APPROVED template cannot change";
    case "edit_quota":
      return "Meta allows one edit of an APPROVED template per 24 h, and it was edited in the last 24 h";
    case "pending_review":
      return `the template is under review (${status}) and cannot be edited until Meta decides`;
    case "status_not_editable":
      return c.desired ? `a ${status} template cannot be edited` : `a ${status} template cannot be deleted`;
    case "name_reuse_locked":
      return `blocked: ${whyReplace(c)}, and replacing an APPROVED template would lock its name for 30 days`;
    case "protected":
      return `blocked: ${whyReplace(c)}, and the template is protected`;
    case "unmanageable":
      return "the remote template is one waform cannot manage";
    case "not_declared":
      return `not declared, and app ${c.key.app} prunes`;
    case "in_sync":
      return "matches the declaration";
  }
}

/** What lifts a blocked change, in words (undefined for other changes). */
export function unblockText(c: Change): string | undefined {
  if (c.action !== "blocked") return undefined;
  if ((c.unblockedBy ?? "declaration") === "declaration") {
    return "needs a change of the declaration: apply can never make it as declared";
  }
  if (c.blockedUntil !== undefined) {
    return `waits for time: it can be applied as declared after ${new Date(c.blockedUntil).toISOString()}`;
  }
  return c.reason === "pending_review"
    ? "waits for time: it can be applied as declared once Meta's review ends"
    : "waits for time: it can be applied as declared later (no instant is known)";
}

/**
 * For `plan --detailed-exitcode`, on stderr: the blocked changes, split by what lifts them, so a job
 * that exits 1 says which changes can never be applied and one that waits says until when.
 */
export function blockedExplanation(plan: Plan): string {
  const shown = 5;
  const list = (changes: Change[], detail: (c: Change) => string) => {
    const named = changes.slice(0, shown).map((c) => `${keyOf(c)} (${c.reason}${detail(c)})`);
    const more = changes.length > shown ? ` and ${changes.length - shown} more` : "";
    return `${named.join(", ")}${more}`;
  };
  const lines: string[] = [];
  const forGood = blockedBy(plan, "declaration");
  if (forGood.length > 0) {
    const n = forGood.length;
    lines.push(
      `${n} blocked change${n === 1 ? " needs" : "s need"} a change of the declaration (exit 1): ${list(forGood, () => "")}`,
    );
  }
  const forNow = blockedBy(plan, "time");
  if (forNow.length > 0) {
    const n = forNow.length;
    const when = (c: Change) =>
      c.blockedUntil === undefined ? "" : `, after ${new Date(c.blockedUntil).toISOString()}`;
    lines.push(`${n} blocked change${n === 1 ? " waits" : "s wait"} for time: ${list(forNow, when)}`);
  }
  return lines.map((l) => `${l}\n`).join("");
}

export function summaryLine(s: PlanSummary): string {
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.blocked} blocked.`;
}

export const NO_CHANGES = "No changes. The remote matches the declaration.";

/** `file:line:col` of a diagnostic, when it has one (inert: a file name is anyone's text). */
export function locationOf(d: Diagnostic): string | undefined {
  if (!d.file) return undefined;
  return inertLine([d.file, d.line, d.col].filter((p) => p !== undefined).join(":"));
}

/** What happens to an undeclared template, in words (inert: it quotes the remote status). */
export function undeclaredFate(u: UndeclaredTemplate, plan: Plan): string {
  return inertLine(fateWords(u, plan));
}

function fateWords(u: UndeclaredTemplate, plan: Plan): string {
  if (u.willDelete) return `will be deleted (app ${u.key.app} prunes)`;
  const prunes = plan.apps.find((a) => a.alias === u.key.app)?.prune ?? false;
  if (!prunes) return `kept (app ${u.key.app} does not prune)`;
  const blocked = plan.changes.some((c) => c.action === "blocked" && keyOf(c) === keyOf(u));
  return blocked ? `kept (a ${u.status} template cannot be deleted)` : `kept (already ${u.status})`;
}

/** Why waform cannot manage a remote template, in words (other people's values escaped). */
export function unmanageableText(u: UnmanageableEntry): string {
  return `${u.reason.replaceAll("_", " ")}: ${inertLine(u.detail)}; ${u.declared ? "declared, so its change is blocked" : "left as it is"}`;
}
