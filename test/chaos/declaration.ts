// The declaration every chaos seed applies: 200 templates over 4 apps, cloned from the shapes of
// the root templates.yaml (LTO with an image header, product, catalog, utility, authentication,
// document header…), so the whole wire mapping is exercised, not one easy shape. Also what exists
// remotely before the run: declared templates with old content (updates) and undeclared ones, kept
// in apps without `prune` and deleted in the one app with it.

import { join } from "node:path";
import { loadDeclaration } from "../../src/config/load.js";
import type { AppConfig } from "../../src/model/app.js";
import type { DesiredTemplate, TemplateContent, TemplateKey } from "../../src/model/template.js";

export const TEMPLATES_PER_APP = 50;
/** Declared templates per app that exist beforehand with an older body (they become updates). */
export const OUTDATED_PER_APP = 5;
/** Undeclared templates per app that exist beforehand. */
export const UNDECLARED_PER_APP = 3;

/** Apps a and b: nothing may be deleted; c prunes; d declares a pace above the server's real limit. */
export const CHAOS_APPS: AppConfig[] = ["a", "b", "c", "d"].map((alias, i) => ({
  alias,
  appId: `chaos-app-${alias}`,
  appName: `${alias}app`,
  source: `+9189298742${String(70 + i)}`,
  prune: alias === "c",
  ...(alias === "d" ? { rateLimitPerMinute: 20 } : {}),
}));

let shapes: Promise<DesiredTemplate[]> | undefined;

/** The templates of the root templates.yaml, as the config layer canonicalises them. */
function rootShapes(): Promise<DesiredTemplate[]> {
  shapes ??= loadDeclaration([join(import.meta.dirname, "..", "..", "templates.yaml")], {
    now: Date.UTC(2030, 0, 1),
  }).then((r) => {
    if (r.diagnostics.some((d) => d.severity === "error"))
      throw new Error("templates.yaml does not validate");
    return r.declaration.templates;
  });
  return shapes;
}

export interface ChaosDeclaration {
  apps: AppConfig[];
  desired: DesiredTemplate[];
  /** Declared templates that exist remotely first with `content` (an older body). */
  outdated: { template: DesiredTemplate; content: TemplateContent }[];
  /** Undeclared templates that exist remotely first. */
  undeclared: { app: AppConfig; key: TemplateKey; content: TemplateContent }[];
}

export async function chaosDeclaration(): Promise<ChaosDeclaration> {
  const base = await rootShapes();
  const desired = CHAOS_APPS.flatMap((app) =>
    Array.from({ length: TEMPLATES_PER_APP }, (_, i): DesiredTemplate => {
      const shape = base[i % base.length]!;
      return {
        ...shape,
        app: app.alias,
        name: `${shape.name}_${String(i).padStart(2, "0")}`,
        protect: false,
      };
    }),
  );
  // only standard templates are edited in place by Meta's rules for every status we seed
  const editable = (t: DesiredTemplate) => t.kind === "standard" && t.category !== "AUTHENTICATION";
  const outdated = CHAOS_APPS.flatMap((app) =>
    desired
      .filter((t) => t.app === app.alias && editable(t))
      .slice(0, OUTDATED_PER_APP)
      .map((template) => ({ template, content: { ...template, body: `${template.body} (last season)` } })),
  );
  const plain = base.find((t) => t.name === "monsoon_getaways")!;
  const undeclared = CHAOS_APPS.flatMap((app) =>
    Array.from({ length: UNDECLARED_PER_APP }, (_, i) => ({
      app,
      key: { app: app.alias, name: `legacy_offer_${i}`, language: plain.language },
      content: { ...plain, body: `An offer from before waform, number {{1}} of ${i}.` },
    })),
  );
  return { apps: CHAOS_APPS, desired, outdated, undeclared };
}
