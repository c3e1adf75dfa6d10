// The Partner API's Meta-format send, `/v3/message`, end to end: the gupshup-v3 channel builds the
// message, the Gupshup provider posts it with the app token, the sandbox checks it with Meta's
// rules against the template it names.

import { describe, expect, it } from "vitest";
import type { DesiredTemplate } from "../../src/model/template.js";
import { gupshupV3Message } from "../../src/providers/senders/gupshup-v3.js";
import { createSendChannel } from "../../src/providers/senders/index.js";
import { payloadInputOf } from "../../src/providers/senders/input.js";
import { testApp, useSandbox } from "../helpers/sandbox.js";
import { key, ltoContent } from "../providers/gupshup/content.js";
import { appToken, call } from "./api.js";

const fx = useSandbox({ rateLimits: false, approvalDelayMs: 0 });
const app = testApp();
const DESTINATION = "+918888998545";

async function approvedLto(): Promise<{ declared: DesiredTemplate; id: string }> {
  const provider = fx.provider();
  const created = await provider.createTemplate(app, key("summer_offer"), ltoContent());
  const declared: DesiredTemplate = {
    ...key("summer_offer"),
    ...ltoContent(),
    protect: false,
    source: { file: "templates.yaml", line: 1, col: 1 },
    test: {
      destinations: [DESTINATION],
      params: ["Pablo"],
      couponCode: "SUMMER25",
      urlSuffix: "summer2023",
      expiry: { kind: "duration", ms: 86_400_000 },
    },
  };
  return { declared, id: created.id };
}

function messageOf(declared: DesiredTemplate, id: string) {
  return gupshupV3Message(
    payloadInputOf({
      app,
      template: declared,
      remote: { ...declared, id, status: "APPROVED" },
      destination: DESTINATION,
      now: fx.clock.now(),
    }),
  );
}

async function post(message: unknown) {
  const token = await appToken(fx.url, app.appId);
  return call(fx.url, "POST", `/partner/app/${app.appId}/v3/message`, { auth: token, json: message });
}

describe("/v3/message", () => {
  it("accepts an LTO with its coupon at index 0 and its URL suffix at index 1, sent by the gupshup-v3 channel", async () => {
    const { declared, id } = await approvedLto();
    const provider = fx.provider();
    const channel = createSendChannel("gupshup-v3", {
      env: fx.env(),
      postV3: (_appId, message, signal) => provider.sendMetaMessage(app, message, signal ? { signal } : {}),
    });
    const result = await channel.send({
      app,
      template: declared,
      remote: { ...declared, id, status: "APPROVED" },
      destination: DESTINATION,
      now: fx.clock.now(),
    });
    expect(result.messageId).toMatch(/^wamid\./);
    expect(fx.sandbox.sends()).toMatchObject([
      { channel: "gupshup-v3", templateId: id, templateName: "summer_offer", destination: "918888998545" },
    ]);
    await channel.close();
  });

  it("refuses, with Meta's error envelope, what Meta's rules refuse", async () => {
    const { declared, id } = await approvedLto();
    type Component = { type: string; sub_type?: string; index?: number; parameters: unknown[] };
    const cases: [string, (components: Component[]) => Component[], RegExp][] = [
      [
        "no coupon",
        (c) => c.filter((x) => x.sub_type !== "copy_code"),
        /copy_code button component with index 0 is required/,
      ],
      [
        "the URL suffix at index 0 after a copy code",
        (c) => c.map((x) => (x.sub_type === "url" ? { ...x, index: 0 } : x)),
        /index 0 is not a url button/,
      ],
      [
        "an expiry given as a duration",
        (c) =>
          c.map((x) =>
            x.type === "limited_time_offer"
              ? {
                  ...x,
                  parameters: [
                    { type: "limited_time_offer", limited_time_offer: { expiration_time_ms: 1_209_600_000 } },
                  ],
                }
              : x,
          ),
        /looks like a duration/,
      ],
    ];
    for (const [what, change, message] of cases) {
      const m = messageOf(declared, id) as { template: { components: Component[] } };
      m.template.components = change(m.template.components);
      const r = await post(m);
      expect(r.status, what).toBe(400);
      expect(r.body.error.message, what).toMatch(/^\(#132000\)/);
      expect(r.body.error.error_data.details, what).toMatch(message);
    }
    expect(fx.sandbox.sends()).toEqual([]);
  });

  it("refuses a template that is not approved, or not in this app", async () => {
    const { declared, id } = await approvedLto();
    fx.sandbox.setTemplateStatus(id, "PAUSED");
    const paused = await post(messageOf(declared, id));
    expect([paused.status, paused.body.error.code]).toEqual([404, 132001]);
    const other = await call(fx.url, "POST", `/partner/app/other-app/v3/message`, {
      auth: await appToken(fx.url, "other-app"),
      json: messageOf(declared, id),
    });
    expect(other.body.error.error_data.details).toMatch(/does not exist/);
  });
});
