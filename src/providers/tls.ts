// TLS certificate checks cannot be turned off for waform's connections. Every HTTP agent passes
// `rejectUnauthorized: true` explicitly, which wins over NODE_TLS_REJECT_UNAUTHORIZED=0; and since
// that variable means someone tried to turn the checks off, the Partner API client refuses to start
// rather than let them believe it worked. A private CA belongs in NODE_EXTRA_CA_CERTS.

import { UserError } from "../model/errors.js";

/** For undici's `connect` options: verify the server's certificate, whatever the environment says. */
export const VERIFY_TLS = { rejectUnauthorized: true } as const;

/** Throws when `url` is https and the environment asks Node to skip certificate checks. */
export function refuseDisabledTls(url: URL, env: Readonly<Record<string, string | undefined>>): void {
  if (url.protocol !== "https:" || env["NODE_TLS_REJECT_UNAUTHORIZED"] !== "0") return;
  throw new UserError(
    `NODE_TLS_REJECT_UNAUTHORIZED=0 is set: waform does not send credentials to ${url.host} without checking its TLS certificate`,
    "unset NODE_TLS_REJECT_UNAUTHORIZED; for a private or corporate CA, point NODE_EXTRA_CA_CERTS at its certificate",
  );
}
