// What a payload builder reads: the canonical template, its test block and where the message
// goes. Builders are pure functions of this value, so golden tests fix `now` and nothing else.

import type { AppConfig } from "../../model/app.js";
import { UserError } from "../../model/errors.js";
import { type TemplateContent, type TemplateKey, type TestSpec, templateKey } from "../../model/template.js";
import type { TestSendRequest } from "./port.js";

export interface PayloadInput {
  template: TemplateKey & TemplateContent;
  test: TestSpec;
  /** Provider id of the approved template (Gupshup UUID); only Gupshup-format sends need it. */
  remoteId?: string;
  app: AppConfig;
  /** One recipient, E.164 with `+`. */
  destination: string;
  /** The moment of sending: duration expiries are resolved against it. */
  now: number;
}

export function payloadInputOf(req: TestSendRequest): PayloadInput {
  const { template } = req;
  if (!template.test) {
    throw new UserError(
      `${templateKey(template)}: the template has no test block, so there is nothing to send`,
    );
  }
  return {
    template,
    test: template.test,
    remoteId: req.remote.id,
    app: req.app,
    destination: req.destination,
    now: req.now,
  };
}
