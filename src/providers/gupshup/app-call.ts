// An app-scoped Partner API call: the app's token in the headers, the request spent from the app's
// budget in its group, and on a 401 the token refreshed once before the auth error stands.

import type { AppConfig } from "../../model/app.js";
import { RemoteError } from "../../model/errors.js";
import { appCredentialHeaders } from "../app-credential.js";
import type { CallOptions, EndpointGroup } from "../port.js";
import { appTokenEnvName, type GupshupAuth } from "./auth.js";
import type { HttpCall, Transport } from "./http.js";
import { jsonOrShapeError } from "./wire-call.js";

/** The request of an app call: method, path and body, plus the budget group it spends from. */
export type AppRequest = Omit<HttpCall, "meter" | "signal" | "priority" | "onSent" | "headers"> & {
  group: EndpointGroup;
  /**
   * Send the credential in `Authorization` only, without the legacy `token` copy: for an endpoint
   * whose page documents `Authorization` alone (`/v3/message`), so the request is the one
   * send-preview shows.
   */
  authorizationOnly?: boolean;
};

export type AppCall = <T>(
  app: AppConfig,
  request: AppRequest,
  parse: (body: unknown) => T,
  opts?: CallOptions,
) => Promise<T>;

export const appPath = (app: AppConfig, rest: string): string =>
  `/partner/app/${encodeURIComponent(app.appId)}${rest}`;

/** The options of a port call made of several requests (list pages): its `onSent` told once. */
export function onceSent(opts: CallOptions): CallOptions {
  const { onSent } = opts;
  if (!onSent) return opts;
  let told = false;
  return {
    ...opts,
    onSent: (at) => {
      if (told) return;
      told = true;
      onSent(at);
    },
  };
}

export function createAppCall(transport: Transport, auth: GupshupAuth): AppCall {
  return async function appCall<T>(
    app: AppConfig,
    { group, authorizationOnly, ...request }: AppRequest,
    parse: (body: unknown) => T,
    opts: CallOptions = {},
  ): Promise<T> {
    // the call's own request is announced once, even when a 401 makes us send it twice
    const { onSent } = onceSent(opts);
    const attempt = async () => {
      const token = await auth.appToken(app);
      try {
        const call: HttpCall = {
          ...request,
          headers: appCredentialHeaders(auth.mode, token, { authorizationOnly }),
          meter: { app, group },
          ...(opts.signal && { signal: opts.signal }),
          ...(opts.priority && { priority: opts.priority }),
          ...(onSent && { onSent }),
        };
        return { ok: true as const, value: await jsonOrShapeError(transport, call, parse) };
      } catch (err) {
        if (err instanceof RemoteError && err.status === 401) return { ok: false as const, err, token };
        throw err;
      }
    };
    const first = await attempt();
    if (first.ok) return first.value;
    if (!auth.invalidate(app, first.token)) {
      throw new RemoteError(
        "auth",
        `${first.err.message}; the token in ${appTokenEnvName(app.alias)} was rejected`,
        { status: 401 },
      );
    }
    const second = await attempt();
    if (second.ok) return second.value;
    throw new RemoteError("auth", `${second.err.message}; still rejected after refreshing the app token`, {
      status: 401,
    });
  };
}
