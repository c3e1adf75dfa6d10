// How an app-scoped Partner API call carries the app's token: the one rule shared by the Gupshup
// provider (which makes the calls) and the send channels' `prepare` (which shows them in
// send-preview), so the preview is the request that is sent. Reference §1, decision #14.
//
// - legacy mode (no GUPSHUP_UNIVERSAL_TOKEN): the raw `sk_…` app token in `Authorization`, and in
//   `token` too (some official samples use it);
// - universal mode: the UAT as `Authorization: Bearer <UAT>` (every UT/UAT page uses that form;
//   unverified on template and send calls), no `token` header; a legacy `sk_…` token given directly
//   (GUPSHUP_APP_TOKEN_<ALIAS>) is still sent raw, as in legacy mode.
// An endpoint whose page documents `Authorization` alone (`/v3/message`) gets that header only.

export type AuthMode = "legacy" | "universal";

type Env = Readonly<Record<string, string | undefined>>;

/** Universal when GUPSHUP_UNIVERSAL_TOKEN is set (blank counts as unset), legacy otherwise. */
export function authModeOf(env: Env): AuthMode {
  return env["GUPSHUP_UNIVERSAL_TOKEN"]?.trim() ? "universal" : "legacy";
}

export interface AppCredentialOptions {
  /** Only `Authorization`, never the legacy `token` copy. */
  authorizationOnly?: boolean;
}

export function appCredentialHeaders(
  mode: AuthMode,
  token: string,
  opts: AppCredentialOptions = {},
): Record<string, string> {
  if (mode === "universal" && !token.startsWith("sk_")) return { Authorization: `Bearer ${token}` };
  return opts.authorizationOnly ? { Authorization: token } : { Authorization: token, token };
}
