// One key, one decision: what apply should do about a template, and why. The field policies come
// from policy.ts; the status rules from status.ts; this file only orders them. Precedence, first
// match wins: nothing to do → noop; status forbids edits → blocked; a field forces a replace →
// protected / name locked / replace; a field cannot change → blocked; else update (maybe quota-blocked).

import type { AppConfig } from "../model/app.js";
import type { Diagnostic, Severity } from "../model/diagnostic.js";
import type { DesiredTemplate, RemoteTemplate, TemplateKey } from "../model/template.js";
import { templateKey } from "../model/template.js";
import { diffContent } from "./content-diff.js";
import { compact } from "./plain.js";
import { policyRow, resolvePolicy } from "./policy.js";
import { desiredRecord, remoteRecord } from "./records.js";
import {
  editWindowUsedUntil,
  isBeingDeleted,
  isDeletable,
  isEditable,
  isUnderReview,
  normalStatus,
} from "./status.js";
import type { Action, Change, FieldChange, Reason } from "./types.js";

function note(
  key: TemplateKey,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
): Diagnostic {
  return compact({ severity, code, message, hint, template: templateKey(key) });
}

function remoteRef(r: RemoteTemplate): NonNullable<Change["remote"]> {
  return compact({
    id: r.id,
    status: r.status,
    reason: r.reason,
    category: r.category,
    modifiedOn: r.modifiedOn,
    createdOn: r.createdOn,
    content: remoteRecord(r),
  });
}

function change(
  key: TemplateKey,
  action: Action,
  reason: Reason,
  parts: Partial<Pick<Change, "fields" | "desired" | "remote" | "diagnostics">>,
): Change {
  return compact({
    key: { app: key.app, name: key.name, language: key.language },
    action,
    reason,
    fields: parts.fields ?? [],
    desired: parts.desired ? desiredRecord(parts.desired) : undefined,
    remote: parts.remote,
    diagnostics: parts.diagnostics ?? [],
  });
}

function show(v: unknown): string {
  return v === undefined ? "(none)" : JSON.stringify(v);
}

function fieldList(fields: FieldChange[]): string {
  return fields.map((f) => f.path).join(", ");
}

/** A declared template: create it, or compare it with its remote twin. */
export function decideDeclared(
  desired: DesiredTemplate,
  remote: RemoteTemplate | undefined,
  now: number,
): Change {
  const key: TemplateKey = desired;
  if (!remote) return change(key, "create", "not_in_remote", { desired });

  const status = normalStatus(remote.status);
  const fields: FieldChange[] = diffContent(remote, desired).map((d) => ({
    ...d,
    policy: resolvePolicy(d.path, d.before, d.after, status),
  }));
  const diagnostics: Diagnostic[] = [];
  const base = { fields, desired, remote: remoteRef(remote), diagnostics };

  for (const f of fields.filter((f) => f.policy === "ignore")) {
    diagnostics.push(
      note(
        key,
        "info",
        policyRow(f.path).rule,
        `${f.path} differs (remote ${show(f.before)}, declared ${show(f.after)}) and is ignored: ${policyRow(f.path).why}`,
        `declare ${f.path}: ${show(f.before)} to match the remote, or declare the template under a new name`,
      ),
    );
  }
  if (remote.oldCategory && remote.oldCategory !== remote.category) {
    diagnostics.push(
      note(
        key,
        "info",
        "CATG-002",
        `Meta re-categorised this template from ${remote.oldCategory} to ${remote.category}`,
      ),
    );
  }

  const effective = fields.filter((f) => f.policy !== "ignore");
  if (effective.length === 0) {
    if (status === "REJECTED") {
      diagnostics.push(
        note(
          key,
          "warning",
          "EDIT-004",
          `Meta rejected this template${remote.reason ? ` (${remote.reason})` : ""}; it matches the declaration, so nothing will be resubmitted`,
          "change the declaration to resubmit it for review",
        ),
      );
    }
    return change(key, "noop", "in_sync", base);
  }

  if (isUnderReview(status)) {
    diagnostics.push(
      note(
        key,
        "error",
        "EDIT-001",
        `the template is under review (${status}) and cannot be edited`,
        "wait for Meta's review to finish (`waform verify`), then plan again",
      ),
    );
    return change(key, "blocked", "pending_review", base);
  }
  if (!isEditable(status)) {
    diagnostics.push(
      note(
        key,
        "error",
        "EDIT-001",
        `a ${status} template cannot be edited (only APPROVED, REJECTED and PAUSED can)`,
        "declare the template under a new name, or leave the declaration as the remote has it",
      ),
    );
    return change(key, "blocked", "status_not_editable", base);
  }

  const forcing = effective.filter((f) => f.policy === "replace");
  const impossible = effective.filter((f) => f.policy === "impossible");
  if (impossible.length > 0) {
    diagnostics.push(
      note(
        key,
        "error",
        "CATG-003",
        `the category of an APPROVED template cannot change (${show(impossible[0]?.before)} -> ${show(impossible[0]?.after)})`,
        `keep category ${String(impossible[0]?.before)}, or declare the template under a new name (with prune the old one is then deleted)`,
      ),
    );
  }

  if (forcing.length > 0) {
    const what = `${fieldList(forcing)} cannot be edited in place`;
    if (desired.protect) {
      diagnostics.push(
        note(
          key,
          "error",
          "PLAN-002",
          `${what}, and replacing the template would delete it, but it is protected`,
          "remove `protect: true` to allow the replace, or revert the change",
        ),
      );
      return change(key, "blocked", "protected", base);
    }
    if (status === "APPROVED") {
      diagnostics.push(
        note(
          key,
          "error",
          "DEL-002",
          `${what}; replacing means deleting the APPROVED template, and Meta locks its name for 30 days after deletion`,
          `declare it under a new name (e.g. ${desired.name}_v2): the new one is created and the old one is left undeclared, or deleted with prune`,
        ),
      );
      return change(key, "blocked", "name_reuse_locked", base);
    }
    diagnostics.push(
      note(
        key,
        "info",
        policyRow(forcing[0]?.path ?? "*").rule,
        `the ${status} template is deleted, then created again under the same name, and goes back to Meta review`,
      ),
    );
    if (status === "PAUSED") {
      diagnostics.push(
        note(
          key,
          "warning",
          "DEL-002",
          "a PAUSED template was approved before; Meta may lock its name for 30 days after deletion (unverified), and the create would then fail",
          `if it does, declare the template under a new name (e.g. ${desired.name}_v2)`,
        ),
      );
    }
    return change(key, "replace", "field_forces_replace", base);
  }

  if (impossible.length > 0) return change(key, "blocked", "approved_category_immutable", base);

  if (status === "APPROVED") {
    const until = editWindowUsedUntil(remote, now);
    if (until !== undefined) {
      diagnostics.push(
        note(
          key,
          "error",
          "EDIT-003",
          `the APPROVED template was already edited in the last 24 h (at ${new Date(remote.editedOn ?? 0).toISOString()}); Meta allows one edit per 24 h`,
          `plan and apply again after ${new Date(until).toISOString()}`,
        ),
      );
      return change(key, "blocked", "edit_quota", base);
    }
    diagnostics.push(
      note(
        key,
        "warning",
        "EDIT-003",
        "editing an APPROVED template uses its edit quota (1 per 24 h, 10 per 30 days) and sends it back to Meta review",
      ),
    );
  } else {
    diagnostics.push(
      note(key, "info", "EDIT-005", `the ${status} template is resubmitted and goes back to Meta review`),
    );
  }
  return change(key, "update", "fields_changed", base);
}

/**
 * A remote template nobody declared. Without prune it is only listed as unmanaged (no change).
 * `protect` is a property of declarations, so it cannot shield an undeclared template.
 */
export function decideUndeclared(remote: RemoteTemplate, app: AppConfig): Change | undefined {
  if (!app.prune || isBeingDeleted(remote.status)) return undefined;
  const key: TemplateKey = remote;
  const base = { remote: remoteRef(remote), diagnostics: [] as Diagnostic[] };
  if (!isDeletable(remote.status)) {
    base.diagnostics.push(
      note(
        key,
        "error",
        "DEL-004",
        `a ${normalStatus(remote.status)} template cannot be deleted`,
        "it stays listed as undeclared until Meta removes it",
      ),
    );
    return change(key, "blocked", "status_not_editable", base);
  }
  if (normalStatus(remote.status) === "APPROVED") {
    base.diagnostics.push(
      note(
        key,
        "warning",
        "DEL-002",
        "after an APPROVED template is deleted, its name cannot be reused for 30 days",
      ),
    );
  }
  return change(key, "delete", "not_declared", base);
}
