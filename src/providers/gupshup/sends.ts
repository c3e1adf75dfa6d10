// The Partner API's own test sends, from the app's `send` budget: the Gupshup-format
// `/template/msg` and the Meta-format `/v3/message` (reference §6.1, §6.2).

import type { AppConfig } from "../../model/app.js";
import type { CallOptions, PartnerSender } from "../port.js";
import { type AppCall, appPath } from "./app-call.js";
import { parseMetaSendResult, parseSendResult } from "./mapping.js";

export function createSends(appCall: AppCall): PartnerSender {
  return {
    sendTemplate: (app: AppConfig, form: URLSearchParams, opts?: CallOptions) =>
      appCall(
        app,
        { method: "POST", path: appPath(app, "/template/msg"), form, group: "send" },
        parseSendResult,
        opts,
      ),
    sendMetaMessage: (app: AppConfig, message: unknown, opts?: CallOptions) =>
      appCall(
        app,
        // the page documents `Authorization` alone (reference §6.2), as send-preview shows it
        {
          method: "POST",
          path: appPath(app, "/v3/message"),
          json: message,
          group: "send",
          authorizationOnly: true,
        },
        parseMetaSendResult,
        opts,
      ),
  };
}
