// Meta's refusal of an edit for its quota: an APPROVED template may be edited once per 24 h and
// 10 times per 30 days (reference §4, meta-template-rules EDIT-003).
//
// UNVERIFIED: nobody has shown us the body of this refusal as Gupshup relays it (field-evidence
// §4), nor whether Gupshup enforces the quota itself. So it is recognised by tolerant patterns over
// every text of the answer — Gupshup's `message`, and a relayed Meta error's `message`,
// `error_user_title` and `error_user_msg` (reference §3.9, §9) — and the patterns live here, in
// this one function, to be corrected once a live account shows the real text (the live acceptance
// suite records it). A refusal that matches nothing stays an `invalid` error: a failed change, as
// before, with the provider's words.

import { EDIT_QUOTA_DAY_MS, EDIT_QUOTA_MONTH_MS } from "../../model/edit-quota.js";

export interface EditQuotaRefusal {
  /** The quota's window, when the answer says which of the two was hit. */
  windowMs?: number;
}

/** It is about editing … */
const EDIT = /\bedit/i;
/** … and about a limit being reached. */
const LIMIT =
  /(limit|quota|too many|maximum|exceed|only be edited|can(not|'t) be edited (again|more)|once (in|per|a|every)|per day|24[ -]?h|30[ -]?days?|per month)/i;
const DAILY = /(24[ -]?h(ou)?r?s?\b|\bonce (in|per|a|every) (day|24)|\bper day\b|\bdaily\b)/i;
const MONTHLY = /(30[ -]?days?|\bper month\b|\bmonthly\b|\b10 (times|edits)\b)/i;

/** Every string in an error answer: Gupshup's envelope and a relayed Meta error alike. */
function textsOf(body: unknown, raw: string): string[] {
  if (typeof body !== "object" || body === null) return [raw];
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (typeof v === "string") out.push(v);
    else if (depth < 3 && typeof v === "object" && v !== null)
      for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(body, 0);
  return out;
}

/** Whether an edit's error answer is Meta's (or Gupshup's) refusal for the edit quota, and which window. */
export function editQuotaRefusal(body: unknown, raw: string): EditQuotaRefusal | undefined {
  const text = textsOf(body, raw).join(" \n ");
  if (!EDIT.test(text) || !LIMIT.test(text)) return undefined;
  const daily = DAILY.test(text);
  const monthly = MONTHLY.test(text);
  if (daily === monthly) return {};
  return { windowMs: daily ? EDIT_QUOTA_DAY_MS : EDIT_QUOTA_MONTH_MS };
}
