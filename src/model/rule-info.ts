// What waform documents about every diagnostic code it can report: docs/rules.md is generated from
// these (scripts/rules-doc.mjs), and a test keeps the page and the code in step.

import type { Severity } from "./diagnostic.js";

export interface RuleInfo {
  id: string;
  /** The default severity; a few rules report a milder case as a warning (said in the summary). */
  severity: Severity;
  /** One sentence: what the rule asks for. */
  summary: string;
  /** Why it exists: what Meta, Gupshup or waform does with a template that breaks it. */
  why: string;
  /**
   * Something that breaks it: a template as written under `templates:` (`- name: …`), a whole file
   * (`version: 1 …`), both checked by the test suite to raise this very code, or, where no file
   * can show it (a command line, a remote state), a sentence.
   */
  example: string;
}
