// Documented and field-evidenced answer variants (reference §1–§9, field-evidence.md §1), each
// served over real loopback HTTP to the real client: what waform must read, and how it must fail.

import { afterEach, describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import { createGupshupProvider } from "../../../src/providers/gupshup/index.js";
import { testApp } from "../../helpers/sandbox.js";
import { catalogContent, key } from "./content.js";
import { type Script, startFake } from "./fake-server.js";

const app = testApp();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function providerFor(script: Script, env: Record<string, string> = { GUPSHUP_APP_TOKEN_SHOP: "sk_x" }) {
  const fake = await startFake(script);
  cleanup.push(fake.close);
  const provider = createGupshupProvider({ env: { GUPSHUP_BASE_URL: fake.url, ...env } });
  cleanup.push(() => provider.close());
  return { provider, requests: fake.requests };
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RemoteError);
  return err as RemoteError;
}

const remote = { ...catalogContent(), ...key("t"), id: "b72c5f8d", status: "APPROVED" };

describe("429 answers", () => {
  it.each([
    ["Retry-After in seconds", { "retry-after": "7" }, 7_000],
    [
      "Retry-After as an HTTP date",
      { "retry-after": new Date(Date.now() + 3_600_000).toUTCString() },
      "about an hour",
    ],
    [
      "X-Rate-Limit-Retry-After-Seconds (paginated list page)",
      { "x-rate-limit-retry-after-seconds": "12" },
      12_000,
    ],
    ["no header", {}, undefined],
  ] as const)("%s", async (_name, headers, wait) => {
    const { provider } = await providerFor(() => ({
      status: 429,
      body: '{"status":"error","message":"Too Many Requests"}',
      headers: { ...headers },
    }));
    const err = await failure(provider.listTemplates(app));
    expect(err).toMatchObject({ kind: "rate_limited", status: 429 });
    expect(err.message).toMatch(/^Too Many Requests \(GET /);
    if (wait === "about an hour") {
      expect(err.retryAfterMs).toBeGreaterThan(3_500_000);
      expect(err.retryAfterMs).toBeLessThanOrEqual(3_600_000);
    } else expect(err.retryAfterMs).toBe(wait);
  });
});

describe("empty success answers", () => {
  it("an edit answered 200 with no body and a delete answered 204 are successes", async () => {
    const { provider, requests } = await providerFor((req) =>
      req.method === "DELETE" ? { status: 204, body: "" } : { status: 200, body: "" },
    );
    await provider.updateTemplate(app, remote, catalogContent());
    await provider.deleteTemplate(app, remote);
    expect(requests.map((r) => r.method)).toEqual(["PUT", "DELETE"]);
  });

  it("a list or a create answered with no body is malformed, the create ambiguous", async () => {
    const { provider } = await providerFor(() => ({ status: 200, body: "" }));
    expect(await failure(provider.listTemplates(app))).toMatchObject({ kind: "invalid", ambiguous: false });
    const create = await failure(provider.createTemplate(app, key("t"), catalogContent()));
    expect(create).toMatchObject({ kind: "invalid", ambiguous: true });
    expect(create.message).toMatch(/^malformed response from the Partner API: the body is empty \(POST /);
  });
});

describe("error answers keep the API's words", () => {
  const page = (title: string) =>
    `<!DOCTYPE html><html><head><title>${title}</title><style>body{}</style></head><body><h1>x</h1></body></html>`;
  it.each([
    ["envelope", 400, '{"status":"error","message":"Invalid App ID"}', "invalid", /^Invalid App ID \(GET /],
    ["message only", 401, '{"message":"Authentication Failed"}', "auth", /^Authentication Failed \(GET /],
    [
      "Meta relayed",
      400,
      '{"status":"error","error":{"code":100,"message":"(#100) Bad"}}',
      "invalid",
      /^\(#100\) Bad/,
    ],
    [
      "plain text",
      400,
      "Template Does not exists.",
      "not_found",
      /^HTTP 400: Template Does not exists\. \(GET /,
    ],
    ["a JSON string", 401, '"Unauthorized Access"', "auth", /^HTTP 401: Unauthorized Access \(GET /],
    ["a proxy's HTML page", 502, page("502 Bad Gateway"), "transient", /^HTTP 502: 502 Bad Gateway \(GET /],
    [
      "an HTML page without a title",
      403,
      "<html><body><p>Access\n denied</p></body></html>",
      "auth",
      /^HTTP 403: Access denied \(GET /,
    ],
    ["an empty body", 503, "", "transient", /^HTTP 503 \(GET /],
    ["a JSON object without a message", 400, '{"status":"error"}', "invalid", /^HTTP 400 \(GET /],
  ] as const)("%s", async (_name, status, body, kind, message) => {
    const { provider } = await providerFor(() => ({ status, body }));
    const err = await failure(provider.listTemplates(app));
    expect(err).toMatchObject({ kind, status });
    expect(err.message).toMatch(message);
  });

  it("a secret echoed in plain text across the point where the text is cut is masked whole", async () => {
    const token = "sk_0123456789abcdef0123";
    const { provider } = await providerFor(
      () => ({ status: 400, body: `${"x".repeat(190)} ${token} tail` }),
      {
        GUPSHUP_APP_TOKEN_SHOP: token,
      },
    );
    const err = await failure(provider.listTemplates(app));
    expect(err.message).not.toContain("sk_0123");
  });

  it("a secret the server echoes in plain text is masked", async () => {
    const { provider } = await providerFor(() => ({ status: 400, body: "bad token sk_x" }));
    const err = await failure(provider.listTemplates(app));
    expect(err.message).not.toContain("sk_x");
    expect(err.message).toMatch(/^HTTP 400: bad token \S+ \(GET /);
  });
});

describe("an error envelope under an unexpected status is classified by its documented message", () => {
  it.each([
    [200, "Too Many Requests", "rate_limited"],
    [400, "Too Many Requests", "rate_limited"],
    [200, "Authentication Failed", "auth"],
    [400, "Unauthorized Access", "auth"],
    [200, "Invalid Destination", "invalid"],
  ] as const)("HTTP %i %s → %s", async (status, message, kind) => {
    const { provider } = await providerFor(() => ({
      status,
      body: JSON.stringify({ status: "error", message }),
    }));
    const err = await failure(provider.createTemplate(app, key("t"), catalogContent()));
    expect(err).toMatchObject({ kind, status });
    expect(err.message).toBe(`${message} (POST /partner/app/${app.appId}/templates)`);
  });

  it("a success-looking body under a 4xx is still a failure", async () => {
    const { provider } = await providerFor(() => ({
      status: 400,
      body: '{"status":"success","templates":[]}',
    }));
    expect(await failure(provider.listTemplates(app))).toMatchObject({ kind: "invalid", status: 400 });
  });
});

describe("the UAT mint answer", () => {
  const inAnHour = Date.now() + 3_600_000;
  it.each([
    ["token as a string, expiry in epoch ms", { status: "success", token: "uat-1", expiry: inAnHour }],
    [
      "token nested, expiresOn in epoch seconds",
      { token: { token: "uat-1", expiresOn: Math.floor(inAnHour / 1000) } },
    ],
    [
      "expiresAt as an ISO date",
      { status: "success", appToken: "uat-1", expiresAt: new Date(inAnHour).toISOString() },
    ],
    [
      "expiry as a numeric string of seconds",
      { accessToken: "uat-1", expiry: String(Math.floor(inAnHour / 1000)) },
    ],
    ["an expiry already past", { token: "uat-1", expiry: 1_000 }],
    ["expiry null", { token: "uat-1", expiry: null, extra: { any: [1, 2] } }],
  ])("%s: one mint serves the run", async (_name, answer) => {
    const { provider, requests } = await providerFor(
      (req) =>
        req.method === "POST"
          ? { status: 200, body: JSON.stringify(answer) }
          : { status: 200, body: '{"status":"success","templates":[]}' },
      { GUPSHUP_UNIVERSAL_TOKEN: "ut-jwt" },
    );
    await provider.listTemplates(app);
    await provider.listTemplates(app);
    const mints = requests.filter((r) => r.method === "POST");
    expect(mints.map((r) => r.path)).toEqual([`/partner/app/${app.appId}/token`]);
    const lists = requests.filter((r) => r.method === "GET");
    expect(lists.length).toBeGreaterThanOrEqual(2);
    for (const list of lists) expect(list.headers["authorization"]).toBe("Bearer uat-1");
  });
});

describe("the create answer", () => {
  const row = { id: 42, elementName: "t", languageCode: "en_US", category: "MARKETING", status: "PENDING" };
  it.each([
    ["documented", { status: "success", template: row }],
    ["without status, extra fields", { template: { ...row, quality: null, new: { x: 1 } }, requestId: 9 }],
    ["the row as a JSON string", { status: "success", template: JSON.stringify(row) }],
    ["under templates, as the metalibrary create answers", { status: "success", templates: row }],
    ["under templates, a list of one row", { status: "success", templates: [row] }],
  ])("%s: the created template's id and status are read", async (_name, answer) => {
    const { provider } = await providerFor(() => ({ status: 200, body: JSON.stringify(answer) }));
    const created = await provider.createTemplate(app, key("t"), catalogContent());
    expect(created).toMatchObject({ id: "42", status: "PENDING", name: "t" });
  });

  it("a success without any row is malformed and ambiguous (the create may have happened)", async () => {
    const { provider } = await providerFor(() => ({
      status: 200,
      body: '{"status":"success","templates":[]}',
    }));
    const err = await failure(provider.createTemplate(app, key("t"), catalogContent()));
    expect(err).toMatchObject({ kind: "invalid", ambiguous: true });
    expect(err.message).toMatch(/no template object/);
  });
});

describe("the list answer", () => {
  it("reads rows with numbers as strings, ids as numbers, nulls and unknown fields; never fails for a row", async () => {
    const meta = { data: "Hi {{1}}", sampleText: "Hi Ann", footer: null, buttons: null, extra: [1] };
    const templates = [
      {
        id: 7,
        elementName: "a",
        languageCode: "en",
        category: "marketing",
        status: "approved",
        templateType: "TEXT",
        containerMeta: JSON.stringify(meta),
        modifiedOn: "1700000000000",
        createdOn: null,
        quality: null,
        vertical: null,
        brandNew: { x: 1 },
      },
      {
        id: "8",
        elementName: "b",
        languageCode: "en",
        category: "UTILITY",
        status: "SOMETHING_NEW",
        templateType: null,
        containerMeta: meta,
        reason: null,
      },
      { id: "9", elementName: "c", languageCode: "en", category: "UTILITY", status: null, containerMeta: 5 },
      "not a row",
    ];
    const { provider } = await providerFor(() => ({
      status: 200,
      body: JSON.stringify({ templates, total: "3" }),
    }));
    const listing = await provider.listTemplates(app);
    expect(listing.templates.map((t) => [t.id, t.name, t.category, t.status, t.modifiedOn])).toEqual([
      ["7", "a", "MARKETING", "APPROVED", 1_700_000_000_000],
      ["8", "b", "UTILITY", "SOMETHING_NEW", undefined],
    ]);
    expect(listing.unmanageable).toMatchObject([
      { id: "9", status: "UNKNOWN", unmanageable: { reason: "damaged_metadata" } },
    ]);
    expect(listing.warnings).toHaveLength(1);
  });
});

describe("redirects", () => {
  it("a 301 is not followed and names where it pointed and what to check", async () => {
    const { provider, requests } = await providerFor(() => ({
      status: 301,
      body: "<html><head><title>301 Moved Permanently</title></head></html>",
      headers: { location: "https://partner.example/partner/app/x/templates" },
    }));
    const err = await failure(provider.listTemplates(app));
    expect(err).toMatchObject({ kind: "invalid", status: 301 });
    expect(err.message).toBe(
      `HTTP 301: redirected to https://partner.example/partner/app/x/templates; waform does not follow redirects of API calls, check GUPSHUP_BASE_URL (GET /partner/app/${app.appId}/templates)`,
    );
    expect(requests).toHaveLength(1);
  });
});
