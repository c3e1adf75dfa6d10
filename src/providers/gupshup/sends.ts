// The Partner API's own test sends, from the app's `send` budget. Another wire format (the
// Meta-format `/v3/message`) is one more function of the same shape here.

import type { AppConfig } from "../../model/app.js";
import type { CallOptions, PartnerSender } from "../port.js";
import { type AppCall, appPath } from "./app-call.js";
import { parseSendResult } from "./mapping.js";

export function createSends(appCall: AppCall): PartnerSender {
  return {
    sendTemplate: (app: AppConfig, form: URLSearchParams, opts?: CallOptions) =>
      appCall(
        app,
        { method: "POST", path: appPath(app, "/template/msg"), form, group: "send" },
        parseSendResult,
        opts,
      ),
  };
}
