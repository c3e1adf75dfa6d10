// Whether a template found on the remote already holds the declared content: how reconciliation
// tells "our lost write did happen" from "someone else's template is in the way". It is the plan's
// own test for a noop (same diff, same policy table), so apply and plan never disagree on it.

import type { TemplateContent } from "../model/template.js";
import { diffContent } from "../plan/content-diff.js";
import { resolvePolicy } from "../plan/policy.js";

export function sameContent(desired: TemplateContent, remote: TemplateContent & { status: string }): boolean {
  return diffContent(remote, desired).every(
    (d) => resolvePolicy(d.path, d.before, d.after, remote.status) === "ignore",
  );
}
