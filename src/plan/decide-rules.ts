// What a declared template's change is, as data: an ordered list of rules. Each rule looks at the
// declaration, its remote twin, the field changes and the time, and may have its say: an outcome
// (action + reason) with the diagnostics that explain it, or notes only. decide.ts folds the
// outcomes to the worst impact (as AWS CDK's `worstImpact` does); between outcomes of the same
// impact the rule listed first wins. Only the deciding rule's diagnostics are kept, with every
// rule's notes, so one cause never shows as two blocking errors. docs/plan.md lists these rules in
// this order (test/plan/decide-rules.test.ts keeps the two in step).
//
// Adding a rule is one entry below (and, for a new reason, its line in REASONS and the schema).
// A rule that blocks says what lifts the block (`unblockedBy`: a change of the declaration, or time,
// with the instant when it can tell): the type makes it say so, and `plan --detailed-exitcode`
// reads it (exit 1 for a pull request that can never be applied, 2 for one that has to wait).

import type { Severity } from "../model/diagnostic.js";
import type { DesiredTemplate, RemoteTemplate } from "../model/template.js";
import { policyRow } from "./policy.js";
import { editWindowUsedUntil, isEditable, isUnderReview } from "./status.js";
import type { Action, FieldChange, Reason, UnblockedBy } from "./types.js";

/** Outcomes from least to most serious: the fold keeps the last one any rule asks for. */
export const IMPACT: readonly Action[] = ["noop", "update", "create", "replace", "delete", "blocked"];

/** What every rule is shown of one declared template. */
export interface DecisionInput {
  desired: DesiredTemplate;
  remote?: RemoteTemplate;
  /** The remote status, upper case; empty when there is no remote twin. */
  status: string;
  /** Every field that differs, with its policy (policy.ts). */
  fields: readonly FieldChange[];
  /** The differences that count: all but the ignored ones. */
  effective: readonly FieldChange[];
  /** The differences that cannot be edited in place. */
  forcing: readonly FieldChange[];
  /** The differences that cannot be made at all. */
  impossible: readonly FieldChange[];
  /** Epoch ms the plan is made at. */
  now: number;
}

/** A diagnostic about the template the rule looks at (the fold adds which one). */
export interface Note {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
}

/** What a rule decides: an action and its reason; a block also says what lifts it. */
export type Outcome =
  | { action: Exclude<Action, "blocked">; reason: Reason }
  | { action: "blocked"; reason: Reason; unblockedBy: UnblockedBy; blockedUntil?: number };

/** A rule's say: an outcome and why, or (without `outcome`) notes that always go with the change. */
export interface Verdict {
  outcome?: Outcome;
  notes: Note[];
}

export interface DecisionRule {
  /** When the rule speaks and what it says, for docs/plan.md (Markdown, one paragraph). */
  doc: string;
  decide(input: DecisionInput): Verdict | undefined;
}

function show(v: unknown): string {
  return v === undefined ? "(none)" : JSON.stringify(v);
}

function fieldList(fields: readonly FieldChange[]): string {
  return fields.map((f) => f.path).join(", ");
}

function outcome(action: Exclude<Action, "blocked">, reason: Reason, ...notes: Note[]): Verdict {
  return { outcome: { action, reason }, notes };
}

/** Blocked until the declaration changes: apply can never make this change as declared. */
function blockedForGood(reason: Reason, ...notes: Note[]): Verdict {
  return { outcome: { action: "blocked", reason, unblockedBy: "declaration" }, notes };
}

/** Blocked until time passes (by `until`, when it is known). */
function blockedForNow(reason: Reason, until: number | undefined, ...notes: Note[]): Verdict {
  const lift = until === undefined ? {} : { blockedUntil: until };
  return { outcome: { action: "blocked", reason, unblockedBy: "time", ...lift }, notes };
}

const iso = (ms: number) => new Date(ms).toISOString();

const changed = (i: DecisionInput) => i.effective.length > 0;

export const DECLARED_RULES: readonly DecisionRule[] = [
  {
    doc: "Not in the remote → `create` (`not_in_remote`).",
    decide: (i) => (i.remote ? undefined : outcome("create", "not_in_remote")),
  },
  {
    doc: "No difference except ignored fields → `noop` (`in_sync`). A REJECTED template in sync gets a warning (nothing will be resubmitted).",
    decide(i) {
      if (!i.remote || changed(i)) return undefined;
      if (i.status !== "REJECTED") return outcome("noop", "in_sync");
      return outcome("noop", "in_sync", {
        severity: "warning",
        code: "EDIT-004",
        message: `Meta rejected this template${i.remote.reason ? ` (${i.remote.reason})` : ""}; it matches the declaration, so nothing will be resubmitted`,
        hint: "change the declaration to resubmit it for review",
      });
    },
  },
  {
    doc: "A field that differs but is ignored (`vertical`, `allowCategoryChange`) → an info note on whatever the outcome, with the rule that ignores it.",
    decide(i) {
      const ignored = i.fields.filter((f) => f.policy === "ignore");
      if (ignored.length === 0) return undefined;
      return {
        notes: ignored.map((f) => ({
          severity: "info",
          code: policyRow(f.path).rule,
          message: `${f.path} differs (remote ${show(f.before)}, declared ${show(f.after)}) and is ignored: ${policyRow(f.path).why}`,
          hint: `declare ${f.path}: ${show(f.before)} to match the remote, or declare the template under a new name`,
        })),
      };
    },
  },
  {
    doc: "Meta re-categorised the template (`oldCategory` is set and differs) → an info note (CATG-002) on whatever the outcome.",
    decide(i) {
      const r = i.remote;
      if (!r?.oldCategory || r.oldCategory === r.category) return undefined;
      return {
        notes: [
          {
            severity: "info",
            code: "CATG-002",
            message: `Meta re-categorised this template from ${r.oldCategory} to ${r.category}`,
          },
        ],
      };
    },
  },
  {
    doc: "A change to a template whose remote status is `PENDING` → `blocked` (`pending_review`, EDIT-001), lifted by time: Meta's review ends (no instant is known; usually within 24 h).",
    decide: (i) =>
      changed(i) && isUnderReview(i.status)
        ? blockedForNow("pending_review", undefined, {
            severity: "error",
            code: "EDIT-001",
            message: `the template is under review (${i.status}) and cannot be edited`,
            hint: "wait for Meta's review to finish (`waform verify`), then plan again",
          })
        : undefined,
  },
  {
    doc: "A change to a template whose remote status is other than APPROVED, REJECTED, PAUSED (DISABLED, IN_APPEAL, PENDING_DELETION, any unknown status) → `blocked` (`status_not_editable`, EDIT-001), lifted by a declaration change; for IN_APPEAL, by time (the appeal is decided).",
    decide(i) {
      if (!changed(i) || isEditable(i.status)) return undefined;
      const why: Note = {
        severity: "error",
        code: "EDIT-001",
        message: `a ${i.status} template cannot be edited (only APPROVED, REJECTED and PAUSED can)`,
        hint: "declare the template under a new name, or leave the declaration as the remote has it",
      };
      if (i.status !== "IN_APPEAL") return blockedForGood("status_not_editable", why);
      return blockedForNow("status_not_editable", undefined, {
        ...why,
        hint: "wait for Meta to decide the appeal, then plan again (or declare the template under a new name)",
      });
    },
  },
  {
    doc: "A field forces a replace and the template is `protect: true` → `blocked` (`protected`, PLAN-002), lifted by a declaration change.",
    decide: (i) =>
      i.forcing.length > 0 && i.desired.protect
        ? blockedForGood("protected", {
            severity: "error",
            code: "PLAN-002",
            message: `${fieldList(i.forcing)} cannot be edited in place, and replacing the template would delete it, but it is protected`,
            hint: "remove `protect: true` to allow the replace, or revert the change",
          })
        : undefined,
  },
  {
    doc: "A field forces a replace and the remote is APPROVED → `blocked` (`name_reuse_locked`, DEL-002), lifted by a declaration change: deleting it locks its name for 30 days, so the create would fail. Hint: declare it under a new name (which also settles a category change).",
    decide: (i) =>
      i.forcing.length > 0 && i.status === "APPROVED"
        ? blockedForGood("name_reuse_locked", {
            severity: "error",
            code: "DEL-002",
            message: `${fieldList(i.forcing)} cannot be edited in place; replacing means deleting the APPROVED template, and Meta locks its name for 30 days after deletion`,
            hint: `declare it under a new name (e.g. ${i.desired.name}_v2): the new one is created and the old one is left undeclared, or deleted with prune`,
          })
        : undefined,
  },
  {
    doc: "A field cannot change at all (the category of an APPROVED template) → `blocked` (`approved_category_immutable`, CATG-003), lifted by a declaration change. Hint: keep the category, or rename.",
    decide(i) {
      const [first] = i.impossible;
      if (!first) return undefined;
      return blockedForGood("approved_category_immutable", {
        severity: "error",
        code: "CATG-003",
        message: `the category of an APPROVED template cannot change (${show(first.before)} -> ${show(first.after)})`,
        hint: `keep category ${String(first.before)}, or declare the template under a new name (with prune the old one is then deleted)`,
      });
    },
  },
  {
    doc: "A change to an APPROVED template that the remote says was edited (`editedOn`: Gupshup's `containerMeta.editTemplate` is true, and `modifiedOn` is then the latest the edit can be) less than 24 h before the plan: the one edit per 24 h is known to be used → `blocked` (`edit_quota`, EDIT-003), lifted by time: `blockedUntil` is 24 h after that edit. `modifiedOn` alone is not enough: it also moves when Meta approves a template, and blocking on it would block every edit in the first day after approval.",
    decide(i) {
      if (!changed(i) || i.status !== "APPROVED" || !i.remote) return undefined;
      const until = editWindowUsedUntil(i.remote, i.now);
      if (until === undefined) return undefined;
      return blockedForNow("edit_quota", until, {
        severity: "error",
        code: "EDIT-003",
        message: `the APPROVED template was already edited in the last 24 h (at ${iso(i.remote.editedOn ?? 0)}); Meta allows one edit per 24 h, so it can be edited again after ${iso(until)}`,
        hint: `plan and apply again after ${iso(until)}`,
      });
    },
  },
  {
    doc: "A field forces a replace (REJECTED, PAUSED) → `replace` (`field_forces_replace`): delete, then create under the same name. A PAUSED template also gets a warning: it was approved once, and Meta may lock its name too (unverified).",
    decide(i) {
      const [first] = i.forcing;
      if (!first) return undefined;
      const replaced: Note = {
        severity: "info",
        code: policyRow(first.path).rule,
        message: `the ${i.status} template is deleted, then created again under the same name, and goes back to Meta review`,
      };
      if (i.status !== "PAUSED") return outcome("replace", "field_forces_replace", replaced);
      return outcome("replace", "field_forces_replace", replaced, {
        severity: "warning",
        code: "DEL-002",
        message:
          "a PAUSED template was approved before; Meta may lock its name for 30 days after deletion (unverified), and the create would then fail",
        hint: `if it does, declare the template under a new name (e.g. ${i.desired.name}_v2)`,
      });
    },
  },
  {
    doc: "Any other change → `update` (`fields_changed`). An APPROVED template gets a warning: the edit uses the quota (1 per 24 h, 10 per 30 days) and sends the template back to review, and the quota cannot be checked in full (Gupshup exposes no edit count, so the 30-day count is unknown, and so is the last edit when the remote does not flag one): the warning says so, and that apply reports the change `blocked` (`edit_quota`) with the time it frees up if Meta refuses the edit. REJECTED and PAUSED templates may be edited without limit (EDIT-004); they get an info note.",
    decide(i) {
      if (!changed(i)) return undefined;
      if (i.status === "APPROVED") {
        const last = i.remote?.editedOn;
        const unknown =
          last === undefined
            ? "the quota cannot be checked before apply: the remote flags no earlier edit, but Gupshup exposes no edit count"
            : `the 10 per 30 days cannot be checked before apply: the last edit (at ${iso(last)}) is over 24 h old, but Gupshup exposes no edit count`;
        return outcome("update", "fields_changed", {
          severity: "warning",
          code: "EDIT-003",
          message: `editing an APPROVED template uses its edit quota (1 per 24 h, 10 per 30 days) and sends it back to Meta review; ${unknown}`,
          hint: "if Meta refuses the edit for its quota, apply reports the change blocked (edit_quota) with the time it can be edited again",
        });
      }
      return outcome("update", "fields_changed", {
        severity: "info",
        code: "EDIT-005",
        message: `the ${i.status} template is resubmitted and goes back to Meta review`,
      });
    },
  },
];
