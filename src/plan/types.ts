// The Plan: a plain, serialisable, versioned value. makePlan() produces it, render/ shows it,
// apply/ executes it, and `--out` saves it as JSON (no secrets: apps carry ids and names only).

import type { AppConfig } from "../model/app.js";
import type { Diagnostic } from "../model/diagnostic.js";
import type {
  Category,
  DesiredTemplate,
  RawRemoteValues,
  RemoteTemplate,
  TemplateKey,
  UnmanageableReason,
} from "../model/template.js";

/**
 * 3: plans record the endpoint and the declaration digest, and blocked changes what lifts them
 * (`unblockedBy`, `blockedUntil`). 2: `unmanaged` became `undeclared`, and `unmanageable` lists
 * the rows waform cannot manage. Older plans are refused: they bind to no endpoint or declaration.
 */
export const PLAN_FORMAT_VERSION = 3;

export const ACTIONS = ["create", "update", "replace", "delete", "noop", "blocked"] as const;
export type Action = (typeof ACTIONS)[number];

/** Machine reasons: a closed vocabulary, documented in schemas/plan.schema.json. */
export const REASONS = [
  /** create: declared, not in the remote. */
  "not_in_remote",
  /** update: fields changed that can be edited in place. */
  "fields_changed",
  /** replace: a changed field cannot be edited in place (LTO fields, template type, …). */
  "field_forces_replace",
  /** blocked: the category of an APPROVED template cannot change. */
  "approved_category_immutable",
  /** blocked: the APPROVED template was already edited within the last 24 h (or 10 in 30 days). */
  "edit_quota",
  /** blocked: the template is under review (PENDING) and cannot be edited. */
  "pending_review",
  /** blocked: the remote status (DISABLED, IN_APPEAL, …) allows no edit or delete. */
  "status_not_editable",
  /** blocked: replacing an APPROVED template would need its name, which Meta locks for 30 days after deletion. */
  "name_reuse_locked",
  /** blocked: the template is `protect: true` and the change would delete or replace it. */
  "protected",
  /** blocked: the remote template is one waform cannot manage (legacy category, unknown type, …). */
  "unmanageable",
  /** delete: not declared, and the app has `prune: true`. */
  "not_declared",
  /** noop: remote matches the declaration. */
  "in_sync",
] as const;
export type Reason = (typeof REASONS)[number];

/** How a field may change, from the one policy table in plan/policy.ts. */
export type FieldPolicy = "update" | "replace" | "impossible" | "ignore";

export interface FieldChange {
  /** Dotted path in the canonical template, e.g. `body`, `buttons[1].url`, `lto.text`. */
  path: string;
  before?: unknown;
  after?: unknown;
  policy: FieldPolicy;
}

/**
 * The remote side of a change: what apply needs to edit or delete it, and what the reader needs to
 * judge it. An unmanageable remote has no category waform understands, and no content.
 */
export type RemoteRef = Pick<RemoteTemplate, "id" | "status" | "reason"> & {
  category?: Category;
  modifiedOn?: number;
  createdOn?: number;
};

/**
 * What lifts a block: a change of the declaration (nothing else ever will: an immutable category,
 * a locked name, a protected template…), or time alone (Meta's review, the edit quota). The plan's
 * `--detailed-exitcode` tells them apart: the first kind exits 1, the second 2.
 */
export const UNBLOCKED_BY = ["declaration", "time"] as const;
export type UnblockedBy = (typeof UNBLOCKED_BY)[number];

export interface Change {
  key: TemplateKey;
  action: Action;
  reason: Reason;
  /** Blocked changes only: what lifts the block. */
  unblockedBy?: UnblockedBy;
  /**
   * Blocked by time, when waform can tell: the instant (epoch ms) by which the block has lifted
   * (for the edit quota, 24 h after the latest the last edit can have been).
   */
  blockedUntil?: number;
  /**
   * Field-level differences, remote → declared (empty for create and delete). A noop lists only
   * differences whose policy is `ignore` (e.g. `vertical`), so they stay visible.
   */
  fields: FieldChange[];
  /** The declared template (absent for delete). */
  desired?: DesiredTemplate;
  /** The remote template (absent for create). */
  remote?: RemoteRef & { content?: RemoteTemplate };
  /** Warnings and notes about this change (edit quota, review, …). */
  diagnostics: Diagnostic[];
}

/** A remote template in scope that no declaration names. */
export interface UndeclaredTemplate {
  key: TemplateKey;
  id: string;
  status: string;
  /** True when the app prunes, so the template appears as a delete in `changes` too. */
  willDelete: boolean;
}

/** A remote template in scope that waform cannot manage: listed, never updated, replaced or pruned. */
export interface UnmanageableEntry {
  key: TemplateKey;
  id: string;
  status: string;
  /** Why waform cannot manage it. */
  reason: UnmanageableReason;
  detail: string;
  /** What waform did not understand, verbatim. */
  raw: RawRemoteValues;
  /** A declaration names it (its change is then blocked, reason `unmanageable`). */
  declared: boolean;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** When the plan was made (epoch ms; passed in, never read from a clock inside plan/). */
  createdAt: number;
  /** Hash of the remote templates in scope; apply refuses the plan when it no longer matches. */
  remoteFingerprint: string;
  /**
   * Where the remote was read: `sandbox` (the embedded simulator) or the Partner API's base URL,
   * normalised, without credentials. A saved plan is applied only against the same endpoint.
   */
  endpoint: string;
  /** Hash of the declaration in scope (plan/declaration-digest.ts): apply refuses another declaration's plan. */
  declarationDigest: string;
  scope: { apps: string[]; targets: string[] };
  /** The apps in scope (no credentials: ids and names only). */
  apps: AppConfig[];
  /** One change per key in scope, sorted by app, name, language. Includes noops. */
  changes: Change[];
  /** Remote templates no declaration names (managed by nobody; deleted when the app prunes). */
  undeclared: UndeclaredTemplate[];
  /** Remote templates waform cannot manage, declared or not. */
  unmanageable: UnmanageableEntry[];
  diagnostics: Diagnostic[];
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  blocked: number;
  noop: number;
}
