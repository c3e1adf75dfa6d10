// Several files make one declaration. `defaults:` are global: two files may repeat a default but
// not contradict each other (CFG-008). An app alias is declared once across all files (CFG-003).

import type { AppConfig } from "../model/app.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { normalizeLine } from "../model/normalize.js";
import { normalizePhone } from "../model/phone.js";
import type { SourceRef } from "../model/template.js";
import { CONFIG_CODES, type ConfigCode } from "./codes.js";
import type { RawDefaults, RawFile } from "./raw.js";
import type { Path, SourceFile } from "./source.js";

export interface UsableFile {
  source: SourceFile;
  data: RawFile;
  brokenApps: ReadonlySet<string>;
  defaultsBroken: boolean;
}

function diagnostic(code: ConfigCode, at: SourceRef, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: CONFIG_CODES[code].severity, code, message, ...at };
  if (hint) d.hint = hint;
  return d;
}

function where(at: SourceRef): string {
  return `${at.file}:${at.line}:${at.col}`;
}

export interface MergedDefaults {
  defaults: RawDefaults;
  testDestinations: string[];
  /** Where `defaults.app` was set, to report an unknown app once. */
  appAt?: SourceRef;
  diagnostics: Diagnostic[];
}

export function mergeDefaults(files: readonly UsableFile[]): MergedDefaults {
  const defaults: Record<string, unknown> = {};
  const setAt = new Map<string, SourceRef>();
  const diagnostics: Diagnostic[] = [];
  const testDestinations: string[] = [];
  for (const f of files) {
    if (f.defaultsBroken || !f.data.defaults) continue;
    for (const [key, value] of Object.entries(f.data.defaults)) {
      const path: Path = ["defaults", key];
      const at = f.source.locate(path);
      const earlier = setAt.get(key);
      if (earlier) {
        if (JSON.stringify(defaults[key]) !== JSON.stringify(value)) {
          diagnostics.push(
            diagnostic(
              "CFG-008",
              at,
              `defaults.${key} is already set to a different value at ${where(earlier)}`,
              "set each default once, or make the files agree",
            ),
          );
        }
        continue;
      }
      defaults[key] = value;
      setAt.set(key, at);
      if (key === "testDestinations") {
        (value as (string | number)[]).forEach((d, i) => {
          const phone = normalizePhone(d);
          if (phone) testDestinations.push(phone);
          else {
            diagnostics.push(
              diagnostic(
                "CFG-005",
                f.source.locate([...path, i]),
                "test destination is not a phone number with country code",
              ),
            );
          }
        });
      }
    }
  }
  const merged: MergedDefaults = { defaults: defaults as RawDefaults, testDestinations, diagnostics };
  const appAt = setAt.get("app");
  if (appAt) merged.appAt = appAt;
  return merged;
}

export function mergeApps(
  files: readonly UsableFile[],
  defaults: RawDefaults,
): { apps: AppConfig[]; brokenApps: Set<string>; diagnostics: Diagnostic[] } {
  const apps: AppConfig[] = [];
  const declaredAt = new Map<string, SourceRef>();
  const brokenApps = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    for (const [alias, raw] of Object.entries(f.data.apps ?? {})) {
      const at = f.source.locate(["apps", alias], "key");
      const earlier = declaredAt.get(alias);
      if (earlier) {
        diagnostics.push(
          diagnostic("CFG-003", at, `app ${JSON.stringify(alias)} is already declared at ${where(earlier)}`),
        );
        continue;
      }
      declaredAt.set(alias, at);
      if (f.brokenApps.has(alias)) {
        brokenApps.add(alias);
        continue;
      }
      const source = normalizePhone(raw.source);
      if (!source) {
        diagnostics.push(
          diagnostic(
            "CFG-005",
            f.source.locate(["apps", alias, "source"]),
            "app source is not a phone number with country code",
            'write the sender number with its country code, e.g. "+918929874278"',
          ),
        );
        brokenApps.add(alias);
        continue;
      }
      const app: AppConfig = {
        alias,
        appId: normalizeLine(raw.appId),
        appName: normalizeLine(raw.appName),
        source,
        prune: raw.prune ?? false,
      };
      if (raw.rateLimit) app.rateLimitPerMinute = raw.rateLimit.perMinute;
      const channel = raw.channel ?? defaults.channel;
      if (channel) app.channel = channel;
      apps.push(app);
    }
  }
  return { apps, brokenApps, diagnostics };
}

/** `defaults.app` must name a declared app; reported once, where it is set. */
export function checkDefaultApp(
  merged: MergedDefaults,
  apps: readonly AppConfig[],
  brokenApps: ReadonlySet<string>,
): Diagnostic[] {
  const alias = merged.defaults.app;
  if (alias === undefined || !merged.appAt || brokenApps.has(alias) || apps.some((a) => a.alias === alias))
    return [];
  return [
    diagnostic(
      "CFG-001",
      merged.appAt,
      `defaults.app names an unknown app ${JSON.stringify(alias)}`,
      `declared apps: ${apps.map((a) => a.alias).join(", ") || "none"}`,
    ),
  ];
}
