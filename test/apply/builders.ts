// Small builders for apply tests: apps, declared templates, and Plans, either written out change
// by change or made by makePlan from a declaration and the memory provider's state.

import type { AppConfig } from "../../src/model/app.js";
import type { DesiredTemplate, RemoteTemplate, TemplateContent } from "../../src/model/template.js";
import { makePlan } from "../../src/plan/make-plan.js";
import type { Action, Change, Plan, Reason } from "../../src/plan/types.js";
import type { MemoryProvider } from "./memory-provider.js";

export const START = Date.UTC(2025, 0, 1);

export function app(alias: string, over: Partial<AppConfig> = {}): AppConfig {
  return {
    alias,
    appId: `app-${alias}`,
    appName: `${alias}-app`,
    source: "+15550000000",
    prune: true,
    ...over,
  };
}

export function declared(
  appAlias: string,
  name: string,
  over: Partial<DesiredTemplate> = {},
): DesiredTemplate {
  return {
    app: appAlias,
    name,
    language: "en",
    category: "MARKETING",
    kind: "standard",
    vertical: "retail",
    body: `Hello {{1}}, ${name} is here.`,
    bodyExamples: ["Ana"],
    buttons: [{ type: "quick_reply", text: "Thanks" }],
    allowCategoryChange: false,
    protect: false,
    source: { file: "templates.yaml", line: 1, col: 1 },
    ...over,
  };
}

/** `count` templates per app, named t000, t001, … */
export function declaration(apps: AppConfig[], count: number): DesiredTemplate[] {
  return apps.flatMap((a) =>
    Array.from({ length: count }, (_, i) => declared(a.alias, `t${String(i).padStart(3, "0")}`)),
  );
}

/** The plan makePlan makes against what the provider holds now. */
export function replan(
  apps: AppConfig[],
  desired: DesiredTemplate[],
  provider: MemoryProvider,
  now = START,
): Plan {
  return makePlan(desired, provider.all(), { apps, now });
}

const REASON: Record<Action, Reason> = {
  create: "not_in_remote",
  update: "fields_changed",
  replace: "field_forces_replace",
  delete: "not_declared",
  noop: "in_sync",
  blocked: "pending_review",
};

/** One change, written out; `remote` is carried whole like makePlan does. */
export function change(action: Action, desired?: DesiredTemplate, remote?: RemoteTemplate): Change {
  const key = desired ?? remote!;
  return {
    key: { app: key.app, name: key.name, language: key.language },
    action,
    reason: REASON[action],
    fields: [],
    desired,
    remote: remote && { id: remote.id, status: remote.status, category: remote.category, content: remote },
    diagnostics: [],
  };
}

export function planOf(apps: AppConfig[], changes: Change[]): Plan {
  return {
    formatVersion: 3,
    createdAt: START,
    remoteFingerprint: "sha256:test",
    endpoint: "test",
    declarationDigest: "sha256:test",
    scope: { apps: apps.map((a) => a.alias), targets: [] },
    apps,
    changes,
    undeclared: [],
    unmanageable: [],
    diagnostics: [],
  };
}

/** A copy of `d` with other content (an edit that updates in place). */
export function edited(d: DesiredTemplate, body = `${d.body} Now with more.`): DesiredTemplate {
  return { ...d, body };
}

export function contentWith(d: DesiredTemplate, over: Partial<TemplateContent>): DesiredTemplate {
  return { ...d, ...over };
}
