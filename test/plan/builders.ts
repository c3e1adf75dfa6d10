// Small builders for plan tests: a declared template, its remote twin, an app. Each test states
// only what matters to it, through overrides.

import type { AppConfig } from "../../src/model/app.js";
import type {
  DesiredTemplate,
  RemoteTemplate,
  TemplateContent,
  UnmanageableTemplate,
} from "../../src/model/template.js";
import { makePlan, type PlanOptions } from "../../src/plan/make-plan.js";
import type { Change, Plan } from "../../src/plan/types.js";

export const NOW = Date.parse("2025-06-01T12:00:00.000Z");
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export function app(alias = "shop", over: Partial<AppConfig> = {}): AppConfig {
  return {
    alias,
    appId: `00000000-0000-4000-8000-${alias.padStart(12, "0").slice(-12)}`,
    appName: `${alias}-app`,
    source: "+919876543210",
    prune: false,
    ...over,
  };
}

/** A plain MARKETING text template of app `shop`, language `en`. */
export function template(name: string, over: Partial<DesiredTemplate> = {}): DesiredTemplate {
  return {
    app: "shop",
    name,
    language: "en",
    category: "MARKETING",
    kind: "standard",
    vertical: "retail",
    header: { type: "text", text: "Order update" },
    body: `Hello {{1}}, ${name.replace(/_/g, " ")} is ready.`,
    bodyExamples: ["Ana"],
    footer: "Reply STOP to opt out",
    buttons: [
      { type: "quick_reply", text: "Thanks" },
      { type: "url", text: "Track", url: "https://shop.example/track/{{1}}", example: "A123" },
    ],
    allowCategoryChange: false,
    protect: false,
    source: { file: "templates.yaml", line: 10, col: 3 },
    ...over,
  };
}

/** A limited-time offer with a countdown: copy-code and URL buttons, no footer (LTO-002, LTO-006). */
export function ltoTemplate(name: string, over: Partial<DesiredTemplate> = {}): DesiredTemplate {
  return template(name, {
    kind: "lto",
    header: { type: "image", example: "https://cdn.example/summer.png" },
    body: "Hi {{1}}, the summer sale ends soon!",
    footer: undefined,
    buttons: [
      { type: "copy_code", example: "SUMMER25" },
      { type: "url", text: "Shop now", url: "https://shop.example/sale?c={{1}}", example: "summer" },
    ],
    lto: { text: "Summer sale", hasExpiration: true },
    ...over,
  });
}

/** The remote twin of a declared template: same content, APPROVED a month ago, never edited. */
export function remoteOf(
  d: DesiredTemplate,
  over: Partial<RemoteTemplate> = {},
  content: Partial<TemplateContent> = {},
): RemoteTemplate {
  const { protect: _p, test: _t, source: _s, ...rest } = d;
  return {
    ...rest,
    ...content,
    id: `id-${d.app}-${d.name}-${d.language}`,
    status: "APPROVED",
    createdOn: NOW - 30 * DAY,
    modifiedOn: NOW - 30 * DAY,
    ...over,
  };
}

/** A remote row waform cannot manage: a 2021 AUTO_REPLY template, by default. */
export function unmanageableOf(name: string, over: Partial<UnmanageableTemplate> = {}): UnmanageableTemplate {
  return {
    app: "shop",
    name,
    language: "en",
    id: `id-shop-${name}-en`,
    status: "APPROVED",
    unmanageable: { reason: "unknown_category", detail: 'category "AUTO_REPLY" is not one waform manages' },
    raw: { category: "AUTO_REPLY", templateType: "TEXT" },
    ...over,
  };
}

export function plan(
  desired: DesiredTemplate[],
  remote: RemoteTemplate[],
  options: Partial<PlanOptions> = {},
): Plan {
  return makePlan(desired, remote, { apps: [app("shop")], now: NOW, ...options });
}

/** The one change of a plan for a template name (fails the test when there is not exactly one). */
export function changeOf(p: Plan, name: string): Change {
  const found = p.changes.filter((c) => c.key.name === name);
  if (found.length !== 1) throw new Error(`expected one change for ${name}, found ${found.length}`);
  return found[0] as Change;
}

/** action/reason and the changed paths with their policies: what a reader checks first. */
export function outline(c: Change): { action: string; reason: string; fields: string[] } {
  return { action: c.action, reason: c.reason, fields: c.fields.map((f) => `${f.path}:${f.policy}`) };
}

export function codes(c: Change): string[] {
  return c.diagnostics.map((d) => `${d.severity} ${d.code}`);
}
