// The one table that decides how each field of a template may change. makePlan() looks every
// field difference up here; render/ uses the same rows to explain a replace or a block in words.
// Rule ids refer to meta-template-rules.md; docs/plan.md prints this table for users.

import { EDITABLE_HEADER_TYPES } from "../model/template.js";
import type { FieldPolicy } from "./types.js";

export interface PolicyRow {
  /**
   * A field of the canonical template (`header`, `lto`, …). It covers the field and everything
   * below it (`lto.text`, `buttons[2].url`); `*` covers any field no other row names.
   */
  field: string;
  /** Only when this holds for the change's before/after values; rows are tried in order. */
  when?: (before: unknown, after: unknown) => boolean;
  policy: FieldPolicy;
  /** Overrides `policy` when the remote template is APPROVED. */
  whenApproved?: FieldPolicy;
  /** Why, in words, for plans and docs. */
  why: string;
  /** The rule this follows (meta-template-rules.md). */
  rule: string;
}

/** An edit can switch between these header types, or to and from no header. */
const EDITABLE_HEADERS = new Set<unknown>([undefined, ...EDITABLE_HEADER_TYPES]);

function headerType(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
}

function headerKindChanges(before: unknown, after: unknown): boolean {
  return !EDITABLE_HEADERS.has(headerType(before)) || !EDITABLE_HEADERS.has(headerType(after));
}

export const POLICY_TABLE: readonly PolicyRow[] = [
  {
    field: "category",
    policy: "update",
    whenApproved: "impossible",
    why: "the category of an APPROVED template cannot change",
    rule: "CATG-003",
  },
  {
    field: "kind",
    policy: "replace",
    why: "the template type (LTO, product, catalog) is not in Gupshup's edit list",
    rule: "EDIT-006",
  },
  {
    field: "lto",
    policy: "replace",
    why: "LTO fields are not in Gupshup's edit list",
    rule: "LTO-013",
  },
  {
    field: "header",
    when: headerKindChanges,
    policy: "replace",
    why: "Gupshup can only switch a header between text, image, video and document",
    rule: "EDIT-006",
  },
  {
    field: "header",
    policy: "update",
    why: "header, exampleHeader, templateType and exampleMedia are in Gupshup's edit list",
    rule: "EDIT-006",
  },
  { field: "body", policy: "update", why: "content is in Gupshup's edit list", rule: "EDIT-006" },
  { field: "bodyExamples", policy: "update", why: "example is in Gupshup's edit list", rule: "EDIT-006" },
  { field: "footer", policy: "update", why: "footer is in Gupshup's edit list", rule: "EDIT-006" },
  { field: "buttons", policy: "update", why: "buttons are in Gupshup's edit list", rule: "EDIT-006" },
  {
    field: "vertical",
    policy: "ignore",
    why: "Gupshup cannot edit the vertical label, and replacing a template for a label would be too destructive",
    rule: "EDIT-006",
  },
  {
    field: "allowCategoryChange",
    policy: "ignore",
    why: "allowCategoryChange is only read when a template is created and is not in Gupshup's edit list",
    rule: "EDIT-006",
  },
  {
    field: "*",
    policy: "replace",
    why: "the field is not in Gupshup's edit list",
    rule: "EDIT-006",
  },
];

/** The top-level field of a path: `buttons[1].url` → `buttons`, `lto.text` → `lto`. */
export function topField(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? path;
}

/** The row that governs a change of `path` from `before` to `after`. */
export function policyRow(path: string, before?: unknown, after?: unknown): PolicyRow {
  const field = topField(path);
  const row = POLICY_TABLE.find(
    (r) => (r.field === field || r.field === "*") && (r.when === undefined || r.when(before, after)),
  );
  // the table ends with a catch-all row, so there is always one
  return row ?? (POLICY_TABLE[POLICY_TABLE.length - 1] as PolicyRow);
}

/** How a change of `path` may be made to a template in `status`. */
export function resolvePolicy(path: string, before: unknown, after: unknown, status: string): FieldPolicy {
  const row = policyRow(path, before, after);
  return status === "APPROVED" && row.whenApproved ? row.whenApproved : row.policy;
}
