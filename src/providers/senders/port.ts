// The SendChannel port: how verify/ sends a test message, whatever the provider. Each channel
// (gupshup-partner, gupshup, kaleyra-v1, kaleyra-v2) builds its payload with a pure function and
// posts it with undici.

import type { AppConfig } from "../../model/app.js";
import type { ChannelName, DesiredTemplate, RemoteTemplate } from "../../model/template.js";

export interface TestSendRequest {
  app: AppConfig;
  /** The declared template, with its `test` block. */
  template: DesiredTemplate;
  /** The remote template (its provider id is needed by Gupshup-format sends). */
  remote: RemoteTemplate;
  /** One recipient, E.164 with `+`. */
  destination: string;
  /** The moment of sending: offer expiries given as durations are resolved against it. */
  now: number;
}

/** An HTTP request as the channel would send it: used for the real send and for `send-preview`. */
export interface PreparedRequest {
  method: "POST";
  url: string;
  /** Secret header values are present here; previews mask them. */
  headers: Record<string, string>;
  body:
    | { kind: "form"; fields: [string, string][] }
    | { kind: "multipart"; fields: [string, string][] }
    | { kind: "json"; value: unknown };
  /** Names of headers (and form fields) that carry secrets, to mask in previews. */
  secretHeaders: string[];
  /**
   * Secret values masked wherever they appear, the rest of their header kept: the scheme of
   * `Authorization: Bearer <token>` is part of the request a preview must show.
   */
  secretValues?: string[];
}

export interface SendResult {
  messageId: string;
}

export interface SendChannel {
  readonly name: ChannelName;
  /**
   * True when its sends go through the provider port, which spends them from the run's rate
   * budget: verify does not pace them a second time.
   */
  readonly paced?: boolean;
  /** Builds the exact request (pure given the inputs; may resolve credentials from its config). */
  prepare(req: TestSendRequest): Promise<PreparedRequest>;
  /** Sends it. Failures are RemoteError with a kind. */
  send(req: TestSendRequest, signal?: AbortSignal): Promise<SendResult>;
}
