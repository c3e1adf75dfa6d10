// End to end through the real sandbox server: templates are created with the Gupshup provider,
// approved, then test-sent over HTTP by every channel, the partner one through the provider's
// `sendTemplate`. The sandbox's own view of the templates must agree with the payloads.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import type { DesiredTemplate, RemoteTemplate } from "../../../src/model/template.js";
import { createGupshupProvider, type GupshupProvider } from "../../../src/providers/gupshup/index.js";
import { createSendChannel, type SendChannelDeps } from "../../../src/providers/senders/index.js";
import { INVALID_KEY } from "../../../src/sandbox/channels/magic.js";
import { type RunningSandbox, startSandbox } from "../../../src/sandbox/index.js";
import { APP, ENV, type FixtureName, requestOf, TEMPLATES } from "../../providers/senders/fixtures.js";

const FIXTURES: FixtureName[] = [
  "lto-expiry-image-url",
  "lto-no-expiry",
  "standard-url",
  "multi-product",
  "catalog",
];

let sandbox: RunningSandbox;
let provider: GupshupProvider;
const remotes = new Map<FixtureName, RemoteTemplate>();

beforeAll(async () => {
  sandbox = await startSandbox({});
  provider = createGupshupProvider({
    env: { GUPSHUP_BASE_URL: sandbox.url, GUPSHUP_EMAIL: "dev@example.com", GUPSHUP_SECRET: "sandbox" },
  });
  for (const name of FIXTURES) {
    const { test: _t, source: _s, protect: _p, ...content } = TEMPLATES[name];
    const remote = await provider.createTemplate(APP, TEMPLATES[name], content);
    sandbox.setTemplateStatus(remote.id, "APPROVED");
    remotes.set(name, { ...remote, status: "APPROVED" });
  }
});

afterAll(async () => {
  await provider?.close();
  await sandbox?.close();
});

function request(name: FixtureName, overrides: { destination?: string; template?: DesiredTemplate } = {}) {
  return requestOf(overrides.template ?? TEMPLATES[name], {
    remote: remotes.get(name)!,
    now: sandbox.clock.now(),
    ...(overrides.destination && { destination: overrides.destination }),
  });
}

function env(extra: Record<string, string> = {}): SendChannelDeps["env"] {
  return { ...ENV, GUPSHUP_API_BASE_URL: sandbox.url, KALEYRA_BASE_URL: sandbox.url, ...extra };
}

describe("every channel against the sandbox server", () => {
  const channels = [
    ["gupshup-partner", FIXTURES],
    ["gupshup", FIXTURES],
    ["kaleyra-v1", ["lto-expiry-image-url", "lto-no-expiry", "standard-url"]],
    ["kaleyra-v2", FIXTURES],
  ] as const;

  it.each(channels)("%s sends each template and the sandbox records the message", async (name, fixtures) => {
    const channel = createSendChannel(name, {
      env: env({ GUPSHUP_BASE_URL: sandbox.url }),
      post: (_appId, form, signal) => provider.sendTemplate(APP, form, signal ? { signal } : {}),
    });
    try {
      for (const fixture of fixtures) {
        const { messageId } = await channel.send(request(fixture));
        const recorded = sandbox.sends().find((s) => s.messageId === messageId);
        expect(recorded, `${name} ${fixture}`).toMatchObject({
          channel: name,
          templateName: TEMPLATES[fixture].name,
        });
      }
    } finally {
      await channel.close();
    }
  });
});

describe("documented errors through the server", () => {
  it("kaleyra-v2: E110 becomes an invalid RemoteError with the balance message", async () => {
    const channel = createSendChannel("kaleyra-v2", { env: env() });
    const err = await channel
      .send(request("lto-expiry-image-url", { destination: "+999110123456" }))
      .catch((e: unknown) => e);
    await channel.close();
    expect(err).toBeInstanceOf(RemoteError);
    expect(err).toMatchObject({ kind: "invalid", status: 400 });
    expect((err as Error).message).toMatch(/E110 Please check your balance/);
  });

  it("a rejected key is an auth error whose message never holds the key, even when the server echoes headers", async () => {
    sandbox.setFaults({ echoHeaders: true });
    try {
      for (const [name, variable] of [
        ["gupshup", "GUPSHUP_API_KEY"],
        ["kaleyra-v1", "KALEYRA_API_KEY"],
        ["kaleyra-v2", "KALEYRA_API_KEY"],
      ] as const) {
        const channel = createSendChannel(name, { env: env({ [variable]: INVALID_KEY }) });
        const err = await channel.send(request("lto-no-expiry")).catch((e: unknown) => e);
        await channel.close();
        expect(err, name).toMatchObject({ kind: "auth", status: 401 });
        expect((err as Error).message).not.toContain(INVALID_KEY);
      }
    } finally {
      sandbox.setFaults({});
    }
  });
});
