// Schema validation of one file, with ajv's errors turned into diagnostics a person can act on:
// positioned on the offending node, in plain words ("unknown key "fotter" in template"), with a
// did-you-mean hint. Also records what is broken, so that later stages skip it instead of piling
// up follow-on errors.

import type { ErrorObject } from "ajv";
import type { Diagnostic } from "../model/diagnostic.js";
import { schemaValidator } from "./schema.js";
import { toPointer } from "./secrets.js";
import type { Path, SourceFile } from "./source.js";
import { preview } from "./text.js";

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** Indexes of templates with a structural error: they are not built or linted. */
  brokenTemplates: Set<number>;
  /** Aliases of apps with a structural error. */
  brokenApps: Set<string>;
  /** `defaults:` has an error: templates would inherit wrong values. */
  defaultsBroken: boolean;
  /** The file as a whole is unusable (not a mapping, wrong version, `templates` not a list, …). */
  fileBroken: boolean;
}

/** Rule ids for the structural errors that one of Meta's rules describes better than "SCHEMA". */
function codeFor(e: ErrorObject, path: Path): string {
  const last = path[path.length - 1];
  if (e.keyword === "enum" && last === "category") return "CATG-001";
  if (e.keyword === "required" && path[0] === "templates" && path.length === 2) {
    if (e.params["missingProperty"] === "body") return "BODY-001";
  }
  if (e.keyword === "required" && last === "product" && path[path.length - 2] === "test") return "SEND-005";
  return "SCHEMA";
}

export function checkSchema(
  data: unknown,
  source: SourceFile,
  secretPointers: ReadonlySet<string>,
): SchemaCheck {
  const result: SchemaCheck = {
    diagnostics: [],
    brokenTemplates: new Set(),
    brokenApps: new Set(),
    defaultsBroken: false,
    fileBroken: false,
  };
  const validate = schemaValidator();
  if (validate(data)) return result;
  const errors = validate.errors ?? [];
  const requiredAt = new Set(
    errors
      .filter((e) => e.keyword === "required")
      .map((e) => `${e.instancePath}#${e.params["missingProperty"]}`),
  );
  const seen = new Set<string>();
  for (const e of errors) {
    if (
      e.keyword === "discriminator" &&
      e.params["tagValue"] === undefined &&
      requiredAt.has(`${e.instancePath}#type`)
    ) {
      continue; // "missing key type" already says it
    }
    if (e.keyword === "pattern" && e.schemaPath.includes("/propertyNames/")) continue; // propertyNames says it
    const path = toPath(e.instancePath, data);
    if (
      e.keyword === "additionalProperties" &&
      secretPointers.has(`${e.instancePath}${toPointer([e.params["additionalProperty"]])}`)
    ) {
      continue; // SECRET-001 already says it
    }
    const described = describe(e, path);
    const dedupe = `${e.instancePath}|${described.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const d: Diagnostic = {
      severity: "error",
      code: codeFor(e, path),
      message: described.message,
      ...source.locate(described.path, described.at),
    };
    if (described.hint) d.hint = described.hint;
    result.diagnostics.push(d);
    markBroken(result, path, e);
  }
  return result;
}

function markBroken(result: SchemaCheck, path: Path, e: ErrorObject): void {
  const [top, second] = path;
  if (top === "templates" && typeof second === "number") result.brokenTemplates.add(second);
  else if (top === "apps" && typeof second === "string") result.brokenApps.add(second);
  else if (top === "apps" && e.keyword === "propertyNames")
    result.brokenApps.add(String(e.params["propertyName"]));
  else if (top === "defaults" && path.length > 1) result.defaultsBroken = true;
  else if (top === "defaults" && e.keyword === "additionalProperties") result.defaultsBroken = true;
  else result.fileBroken = true;
}

/** JSON pointer -> path, with array indexes as numbers (looked up in the data). */
function toPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === "") return [];
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      const i = Number(segment);
      path.push(i);
      node = node[i];
    } else {
      path.push(segment);
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

interface Described {
  message: string;
  hint?: string;
  path: Path;
  at?: "key" | "value";
}

function describe(e: ErrorObject, path: Path): Described {
  const name = fieldName(path);
  const where = context(path, e.data);
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params["additionalProperty"]);
      const allowed = Object.keys((e.parentSchema?.["properties"] as object | undefined) ?? {});
      const close = closest(key, allowed);
      return {
        message: `unknown key ${JSON.stringify(key)} in ${where}`,
        hint: close ? `did you mean ${JSON.stringify(close)}?` : `allowed keys: ${allowed.join(", ")}`,
        path: [...path, key],
        at: "key",
      };
    }
    case "required":
      return {
        message: `missing required key ${JSON.stringify(e.params["missingProperty"])} in ${where}`,
        path,
      };
    case "type":
      return typeMismatch(e, name, path);
    case "enum": {
      const allowed = (e.params["allowedValues"] as unknown[]).map(String);
      const close = typeof e.data === "string" ? closest(e.data, allowed) : undefined;
      return {
        message: `invalid ${name} ${preview(String(e.data))}: expected one of ${allowed.join(", ")}`,
        hint: close ? `did you mean ${close}?` : undefined,
        path,
      };
    }
    case "const":
      return {
        message: `unsupported ${name} ${preview(String(e.data))}: expected ${JSON.stringify(e.params["allowedValue"])}`,
        path,
      };
    case "discriminator": {
      const allowed = branchTypes(e.parentSchema);
      const what = path.includes("buttons") ? "button" : "header";
      return e.params["tagValue"] === undefined || typeof e.params["tagValue"] !== "string"
        ? {
            message: `the ${what} "type" must be a string: one of ${allowed.join(", ")}`,
            path: [...path, "type"],
          }
        : {
            message: `unknown ${what} type ${preview(String(e.params["tagValue"]))}: expected one of ${allowed.join(", ")}`,
            hint: close(String(e.params["tagValue"]), allowed),
            path: [...path, "type"],
          };
    }
    case "propertyNames": {
      const alias = String(e.params["propertyName"]);
      return {
        message: `invalid app alias ${preview(alias)}: use lowercase letters, digits, "-" and "_"`,
        path: [...path, alias],
        at: "key",
      };
    }
    case "pattern":
      return { ...patternMessage(String(path[path.length - 1]), name, String(e.data)), path };
    case "minLength":
      return { message: `${name} must not be empty`, path };
    case "minimum":
      return { message: `${name} must be at least ${e.params["limit"]}`, path };
    case "minProperties": {
      const keys = Object.keys((e.parentSchema?.["properties"] as object | undefined) ?? {});
      return { message: `${name} needs at least one of: ${keys.join(", ")}`, path };
    }
    default:
      return { message: `${name} ${e.message ?? "is invalid"}`, path };
  }
}

function close(value: string, allowed: string[]): string | undefined {
  const c = closest(value, allowed);
  return c ? `did you mean ${c}?` : undefined;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  "string,integer": "a string or a whole number",
};

function typeMismatch(e: ErrorObject, name: string, path: Path): Described {
  const expected = String(e.params["type"]);
  const actual = jsonType(e.data);
  const message = `${name} must be ${TYPE_WORDS[expected] ?? expected}, not ${actual}`;
  if (path.length === 0) {
    return { message: `the file must be a mapping with \`version: 1\`, not ${actual}`, path };
  }
  if (expected === "string" && (actual === "a number" || actual === "true or false")) {
    return { message, hint: `quote the value: "${String(e.data)}"`, path };
  }
  if (expected === "boolean" && actual === "a string") {
    return { message, hint: "write true or false (yes, no, on and off are strings in YAML 1.2)", path };
  }
  if (expected === "array" && actual !== "null") {
    return { message, hint: "write a list: `[a, b]` or one `- item` per line", path };
  }
  return { message, path };
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

function patternMessage(key: string, name: string, value: string): { message: string; hint?: string } {
  switch (key) {
    case "language":
      return {
        message: `invalid language code ${preview(value)}`,
        hint: "use Meta's codes: en_US, en, pt_BR, hi, …",
      };
    case "expiresIn":
      return {
        message: `invalid duration ${preview(value)}`,
        hint: "a number and a unit (w, d, h, m, s, ms): 14d, 36h, 90m, 1d12h",
      };
    default:
      return { message: `invalid ${name} ${preview(value)}` };
  }
}

/** What the node at `path` is, in the user's words. */
function context(path: Path, data: unknown): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 0) return "the top level";
  if (path[0] === "templates" && path.length === 2) return "template";
  if (parent === "buttons" && typeof last === "number") {
    const type = (data as { type?: unknown } | null)?.type;
    return typeof type === "string" ? `${type} button` : "button";
  }
  if (path[0] === "apps" && path.length === 2) return `app ${JSON.stringify(last)}`;
  if (last === "test") return "the test block";
  if (typeof last === "number") return `${String(parent)} item ${last + 1}`;
  return String(last);
}

/** The field as the user knows it, from its template or app: `examples.body`, `buttons[2].text`. */
function fieldName(path: Path): string {
  const scoped = path[0] === "templates" || path[0] === "apps" ? path.slice(2) : path;
  if (scoped.length === 0) return path.length === 0 ? "the file" : String(path[0]).replace(/s$/, "");
  return scoped.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function branchTypes(schema: unknown): string[] {
  const branches = ((schema as { oneOf?: unknown[] } | undefined)?.oneOf ?? []) as {
    properties?: { type?: { const?: string } };
  }[];
  return branches.map((b) => b.properties?.type?.const).filter((t): t is string => typeof t === "string");
}

/** The allowed word nearest to `word`, if it is a likely typo (edit distance ≤ 2, or a case slip). */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.min(2, Math.floor(word.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
