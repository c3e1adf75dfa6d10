// createSendChannel: credentials come from the environment only, base URLs can be overridden, and
// the partner channel sends through the injected Gupshup client.

import { describe, expect, it } from "vitest";
import { InternalError, UserError } from "../../../src/model/errors.js";
import type { ChannelName } from "../../../src/model/template.js";
import { createSendChannel } from "../../../src/providers/senders/index.js";
import { APP, APP_TOKEN, DAY_MS, ENV, NOW, requestOf, TEMPLATES } from "./fixtures.js";

const LTO = TEMPLATES["lto-expiry-image-url"];

describe("credentials", () => {
  const needs: [ChannelName, string][] = [
    ["gupshup", "GUPSHUP_API_KEY"],
    ["kaleyra-v1", "KALEYRA_API_KEY"],
    ["kaleyra-v1", "KALEYRA_SID"],
    ["kaleyra-v2", "KALEYRA_API_KEY"],
    ["kaleyra-v2", "KALEYRA_SID"],
  ];

  it.each(needs)(
    "%s without %s is a UserError naming the variable and no other value",
    (channel, variable) => {
      const env = { ...ENV, [variable]: " " };
      let err: unknown;
      try {
        createSendChannel(channel, { env });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toBe(`${variable} is not set: the ${channel} channel needs it`);
      for (const value of Object.values(ENV)) expect((err as UserError).message).not.toContain(value);
    },
  );

  it("the partner channel needs no key of its own, and prepare shows a placeholder without a token getter", async () => {
    const prepared = await createSendChannel("gupshup-partner", { env: {} }).prepare(requestOf(LTO));
    expect(prepared.headers["Authorization"]).toBe("<app token>");
    expect(prepared.secretValues).toEqual([]);
  });

  it("gupshup-partner and gupshup-v3 present the app token as the provider does, in either auth mode", async () => {
    const uat = "uat-0f3c9b2a";
    const headers = async (
      name: "gupshup-partner" | "gupshup-v3",
      env: Record<string, string>,
      token: string,
    ) => {
      const prepared = await createSendChannel(name, { env, appToken: async () => token }).prepare(
        requestOf(LTO),
      );
      expect(prepared.secretValues).toEqual([token]);
      const { "Content-Type": _, ...credential } = prepared.headers;
      return credential;
    };
    const universal = { GUPSHUP_UNIVERSAL_TOKEN: "ut-1" };
    expect(await headers("gupshup-partner", {}, APP_TOKEN)).toEqual({
      Authorization: APP_TOKEN,
      token: APP_TOKEN,
    });
    expect(await headers("gupshup-v3", {}, APP_TOKEN)).toEqual({ Authorization: APP_TOKEN });
    expect(await headers("gupshup-partner", universal, uat)).toEqual({ Authorization: `Bearer ${uat}` });
    expect(await headers("gupshup-v3", universal, uat)).toEqual({ Authorization: `Bearer ${uat}` });
    // a legacy token given directly is sent raw even in universal mode
    expect(await headers("gupshup-partner", universal, APP_TOKEN)).toEqual({
      Authorization: APP_TOKEN,
      token: APP_TOKEN,
    });
  });

  it("the kaleyra-v2 WABA path needs KALEYRA_WABA_ID", async () => {
    const channel = createSendChannel("kaleyra-v2", { env: ENV, kaleyraV2: { path: "waba" } });
    await expect(channel.prepare(requestOf(LTO))).rejects.toThrow(/KALEYRA_WABA_ID is not set/);
  });
});

describe("base URLs", () => {
  it.each([
    ["gupshup-partner", "GUPSHUP_BASE_URL", "http://127.0.0.1:4010/partner/app/"],
    ["gupshup", "GUPSHUP_API_BASE_URL", "http://127.0.0.1:4010/wa/api/v1/template/msg"],
    ["kaleyra-v1", "KALEYRA_BASE_URL", "http://127.0.0.1:4010/v1/HXAP16XXXXXX97IN/messages"],
    [
      "kaleyra-v2",
      "KALEYRA_BASE_URL",
      "http://127.0.0.1:4010/v2/HXAP16XXXXXX97IN/whatsapp/+918929874278/messages",
    ],
  ] as const)("%s honours %s", async (channel, variable, expected) => {
    const prepared = await createSendChannel(channel, {
      env: { ...ENV, [variable]: "http://127.0.0.1:4010/" },
    }).prepare(requestOf(LTO));
    expect(prepared.url.startsWith(expected)).toBe(true);
  });

  // refused when the channel is made, so apply finds it before its first write
  it("refuses a base URL that is not http(s)", () => {
    expect(() => createSendChannel("gupshup", { env: { ...ENV, GUPSHUP_API_BASE_URL: "ftp://x" } })).toThrow(
      /GUPSHUP_API_BASE_URL must be an http\(s\) URL/,
    );
    expect(() => createSendChannel("gupshup-partner", { env: { GUPSHUP_BASE_URL: "not a url" } })).toThrow(
      /GUPSHUP_BASE_URL is not a valid URL/,
    );
  });

  it("refuses plain http except for this machine, so keys never travel unencrypted", async () => {
    const channel = (url: string) =>
      createSendChannel("kaleyra-v2", { env: { ...ENV, KALEYRA_BASE_URL: url } });
    expect(() => channel("http://api.in.kaleyra.io")).toThrow(/KALEYRA_BASE_URL uses plain http/);
    await expect(channel("http://localhost:4010").prepare(requestOf(LTO))).resolves.toMatchObject({
      method: "POST",
    });
  });
});

describe("gupshup-partner", () => {
  it("sends the form through the injected post, with the app id, and returns its message id", async () => {
    const calls: { appId: string; form: Record<string, string> }[] = [];
    const channel = createSendChannel("gupshup-partner", {
      env: {},
      post: async (appId, form) => {
        calls.push({ appId, form: Object.fromEntries(form) });
        return { messageId: "gs-msg-1" };
      },
    });
    await expect(channel.send(requestOf(LTO))).resolves.toEqual({ messageId: "gs-msg-1" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.appId).toBe(APP.appId);
    expect(calls[0]!.form).toMatchObject({
      source: "918929874278",
      destination: "918888998545",
      "src.name": "august18",
    });
    expect(JSON.parse(calls[0]!.form["template"]!)).toEqual({
      id: expect.any(String),
      params: ["Pablo", "CARIBE25", "CARIBE25", "n3mtql"],
      expiration: NOW + 14 * DAY_MS,
    });
  });

  it("prepare asks the token getter for the app and puts the raw token in both auth headers", async () => {
    const asked: string[] = [];
    const channel = createSendChannel("gupshup-partner", {
      env: {},
      appToken: async (appId) => {
        asked.push(appId);
        return APP_TOKEN;
      },
    });
    const prepared = await channel.prepare(requestOf(LTO));
    expect(asked).toEqual([APP.appId]);
    expect(prepared.headers).toMatchObject({ Authorization: APP_TOKEN, token: APP_TOKEN });
  });

  it("without post or token getter, send is a wiring error", async () => {
    await expect(
      createSendChannel("gupshup-partner", { env: {} }).send(requestOf(LTO)),
    ).rejects.toBeInstanceOf(InternalError);
  });
});
