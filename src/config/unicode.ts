// Text that is not well-formed Unicode (a lone surrogate, which YAML lets through as `"\uD800"`)
// cannot be encoded as UTF-8: the API would store U+FFFD instead, and every later plan would show
// the same difference again. Reported at the scalar (or key) that holds it.

import type { Diagnostic } from "../model/diagnostic.js";
import { CONFIG_CODES } from "./codes.js";
import type { Path, SourceFile } from "./source.js";

/** String#isWellFormed (Node 20; in TypeScript's ES2024 library, this project targets ES2023). */
type WellFormedCheck = string & { isWellFormed(): boolean };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function findIllFormedText(data: unknown, source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (text: string, path: Path, at: "value" | "key") => {
    // the native check first: it visits every string of every file, and nearly all are well formed
    if ((text as WellFormedCheck).isWellFormed()) return;
    const unit = LONE_SURROGATE.exec(text)?.[0];
    if (unit === undefined) return;
    const code = `\\u${unit.charCodeAt(0).toString(16).toUpperCase()}`;
    out.push({
      severity: CONFIG_CODES["YAML-UNICODE"].severity,
      code: "YAML-UNICODE",
      message: `${at === "key" ? "key" : "text"} contains a lone surrogate (${code}), which is not a character and cannot be sent`,
      hint: "remove the escape, or pair a high surrogate (\\uD800-\\uDBFF) with a low one (\\uDC00-\\uDFFF)",
      ...source.locate(path, at),
    });
  };
  // one path array, extended and cut back: this walk visits every node of every file
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") report(value, path, "value");
    else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        path.push(key);
        report(key, path, "key");
        walk(record[key]);
        path.pop();
      }
    }
  };
  walk(data);
  return out;
}
