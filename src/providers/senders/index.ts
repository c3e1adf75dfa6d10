// The send channels' entry point: `createSendChannel(name, deps)` for verify/ and send-preview.

import type { ChannelName } from "../../model/template.js";
import type { Env } from "./credentials.js";
import { createGupshupApiChannel } from "./gupshup.js";
import { type AppTokenGetter, createGupshupPartnerChannel, type PartnerPost } from "./gupshup-partner.js";
import { createGupshupV3Channel, type MetaPost } from "./gupshup-v3.js";
import { createHttpClient, type HttpClient, type HttpClientOptions } from "./http.js";
import { createKaleyraV1Channel } from "./kaleyra-v1.js";
import { createKaleyraV2Channel, type KaleyraV2Options } from "./kaleyra-v2.js";
import type { SendChannel } from "./port.js";

export interface SendChannelDeps {
  /** Credentials and base URLs are read from here only (usually `process.env`). */
  env: Env;
  /**
   * gupshup-partner: posts the form with the app token (the provider port's `sendTemplate`, which
   * paces it from the run's budget).
   */
  post?: PartnerPost;
  /** gupshup-v3: posts the Meta message with the app token (the Gupshup provider's `sendMetaMessage`). */
  postV3?: MetaPost;
  /** gupshup-partner and gupshup-v3: the app token, for `prepare` (and for sending when no post is given). */
  appToken?: AppTokenGetter;
  /** Shared HTTP client; when absent the channel makes one on first send and `close()` closes it. */
  http?: HttpClient;
  httpOptions?: HttpClientOptions;
  kaleyraV2?: KaleyraV2Options;
}

export interface ClosableSendChannel extends SendChannel {
  /** Releases the channel's own kept-alive connections (not an injected client's). */
  close(): Promise<void>;
}

/**
 * Throws UserError when a credential the channel needs is not set in `deps.env`, or its base URL
 * is not one waform may use: making a channel is how its configuration is checked.
 */
export function createSendChannel(name: ChannelName, deps: SendChannelDeps): ClosableSendChannel {
  let own: HttpClient | undefined;
  const http = () => {
    if (deps.http) return deps.http;
    own ??= createHttpClient(deps.httpOptions);
    return own;
  };
  const close = async () => {
    await own?.close();
    own = undefined;
  };
  const channel = ((): SendChannel => {
    switch (name) {
      case "gupshup-partner":
        return createGupshupPartnerChannel({
          env: deps.env,
          http,
          ...(deps.post && { post: deps.post }),
          ...(deps.appToken && { appToken: deps.appToken }),
        });
      case "gupshup-v3":
        return createGupshupV3Channel({
          env: deps.env,
          http,
          ...(deps.postV3 && { post: deps.postV3 }),
          ...(deps.appToken && { appToken: deps.appToken }),
        });
      case "gupshup":
        return createGupshupApiChannel(deps.env, http);
      case "kaleyra-v1":
        return createKaleyraV1Channel(deps.env, http);
      case "kaleyra-v2":
        return createKaleyraV2Channel(deps.env, http, deps.kaleyraV2);
    }
  })();
  return {
    name: channel.name,
    ...(channel.paced && { paced: true }),
    prepare: channel.prepare,
    send: channel.send,
    close,
  };
}

export type { Env } from "./credentials.js";
export { MIN_ABSOLUTE_EPOCH_MS, resolveOfferExpiry } from "./expiry.js";
export type { AppTokenGetter, PartnerPost } from "./gupshup-partner.js";
export type { MetaPost } from "./gupshup-v3.js";
export { createHttpClient, type HttpClient, type HttpClientOptions, type HttpResponse } from "./http.js";
export { type PayloadInput, payloadInputOf } from "./input.js";
export type { KaleyraV2Options } from "./kaleyra-v2.js";
export type { PreparedRequest, SendChannel, SendResult, TestSendRequest } from "./port.js";
