// One key, one decision: what apply should do about a template, and why. For a declared template
// the rules of decide-rules.ts each have their say and the worst outcome wins (the order and the
// reasons are data there); an undeclared one is deleted with prune, or left alone.

import type { AppConfig } from "../model/app.js";
import type { Diagnostic, Severity } from "../model/diagnostic.js";
import { compact } from "../model/plain.js";
import type { DesiredTemplate, RemoteTemplate, TemplateKey } from "../model/template.js";
import { templateKey } from "../model/template.js";
import { diffContent } from "./content-diff.js";
import {
  DECLARED_RULES,
  type DecisionInput,
  type DecisionRule,
  IMPACT,
  type Note,
  type Outcome,
  type Verdict,
} from "./decide-rules.js";
import { resolvePolicy } from "./policy.js";
import { desiredRecord, remoteRecord } from "./records.js";
import { isBeingDeleted, isDeletable, normalStatus } from "./status.js";
import type { Action, Change, FieldChange } from "./types.js";

function note(
  key: TemplateKey,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  return compact({ severity, code, message, hint, template: templateKey(key) });
}

// remoteRef and change build their objects field by field, leaving out what is undefined (what
// `compact` of a literal would give, in the same key order) without the copy: one of each per
// template of every plan.

function remoteRef(r: RemoteTemplate): NonNullable<Change["remote"]> {
  const ref = {} as NonNullable<Change["remote"]>;
  if (r.id !== undefined) ref.id = r.id;
  if (r.status !== undefined) ref.status = r.status;
  if (r.reason !== undefined) ref.reason = r.reason;
  if (r.category !== undefined) ref.category = r.category;
  if (r.modifiedOn !== undefined) ref.modifiedOn = r.modifiedOn;
  if (r.createdOn !== undefined) ref.createdOn = r.createdOn;
  ref.content = remoteRecord(r);
  return ref;
}

function change(
  key: TemplateKey,
  decided: Outcome,
  parts: Partial<Pick<Change, "fields" | "desired" | "remote" | "diagnostics">>,
): Change {
  // completed below, in the key order plans have always had
  const out = {
    key: { app: key.app, name: key.name, language: key.language },
    action: decided.action,
    reason: decided.reason,
  } as Change;
  if (decided.action === "blocked") {
    out.unblockedBy = decided.unblockedBy;
    if (decided.blockedUntil !== undefined) out.blockedUntil = decided.blockedUntil;
  }
  out.fields = parts.fields ?? [];
  if (parts.desired) out.desired = desiredRecord(parts.desired);
  if (parts.remote) out.remote = parts.remote;
  out.diagnostics = parts.diagnostics ?? [];
  return out;
}

/** What most templates differ by: nothing (one shared list, never written to). */
const NONE: readonly FieldChange[] = Object.freeze([]);

function only(fields: readonly FieldChange[], keep: (f: FieldChange) => boolean): readonly FieldChange[] {
  return fields.length === 0 ? NONE : fields.filter(keep);
}

/** What the rules see: the field changes with their policies, sorted by what they allow. */
function decisionInput(
  desired: DesiredTemplate,
  remote: RemoteTemplate | undefined,
  now: number,
): DecisionInput {
  const status = remote ? normalStatus(remote.status) : "";
  const differences = remote ? diffContent(remote, desired) : [];
  const fields: readonly FieldChange[] =
    differences.length === 0
      ? NONE
      : differences.map((d) => ({ ...d, policy: resolvePolicy(d.path, d.before, d.after, status) }));
  const effective = only(fields, (f) => f.policy !== "ignore");
  const input: DecisionInput = {
    desired,
    status,
    fields,
    effective,
    forcing: only(effective, (f) => f.policy === "replace"),
    impossible: only(effective, (f) => f.policy === "impossible"),
    now,
  };
  if (remote) input.remote = remote;
  return input;
}

/**
 * The worst outcome any rule asks for (of equals, the one listed first) with its own diagnostics,
 * after the notes of every rule.
 */
function fold(
  rules: readonly DecisionRule[],
  input: DecisionInput,
): { decided: Required<Verdict>; notes: Note[] } {
  let decided: Required<Verdict> | undefined;
  const notes: Note[] = [];
  for (const rule of rules) {
    const verdict = rule.decide(input);
    if (!verdict) continue;
    if (!verdict.outcome) notes.push(...verdict.notes);
    else if (!decided || impact(verdict.outcome.action) > impact(decided.outcome.action))
      decided = { outcome: verdict.outcome, notes: verdict.notes };
  }
  // create, in sync and update between them cover every case: this is a broken rule list
  if (!decided) throw new Error(`no rule decided ${templateKey(input.desired)}`);
  return { decided, notes: [...notes, ...decided.notes] };
}

function impact(action: Action): number {
  return IMPACT.indexOf(action);
}

/** A declared template: what the rules of decide-rules.ts decide about it and its remote twin. */
export function decideDeclared(
  desired: DesiredTemplate,
  remote: RemoteTemplate | undefined,
  now: number,
  rules: readonly DecisionRule[] = DECLARED_RULES,
): Change {
  const key: TemplateKey = desired;
  const input = decisionInput(desired, remote, now);
  const { decided, notes } = fold(rules, input);
  const diagnostics = notes.map((n) => note(key, n.severity, n.code, n.message, n.hint));
  if (!remote) return change(key, decided.outcome, { desired, diagnostics });
  return change(key, decided.outcome, {
    fields: [...input.fields],
    desired,
    remote: remoteRef(remote),
    diagnostics,
  });
}

/**
 * A remote template nobody declared. Without prune it is only listed as undeclared (no change).
 * `protect` is a property of declarations, so it cannot shield an undeclared template.
 */
export function decideUndeclared(remote: RemoteTemplate, app: AppConfig): Change | undefined {
  if (!app.prune || isBeingDeleted(remote.status)) return undefined;
  const key: TemplateKey = remote;
  const base = { remote: remoteRef(remote), diagnostics: [] as Diagnostic[] };
  const status = normalStatus(remote.status);
  if (!isDeletable(status)) {
    // an appeal ends by itself; otherwise apply can never do what the declaration asks (prune
    // it), so lifting the block takes a declaration change
    const appeal = status === "IN_APPEAL";
    base.diagnostics.push(
      note(
        key,
        "error",
        "DEL-004",
        appeal
          ? "a template in appeal cannot be deleted until Meta decides the appeal"
          : `a ${status} template cannot be deleted, so the app's prune can never remove it`,
        appeal
          ? "plan again once the appeal is decided; or declare it as the remote has it, or set prune: false for the app"
          : "declare it as the remote has it to keep it, or set prune: false for the app (it stays listed as undeclared)",
      ),
    );
    const unblockedBy = appeal ? "time" : "declaration";
    return change(key, { action: "blocked", reason: "status_not_editable", unblockedBy }, base);
  }
  if (status === "APPROVED") {
    base.diagnostics.push(
      note(
        key,
        "warning",
        "DEL-002",
        "after an APPROVED template is deleted, its name cannot be reused for 30 days",
      ),
    );
  }
  return change(key, { action: "delete", reason: "not_declared" }, base);
}
