// Remote rows waform cannot manage (model/template.ts, UNMANAGEABLE_REASONS). They are listed in
// every plan with their reason and never updated, replaced or deleted; a declaration that names
// one gets a blocked change saying what to do. makePlan applies this rule before any other: no
// field can be compared with a row waform does not understand.

import type { Diagnostic } from "../model/diagnostic.js";
import { compact, plain } from "../model/plain.js";
import type {
  DesiredTemplate,
  RemoteTemplate,
  TemplateKey,
  UnmanageableTemplate,
} from "../model/template.js";
import { templateKey } from "../model/template.js";
import { desiredRecord } from "./records.js";
import type { Change, UnmanageableEntry } from "./types.js";

export const UNMANAGEABLE_CODE = "PLAN-007";

/** What a reader is told about each reason, after the row's own detail. */
const ADVICE: Record<UnmanageableTemplate["unmanageable"]["reason"], string> = {
  unknown_category: "no current create makes this category, so waform cannot compare or edit it",
  unknown_type: "waform does not model this template type",
  unknown_button: "waform does not model this button type, and an edit would remove it",
  damaged_metadata: "waform cannot read what the template holds",
  missing_metadata: "the row does not say everything the template holds",
};

export function unmanageableAdvice(row: Pick<UnmanageableTemplate, "unmanageable">): string {
  return ADVICE[row.unmanageable.reason];
}

/** The plan's entry for an unmanageable row. */
export function unmanageableEntry(row: UnmanageableTemplate, declared: boolean): UnmanageableEntry {
  return plain({
    key: { app: row.app, name: row.name, language: row.language },
    id: row.id,
    status: row.status,
    reason: row.unmanageable.reason,
    detail: row.unmanageable.detail,
    raw: row.raw,
    declared,
  });
}

/**
 * Meta's pending re-categorisation (`containerMeta.correctCategory`, field-evidence.md §1): the
 * remote still reads as it is, so nothing changes now; the reader is told what will.
 */
export function reclassificationNote(remote: RemoteTemplate): Diagnostic | undefined {
  const next = remote.correctCategory;
  if (next === undefined || next.toUpperCase() === remote.category) return undefined;
  return {
    severity: "info",
    code: "CATG-002",
    message: `Meta says this ${remote.category} template belongs in ${next}; it moves there on the 1st of next month`,
    hint: `declare category ${next} then, or allow category changes`,
    template: templateKey(remote),
  };
}

/** A declaration that names an unmanageable row: blocked, with what to do instead. */
export function decideUnmanageable(desired: DesiredTemplate, row: UnmanageableTemplate): Change {
  const key: TemplateKey = { app: desired.app, name: desired.name, language: desired.language };
  const diagnostic: Diagnostic = compact({
    severity: "error",
    code: UNMANAGEABLE_CODE,
    message: `the remote template cannot be managed by waform (${row.unmanageable.reason}: ${row.unmanageable.detail}): ${unmanageableAdvice(row)}`,
    hint: `declare the template under a new name (e.g. ${desired.name}_v2): it is created, and the remote one stays as it is`,
    template: templateKey(key),
  });
  return compact({
    key,
    action: "blocked",
    reason: "unmanageable",
    // the row stays as it is whatever the time: only another declaration (a new name) moves on
    unblockedBy: "declaration",
    fields: [],
    desired: desiredRecord(desired),
    remote: compact({
      id: row.id,
      status: row.status,
      reason: row.reason,
      createdOn: row.createdOn,
      modifiedOn: row.modifiedOn,
    }),
    diagnostics: [diagnostic],
  });
}
