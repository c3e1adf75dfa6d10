// Builder ↔ simulator agreement: every payload the send channels build for the fixture templates
// is accepted by the matching sandbox simulator, and the documented success body it answers is
// read back as a message id by the channel's response parser.

import { describe, expect, it } from "vitest";
import type { ChannelName } from "../../../src/model/template.js";
import { createSendChannel, type KaleyraV2Options } from "../../../src/providers/senders/index.js";
import {
  interpretGupshupResponse,
  interpretKaleyraResponse,
} from "../../../src/providers/senders/responses.js";
import { ENV, type FixtureName, requestOf, TEMPLATES } from "../../providers/senders/fixtures.js";
import { fakeContext, send, viewOf } from "./helpers.js";

const ALL = Object.keys(TEMPLATES) as FixtureName[];
const CASES: {
  channel: Exclude<ChannelName, "gupshup-partner">;
  options?: KaleyraV2Options;
  fixtures: FixtureName[];
}[] = [
  { channel: "gupshup", fixtures: ALL.filter((n) => n !== "single-product") },
  {
    channel: "kaleyra-v1",
    fixtures: ["lto-expiry-image-url", "lto-no-expiry", "lto-expiry-video", "standard-url"],
  },
  { channel: "kaleyra-v2", fixtures: ALL },
  { channel: "kaleyra-v2", options: { body: "flat", path: "waba", languagePolicy: true }, fixtures: ALL },
];

describe.each(CASES)("$channel $options", ({ channel, options, fixtures }) => {
  it.each(fixtures)("the simulator accepts the %s payload", async (fixture) => {
    const template = TEMPLATES[fixture];
    const ctx = fakeContext([viewOf(template)]);
    const sender = createSendChannel(channel, {
      env: { ...ENV, KALEYRA_WABA_ID: "109000000000001" },
      ...(options && { kaleyraV2: options }),
    });
    const res = await send(await sender.prepare(requestOf(template)), ctx);

    expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
    const http = { status: res.status, headers: {}, text: JSON.stringify(res.body) };
    const interpret = channel === "gupshup" ? interpretGupshupResponse : interpretKaleyraResponse;
    const { messageId } = interpret(http, { channel, secrets: [] });
    expect(ctx.sends).toEqual([expect.objectContaining({ channel, messageId, templateName: template.name })]);
  });
});
