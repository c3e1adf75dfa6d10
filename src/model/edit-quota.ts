// Meta's edit quota for an APPROVED template (meta-template-rules EDIT-003): at most one edit per
// 24 h and 10 per 30 days, both rolling; REJECTED and PAUSED templates may be edited without limit.
// Plan blocks on it, the provider recognises a refusal for it, apply says when it frees up.

export const EDIT_QUOTA_DAY_MS = 24 * 60 * 60 * 1000;
export const EDIT_QUOTA_MONTH_MS = 30 * EDIT_QUOTA_DAY_MS;
