// Diagnostic codes raised while reading and building the declaration (before the lint rules run).
// Some carry ids from meta-template-rules.md: they are about something *missing* in the YAML, which
// the canonical template can no longer tell apart from a default. The lint rules in rules/ carry
// their own metadata (a few of them, e.g. BODY-001, are also raised here); catalog.ts lists both.

import type { Severity } from "../model/diagnostic.js";

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One sentence for the documentation table. */
  summary: string;
}

export const CONFIG_CODES = {
  "FILE-001": { severity: "error", summary: "A file or directory given with -f does not exist." },
  "FILE-002": { severity: "error", summary: "A file cannot be read (permissions, not a regular file)." },
  "FILE-003": { severity: "error", summary: "A directory given with -f contains no *.yaml or *.yml file." },
  "YAML-SYNTAX": {
    severity: "error",
    summary: "The file is not valid YAML (only the first syntax error of a file is reported).",
  },
  "YAML-DUPKEY": { severity: "error", summary: "A mapping has the same key twice." },
  "YAML-UNICODE": {
    severity: "error",
    summary: "Text holds a lone surrogate (e.g. `\\uD800`): not a character, so it cannot be sent.",
  },
  "YAML-ALIAS": {
    severity: "error",
    summary: "Too many alias expansions (`*anchor`, more than 100 per file): a resource-exhaustion guard.",
  },
  SCHEMA: {
    severity: "error",
    summary: "The file does not match schemas/templates.schema.json: unknown key, wrong type, missing key.",
  },
  "SECRET-001": {
    severity: "error",
    summary:
      "A key that looks like a credential (token, apiKey, password, …): secrets come from the environment.",
  },
  "CFG-001": {
    severity: "error",
    summary: "A template (or `defaults.app`) names an app that is not declared.",
  },
  "CFG-002": { severity: "error", summary: "A template has no app, and there is no default app to use." },
  "CFG-003": { severity: "error", summary: "The same app alias is declared in two files." },
  "CFG-004": { severity: "error", summary: "A template has no `vertical` and there is no default." },
  "CFG-005": { severity: "error", summary: "A phone number is not a number with country code." },
  "CFG-006": {
    severity: "error",
    summary: "A test expiry is not a valid duration or time, or both `expiresIn` and `expiresAt` are set.",
  },
  "CFG-007": {
    severity: "error",
    summary:
      "A field, header or button of another kind (e.g. `limitedOfferText` without `kind: lto`); a test field of another kind is a warning.",
  },
  "CFG-008": { severity: "error", summary: "Two files set the same default to different values." },
  "LANG-001": {
    severity: "error",
    summary: "Language must be set explicitly (in the template or in defaults).",
  },
  "CATG-001": {
    severity: "error",
    summary: "Category is set, and is one of AUTHENTICATION, MARKETING, UTILITY.",
  },
  "LTO-005": { severity: "error", summary: "An LTO declares `hasExpiration` explicitly as true or false." },
  "BTN-010": {
    severity: "warning",
    summary: "A URL button example is a full URL: waform keeps only the value of the trailing variable.",
  },
} as const satisfies Record<string, Omit<RuleInfo, "id">>;

export type ConfigCode = keyof typeof CONFIG_CODES;
