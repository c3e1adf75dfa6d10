// Credentials never live in templates.yaml: they come from the environment. A key that looks like
// one is an error of its own (SECRET-001, with a hint) rather than a plain "unknown key", and its
// value is never echoed.

import type { Diagnostic } from "../model/diagnostic.js";
import { CONFIG_CODES } from "./codes.js";
import type { Path, SourceFile } from "./source.js";

const SECRET_KEY =
  /(token|secret|passw(or)?d|api[_-]?key|credential|authori[sz]ation|bearer|private[_-]?key)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export interface SecretScan {
  diagnostics: Diagnostic[];
  /** JSON pointers (`/apps/shop/token`) of the keys found, so the schema error for them can be dropped. */
  pointers: Set<string>;
}

export function findSecretKeys(data: unknown, source: SourceFile): SecretScan {
  const scan: SecretScan = { diagnostics: [], pointers: new Set() };
  walk(data, [], source, scan);
  return scan;
}

/** Depth-first over the data; `path` is one array, extended and cut back (copied only to report). */
function walk(value: unknown, path: (string | number)[], source: SourceFile, scan: SecretScan): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, source, scan);
      path.pop();
    }
    return;
  }
  if (value === null || typeof value !== "object") return;
  // app aliases under `apps:` are names the user chose, not settings
  const namesOnly = path.length === 1 && path[0] === "apps";
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    path.push(key);
    if (!namesOnly && isSecretKey(key)) {
      const childPath = [...path];
      scan.pointers.add(toPointer(childPath));
      scan.diagnostics.push({
        severity: CONFIG_CODES["SECRET-001"].severity,
        code: "SECRET-001",
        message: `key ${JSON.stringify(key)} looks like a credential; secrets are never written in templates.yaml`,
        hint: "remove it (and rotate it if it was committed); waform reads credentials from environment variables",
        ...source.locate(childPath, "key"),
      });
    } else {
      walk(record[key], path, source, scan);
    }
    path.pop();
  }
}

export function toPointer(path: Path): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
