import { afterEach, describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import { createGupshupProvider } from "../../../src/providers/gupshup/index.js";
import { testApp, useSandbox } from "../../helpers/sandbox.js";
import { catalogContent, key, ltoContent } from "./content.js";
import { startFake } from "./fake-server.js";

const fx = useSandbox({ rateLimits: false, approvalDelayMs: 1000 });
const app = testApp();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RemoteError);
  return err as RemoteError;
}

/** A provider whose app token is already cached, so faults hit the call under test only. */
async function warmProvider(opts = {}) {
  const provider = fx.provider(opts);
  await provider.listTemplates(app);
  return provider;
}

describe("failures against the sandbox, by kind", () => {
  it("transient on a 5xx: ambiguous for a create, not for a list", async () => {
    const provider = await warmProvider();
    fx.sandbox.setFaults({ errorRate: 1 });
    const create = await failure(provider.createTemplate(app, key("t"), catalogContent()));
    expect(create).toMatchObject({ kind: "transient", status: 500, ambiguous: true, retryable: true });
    expect(create.message).toMatch(/^Internal server error/);
    const list = await failure(provider.listTemplates(app));
    expect(list).toMatchObject({ kind: "transient", status: 500, ambiguous: false });
  });

  it("rate_limited on 429, with retryAfterMs only when the server sends Retry-After", async () => {
    const provider = await warmProvider();
    fx.sandbox.setFaults({ rateLimitRate: 1 });
    const injected = await failure(provider.listTemplates(app));
    expect(injected).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: undefined });
    expect(injected.message).toBe(`Too Many Requests (GET /partner/app/${app.appId}/templates)`);
    fx.sandbox.setFaults({});
    fx.sandbox.configure({
      rateLimits: { templates: { limit: 1, windowMs: 60_000 } },
      retryAfterHeader: true,
    });
    await provider.createTemplate(app, key("a"), catalogContent());
    const limited = await failure(provider.createTemplate(app, key("b"), catalogContent()));
    expect(limited).toMatchObject({ kind: "rate_limited", retryAfterMs: 60_000 });
    fx.sandbox.configure({ retryAfterHeader: "x-rate-limit" });
    const documented = await failure(provider.createTemplate(app, key("c"), catalogContent()));
    expect(documented).toMatchObject({ kind: "rate_limited", retryAfterMs: 60_000 });
  });

  it("transient and ambiguous when the connection is reset under a write", async () => {
    const provider = await warmProvider();
    fx.sandbox.setFaults({ resetRate: 1 });
    expect(await failure(provider.createTemplate(app, key("t"), catalogContent()))).toMatchObject({
      kind: "transient",
      ambiguous: true,
    });
    expect(await failure(provider.listTemplates(app))).toMatchObject({ kind: "transient", ambiguous: false });
  });

  it("transient and ambiguous on a lost response, while the create did happen", async () => {
    const provider = await warmProvider();
    fx.sandbox.setFaults({ lostResponseRate: 1, match: "^POST " });
    const err = await failure(provider.createTemplate(app, key("lost"), catalogContent()));
    expect(err).toMatchObject({ kind: "transient", ambiguous: true });
    fx.sandbox.setFaults({});
    expect((await provider.listTemplates(app)).templates.map((t) => t.name)).toEqual(["lost"]);
  });

  it("transient when the answer takes longer than the headers timeout", async () => {
    // the warm-up call answers in milliseconds, far inside a second even on a loaded machine; then
    // the answer is held far longer than any test runs, so the timeout comes first however slow
    // the machine (undici checks headers timeouts on a coarse, about 1 s, timer)
    const provider = await warmProvider({ timeouts: { headersMs: 1_000 } });
    fx.sandbox.setFaults({ latencyMs: 600_000 });
    const err = await failure(
      provider.deleteTemplate(app, { ...catalogContent(), ...key("x"), id: "1", status: "APPROVED" }),
    );
    expect(err).toMatchObject({ kind: "transient", ambiguous: true });
    expect(err.message).toContain("timed out waiting for the response");
  });

  it("transient, not ambiguous, when nothing listens", async () => {
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: "http://127.0.0.1:9", GUPSHUP_APP_TOKEN_SHOP: "sk_x" },
    });
    cleanup.push(() => provider.close());
    const err = await failure(provider.createTemplate(app, key("t"), catalogContent()));
    expect(err).toMatchObject({ kind: "transient", ambiguous: false });
  });

  it("conflict on a duplicate create", async () => {
    const provider = fx.provider();
    await provider.createTemplate(app, key("dup"), catalogContent());
    const err = await failure(provider.createTemplate(app, key("dup"), catalogContent()));
    expect(err).toMatchObject({ kind: "conflict", status: 400, retryable: false });
    expect(err.message).toContain(
      "Template Already exists with same namespace and elementName and languageCode",
    );
  });

  it("invalid with the provider's message verbatim", async () => {
    const provider = fx.provider();
    const err = await failure(
      provider.createTemplate(
        app,
        key("lto"),
        ltoContent({ lto: { text: "This offer text is too long", hasExpiration: true } }),
      ),
    );
    expect(err).toMatchObject({ kind: "invalid", status: 400 });
    expect(err.message).toBe(
      `limitedOfferText must be at most 16 characters (POST /partner/app/${app.appId}/templates)`,
    );
  });

  it("not_found when editing or deleting what is not there", async () => {
    const provider = fx.provider();
    const t = await provider.createTemplate(app, key("t"), catalogContent());
    await provider.deleteTemplate(app, t);
    expect(await failure(provider.updateTemplate(app, t, catalogContent()))).toMatchObject({
      kind: "not_found",
    });
    expect(await failure(provider.deleteTemplate(app, t))).toMatchObject({ kind: "not_found" });
    expect(await failure(provider.deleteTemplate(app, { ...t, name: "other" }))).toMatchObject({
      kind: "not_found",
    });
  });

  it("invalid when a send is refused", async () => {
    const provider = fx.provider();
    const t = await provider.createTemplate(app, key("t"), catalogContent());
    const form = new URLSearchParams({
      source: "91",
      destination: "918888998545",
      "src.name": "x",
      template: JSON.stringify({ id: t.id }),
    });
    expect(await failure(provider.sendTemplate(app, form))).toMatchObject({ kind: "invalid" });
  });

  it("rejects with the abort reason, not a RemoteError, when the caller aborts", async () => {
    const provider = await warmProvider();
    // the answer is held far longer than any test runs; the abort comes once the sandbox has the request
    fx.sandbox.setFaults({ latencyMs: 600_000 });
    const before = fx.sandbox.stats().total;
    const ctrl = new AbortController();
    const pending = provider.listTemplates(app, { signal: ctrl.signal });
    pending.catch(() => {});
    while (fx.sandbox.stats().total === before) await new Promise((r) => setTimeout(r, 5));
    ctrl.abort(new Error("cancelled by user"));
    await expect(pending).rejects.toThrow("cancelled by user");
  });
});

describe("malformed answers", () => {
  async function providerFor(body: string, opts: { status?: number; maxBodyBytes?: number } = {}) {
    const fake = await startFake(() => ({ status: opts.status ?? 200, body }));
    cleanup.push(fake.close);
    const provider = createGupshupProvider({
      env: { GUPSHUP_BASE_URL: fake.url, GUPSHUP_APP_TOKEN_SHOP: "sk_x" },
      ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}),
    });
    cleanup.push(() => provider.close());
    return provider;
  }

  it.each([
    ["not JSON", "<html>oops</html>", /the body is not JSON/],
    ["no templates array", '{"status":"success"}', /no templates array/],
  ])("a list answer with %s is an invalid RemoteError", async (_name, body, message) => {
    const err = await failure((await providerFor(body)).listTemplates(app));
    expect(err).toMatchObject({ kind: "invalid", ambiguous: false });
    expect(err.message).toMatch(message);
  });

  it("odd rows never fail the list: a nameless row is skipped with a warning, a legacy one is unmanageable", async () => {
    const body = JSON.stringify({
      status: "success",
      templates: [
        { elementName: "x", category: "UTILITY" },
        { id: "1", elementName: "old", category: "AUTO_REPLY", templateType: "TEXT", data: "Hi" },
        { id: "2", elementName: "ok", category: "UTILITY", containerMeta: '{"data":"Hi"}' },
      ],
    });
    const listing = await (await providerFor(body)).listTemplates(app);
    expect(listing.templates.map((t) => t.name)).toEqual(["ok"]);
    expect(listing.unmanageable).toMatchObject([
      { name: "old", unmanageable: { reason: "unknown_category" }, raw: { category: "AUTO_REPLY" } },
    ]);
    expect(listing.warnings).toMatchObject([
      {
        severity: "warning",
        code: "REMOTE-001",
        message: expect.stringMatching(/row 1 of the template list has no id/),
      },
    ]);
  });

  it("a garbled create answer is ambiguous: the create may have happened", async () => {
    const err = await failure(
      (await providerFor("{truncated")).createTemplate(app, key("t"), catalogContent()),
    );
    expect(err).toMatchObject({ kind: "invalid", ambiguous: true });
  });

  it("stops reading a huge body", async () => {
    const big = JSON.stringify({ status: "success", templates: [], pad: "x".repeat(200_000) });
    const err = await failure((await providerFor(big, { maxBodyBytes: 10_000 })).listTemplates(app));
    expect(err.message).toMatch(/larger than 10000 bytes/);
  });

  it("classifies a 2xx error envelope by its message", async () => {
    const err = await failure(
      (await providerFor('{"status":"error","message":"Invalid App Details"}')).listTemplates(app),
    );
    expect(err).toMatchObject({ kind: "invalid", status: 200 });
    expect(err.message).toContain("Invalid App Details");
  });

  it("a 5xx with an HTML body is transient", async () => {
    const err = await failure((await providerFor("<html>502</html>", { status: 502 })).listTemplates(app));
    expect(err).toMatchObject({ kind: "transient", status: 502 });
  });
});
