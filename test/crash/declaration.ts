// A templates.yaml big enough that `waform apply` against a sandbox with latency takes about a
// second: time enough to be killed in the middle of it.

import { stringify } from "yaml";

export const APPS = {
  shop: { appId: "0d7c1f52-crash-4a57-9d2e-5c1b7e9a0001", appName: "shopapp", source: "+918929874278" },
  care: { appId: "0d7c1f52-crash-4a57-9d2e-5c1b7e9a0002", appName: "careapp", source: "+918929874279" },
} as const;

/** `prefix` names the templates: a new prefix makes a declaration whose every template is a create. */
export function crashDeclaration(perApp: number, prefix = "crash_offer"): string {
  const templates = Object.keys(APPS).flatMap((app) =>
    Array.from({ length: perApp }, (_, i) => ({
      name: `${prefix}_${String(i).padStart(3, "0")}`,
      app,
      body: `Hi {{1}}, offer ${i} of ${app} is waiting for you.`,
      examples: { body: ["Ana"] },
      ...(i % 3 === 0 ? { footer: "Reply STOP to opt out" } : {}),
      ...(i % 2 === 0 ? { buttons: [{ type: "quick_reply", text: "Tell me more" }] } : {}),
    })),
  );
  return stringify({
    version: 1,
    apps: Object.fromEntries(Object.entries(APPS).map(([alias, app]) => [alias, { ...app, prune: false }])),
    defaults: { language: "en_US", category: "MARKETING", vertical: "promotions" },
    templates,
  });
}

/** (appId, name, language) keys held more than once in a sandbox state. */
export function duplicatesIn(state: {
  templates: { appId: string; elementName: string; languageCode: string }[];
}): string[] {
  const seen = new Map<string, number>();
  for (const t of state.templates) {
    const key = `${t.appId}/${t.elementName}/${t.languageCode}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}
