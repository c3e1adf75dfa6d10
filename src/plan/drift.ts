// A drift report is a reading of a plan for audits: what differs from the declaration (changed
// outside waform), what is declared but missing remotely, and what exists remotely undeclared.

import { templateKey } from "../model/template.js";
import { isUnhealthy } from "./status.js";
import type { Change, FieldChange, Plan, UnblockedBy, UnmanageableEntry } from "./types.js";

export const DRIFT_FORMAT_VERSION = 1;

export interface DriftedTemplate {
  key: string;
  status: string;
  id: string;
  /** What apply would do about it, and why. */
  action: Change["action"];
  reason: Change["reason"];
  /**
   * When apply could not undo the drift either: what lifts the block (`declaration`: keep the
   * remote's version by changing templates.yaml; `time`: apply later, after `until` when known).
   */
  blocked?: { by: UnblockedBy; until?: number };
  fields: FieldChange[];
}

export interface DriftReport {
  formatVersion: typeof DRIFT_FORMAT_VERSION;
  createdAt: number;
  /** Remote templates whose content differs from the declaration. */
  changed: DriftedTemplate[];
  /** Declared templates that do not exist remotely. */
  missing: string[];
  /** Remote templates that are not declared. */
  undeclared: { key: string; id: string; status: string }[];
  /**
   * Remote templates waform cannot manage, with why. Only a declared one is drift: no declaration
   * can bring it in line, while an undeclared one is simply left alone.
   */
  unmanageable: {
    key: string;
    id: string;
    status: string;
    reason: UnmanageableEntry["reason"];
    detail: string;
    declared: boolean;
  }[];
  /** Declared templates whose status makes them unsendable (REJECTED, FAILED, PAUSED, …; plan/status.ts): drift in effect. */
  unhealthy: { key: string; status: string; reason?: string }[];
}

export function driftReport(plan: Plan): DriftReport {
  const changed: DriftedTemplate[] = [];
  const missing: string[] = [];
  const unhealthy: DriftReport["unhealthy"] = [];
  for (const c of plan.changes) {
    const key = templateKey(c.key);
    if (c.desired && !c.remote) missing.push(key);
    // fields the plan ignores (vertical, …) cannot be corrected by apply, so they are not drift either
    const fields = c.fields.filter((f) => f.policy !== "ignore");
    if (c.desired && c.remote && fields.length > 0) {
      changed.push({
        key,
        status: c.remote.status,
        id: c.remote.id,
        action: c.action,
        reason: c.reason,
        ...(c.action === "blocked" && {
          blocked: {
            by: c.unblockedBy ?? "declaration",
            ...(c.blockedUntil !== undefined && { until: c.blockedUntil }),
          },
        }),
        fields,
      });
    }
    // a changed template already shows its status; listing it twice would double the counts
    if (c.desired && c.remote && fields.length === 0 && isUnhealthy(c.remote.status)) {
      unhealthy.push({
        key,
        status: c.remote.status,
        ...(c.remote.reason ? { reason: c.remote.reason } : {}),
      });
    }
  }
  const undeclared = plan.undeclared.map((u) => ({ key: templateKey(u.key), id: u.id, status: u.status }));
  const unmanageable = plan.unmanageable.map((u) => ({
    key: templateKey(u.key),
    id: u.id,
    status: u.status,
    reason: u.reason,
    detail: u.detail,
    declared: u.declared,
  }));
  return {
    formatVersion: DRIFT_FORMAT_VERSION,
    createdAt: plan.createdAt,
    changed,
    missing,
    undeclared,
    unmanageable,
    unhealthy,
  };
}

export function hasDrift(report: DriftReport): boolean {
  return (
    report.changed.length +
      report.missing.length +
      report.undeclared.length +
      report.unhealthy.length +
      report.unmanageable.filter((u) => u.declared).length >
    0
  );
}
