// The live acceptance suite, as Terraform's TF_ACC: it runs only with WAFORM_LIVE=1 and real
// credentials, against a throwaway app, and checks every choice the code marks unverified. It
// never runs in `npm test` (vitest.config.ts leaves test/live out) or CI. `npm run test:live`;
// the README says what it needs and what it touches. Pointed at a local `waform sandbox`
// (GUPSHUP_BASE_URL), it runs the same steps there, which is how its own code is exercised.
//
// What it does, in order: list (all pages, and probes of the page numbering); create
// `waform_live_<random>` (an LTO); wait for review; test-send it once through /v3/message to
// WAFORM_LIVE_DESTINATION; edit it; delete it; probe the app-token headers; mint, use and revoke a
// universal app token (with GUPSHUP_UNIVERSAL_TOKEN). Raw responses, secrets masked, and the
// findings go to test/fixtures/gupshup/recorded/<date>/ (a temporary directory for a loopback host).

import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppConfig } from "../../src/model/app.js";
import type { DesiredTemplate, RemoteTemplate } from "../../src/model/template.js";
import { createGupshupProvider, type GupshupProvider } from "../../src/providers/gupshup/index.js";
import { gupshupV3Message } from "../../src/providers/senders/gupshup-v3.js";
import { payloadInputOf } from "../../src/providers/senders/input.js";
import { Pacer, Recorder } from "./recorder.js";

const env = process.env;
const hasCredentials = Boolean(
  env["GUPSHUP_PARTNER_TOKEN"] || (env["GUPSHUP_EMAIL"] && env["GUPSHUP_SECRET"]),
);
const READY =
  env["WAFORM_LIVE"] === "1" &&
  hasCredentials &&
  Boolean(env["WAFORM_LIVE_APP_ID"] && env["WAFORM_LIVE_DESTINATION"]);
const BASE = (env["GUPSHUP_BASE_URL"] ?? "https://partner.gupshup.io").replace(/\/+$/, "");
const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(BASE);
const REVIEW_TIMEOUT_MS = Number(env["WAFORM_LIVE_REVIEW_TIMEOUT_MS"] ?? 30 * 60_000);
const POLL_MS = Number(env["WAFORM_LIVE_POLL_MS"] ?? (LOOPBACK ? 500 : 30_000));

const app: AppConfig = {
  alias: "live",
  appId: env["WAFORM_LIVE_APP_ID"] ?? "",
  appName: env["WAFORM_LIVE_APP_NAME"] ?? "live",
  source: env["WAFORM_LIVE_SOURCE"] ?? "+10000000000",
  prune: false,
};
const name = `waform_live_${randomBytes(4).toString("hex")}`;
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const dir =
  env["WAFORM_LIVE_RECORD_DIR"] ??
  (LOOPBACK
    ? join(tmpdir(), `waform-live-${stamp}`)
    : join(import.meta.dirname, "..", "fixtures", "gupshup", "recorded", stamp));

const declared: DesiredTemplate = {
  app: app.alias,
  name,
  language: "en",
  category: "MARKETING",
  kind: "lto",
  vertical: "waform live test",
  body: "Hi {{1}}, this is a waform acceptance test.",
  bodyExamples: ["Ana"],
  buttons: [
    { type: "copy_code", example: "LIVE10" },
    { type: "url", text: "Open", url: "https://example.com/waform?c={{1}}", example: "live10" },
  ],
  lto: { text: "Test offer", hasExpiration: true },
  allowCategoryChange: false,
  protect: false,
  source: { file: "(live)", line: 0, col: 0 },
  test: {
    destinations: [env["WAFORM_LIVE_DESTINATION"] ?? "+10000000000"],
    params: ["Ana"],
    couponCode: "LIVE10",
    urlSuffix: "live10",
    expiry: { kind: "duration", ms: 3_600_000 },
  },
};

describe.skipIf(!READY)("live acceptance (WAFORM_LIVE=1)", () => {
  const pacer = new Pacer(Number(env["WAFORM_LIVE_TEMPLATE_CALLS_PER_MINUTE"] ?? 8));
  const rec = new Recorder(BASE, dir, pacer);
  let provider: GupshupProvider;
  let appToken: string;
  let created: RemoteTemplate | undefined;

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /**
   * The app's legacy token, for the raw probes: GUPSHUP_APP_TOKEN_LIVE when given, else fetched
   * with the partner token (logging in first with GUPSHUP_EMAIL + GUPSHUP_SECRET when there is none).
   */
  async function rawAppToken(): Promise<string> {
    const given = env["GUPSHUP_APP_TOKEN_LIVE"]?.trim();
    if (given) return given;
    let partner = env["GUPSHUP_PARTNER_TOKEN"]?.trim();
    if (!partner) {
      const login = await rec.call("login", "POST", "/partner/account/login", {
        form: {
          email: env["GUPSHUP_EMAIL"] ?? "",
          secret: env["GUPSHUP_SECRET"] ?? "",
          password: env["GUPSHUP_SECRET"] ?? "",
        },
      });
      partner = (login.body as { token?: string }).token ?? "";
      rec.secret(partner);
    }
    const r = await rec.call("app-token", "GET", `/partner/app/${app.appId}/token`, {
      headers: { Authorization: partner },
    });
    const token = (r.body as { token?: { token?: string } }).token?.token;
    if (!token) throw new Error(`no app token: HTTP ${r.status}`);
    rec.secret(token);
    return token;
  }

  /** Provider calls on `/templates` take a slot of the same per-minute budget as the raw ones. */
  const paced = async <T>(call: () => Promise<T>): Promise<T> => {
    await pacer.slot();
    return call();
  };
  const find = async () =>
    (await paced(() => provider.listTemplates(app))).templates.find((t) => t.name === name);

  beforeAll(async () => {
    provider = createGupshupProvider({ env });
    appToken = await rawAppToken();
    for (const k of [
      "GUPSHUP_PARTNER_TOKEN",
      "GUPSHUP_SECRET",
      "GUPSHUP_UNIVERSAL_TOKEN",
      "WAFORM_LIVE_DESTINATION",
    ])
      rec.secret(env[k]);
    rec.secret(appToken);
    rec.secret(env["WAFORM_LIVE_DESTINATION"]?.replace(/^\+/, ""));
  });

  afterAll(async () => {
    // never leave the throwaway template behind, whatever failed
    const left = await find().catch(() => undefined);
    if (left) await provider.deleteTemplate(app, left).catch(() => undefined);
    await provider?.close();
    const where = rec.save();
    console.log(`live acceptance: recordings and findings in ${where}`);
  });

  it("lists every row, and finds out how pages are numbered", async () => {
    const all = await rec.call("list", "GET", `/partner/app/${app.appId}/templates`, {
      headers: { Authorization: appToken },
    });
    expect(all.status).toBe(200);
    const listing = await paced(() => provider.listTemplates(app));
    const rows = (all.body as { templates: unknown[] }).templates;
    expect(
      listing.templates.length + listing.unmanageable.length + listing.warnings.length,
    ).toBeGreaterThanOrEqual(rows.length);
    const page = async (n: number) =>
      (
        (
          await rec.call(
            `list-page-${n}`,
            "GET",
            `/partner/app/${app.appId}/templates?pageNo=${n}&pageSize=1`,
            {
              headers: { Authorization: appToken },
            },
          )
        ).body as { templates?: { id?: string }[] }
      ).templates?.[0]?.id;
    const [p0, p1] = [await page(0), await page(1)];
    rec.findings["pageNumbering"] =
      rows.length < 2
        ? "undecided (fewer than 2 rows)"
        : p0 && p1 && p0 !== p1
          ? "pageNo counts from 0"
          : "pageNo counts from 1 (page 0 = page 1)";
    rec.findings["unmanageableRows"] = listing.unmanageable.map((u) => ({
      key: `${u.name}/${u.language}`,
      ...u.unmanageable,
    }));
    rec.findings["skippedRows"] = listing.warnings.map((w) => w.message);
  });

  it("presents the legacy app token in Authorization and in token", async () => {
    const auth = await rec.call(
      "token-in-authorization",
      "GET",
      `/partner/app/${app.appId}/templates?elementName=${name}`,
      {
        headers: { Authorization: appToken },
      },
    );
    const token = await rec.call(
      "token-in-token-header",
      "GET",
      `/partner/app/${app.appId}/templates?elementName=${name}`,
      {
        headers: { token: appToken },
      },
    );
    rec.findings["appTokenHeader"] = { authorization: auth.status, token: token.status };
    expect(auth.status).toBe(200);
  });

  it(`creates ${name}, an LTO, with only documented fields`, async () => {
    created = await paced(() => provider.createTemplate(app, declared, declared));
    expect(created).toMatchObject({ name, status: "PENDING" });
    await rec.call("created-row", "GET", `/partner/app/${app.appId}/templates?elementName=${name}`, {
      headers: { Authorization: appToken },
    });
  });

  it("waits for Meta's review", { timeout: REVIEW_TIMEOUT_MS + 60_000 }, async () => {
    const deadline = Date.now() + REVIEW_TIMEOUT_MS;
    let row = await find();
    while (row?.status === "PENDING" && Date.now() < deadline) {
      await sleep(POLL_MS);
      row = await find();
    }
    rec.findings["reviewedStatus"] = row?.status;
    await rec.call("reviewed-row", "GET", `/partner/app/${app.appId}/templates?elementName=${name}`, {
      headers: { Authorization: appToken },
    });
    expect(["APPROVED", "REJECTED"]).toContain(row?.status);
    created = row;
  });

  it("test-sends it once through /v3/message: the coupon at index 0, the URL suffix at index 1", async () => {
    if (created?.status !== "APPROVED") {
      rec.findings["v3Message"] = `not sent: ${created?.status}`;
      return;
    }
    const message = gupshupV3Message(
      payloadInputOf({
        app,
        template: declared,
        remote: created,
        destination: declared.test!.destinations[0]!,
        now: Date.now(),
      }),
    );
    const r = await rec.call("v3-message", "POST", `/partner/app/${app.appId}/v3/message`, {
      headers: { Authorization: appToken },
      json: message,
    });
    rec.findings["v3Message"] = r.status;
    expect(r.status).toBeLessThan(300);
    expect((r.body as { messages?: { id?: string }[] }).messages?.[0]?.id).toBeTruthy();
  });

  it("edits it, and finds out what an edit does with the fields it omits", async () => {
    const row = await find();
    expect(row).toBeDefined();
    if (env["WAFORM_LIVE_PROBE_OMITTED"] === "1") {
      // one edit only (an APPROVED template gets one a day): content alone, buttons omitted
      const r = await rec.call("edit-content-only", "PUT", `/partner/app/${app.appId}/templates/${row!.id}`, {
        headers: { Authorization: appToken },
        form: {
          content: "Hi {{1}}, this is an edited waform test.",
          example: "Hi Ana, this is an edited waform test.",
        },
      });
      expect(r.status).toBe(200);
      const after = await find();
      rec.findings["editOmitted"] = after?.buttons.length ? "keep" : "clear";
    } else {
      await provider.updateTemplate(app, row!, {
        ...declared,
        body: "Hi {{1}}, this is an edited waform test.",
      });
      const after = await find();
      expect(after?.body).toBe("Hi {{1}}, this is an edited waform test.");
      expect(after?.buttons).toEqual(declared.buttons);
      rec.findings["editOmitted"] = "not probed (WAFORM_LIVE_PROBE_OMITTED=1 probes it)";
    }
    await rec.call("edited-row", "GET", `/partner/app/${app.appId}/templates?elementName=${name}`, {
      headers: { Authorization: appToken },
    });
  });

  it("deletes it", async () => {
    const row = await find();
    expect(row).toBeDefined();
    await provider.deleteTemplate(app, row!);
    const after = await find();
    rec.findings["statusAfterDelete"] = after?.status ?? "gone";
    expect(after === undefined || ["DELETED", "PENDING_DELETION"].includes(after.status)).toBe(true);
  });

  it.skipIf(!env["GUPSHUP_UNIVERSAL_TOKEN"])(
    "mints a universal app token, uses it, and revokes it",
    async () => {
      const ut = env["GUPSHUP_UNIVERSAL_TOKEN"]!;
      const minted = await rec.call("uat-mint", "POST", `/partner/app/${app.appId}/token`, {
        headers: { Authorization: `Bearer ${ut}` },
        form: { name: name.slice(0, 40), expiry: String(Date.now() + 2 * 3_600_000) },
      });
      expect(minted.status).toBe(200);
      const body = minted.body as {
        token?: string | { token?: string };
        appToken?: string;
        accessToken?: string;
      };
      const uat =
        typeof body.token === "string"
          ? body.token
          : (body.token?.token ?? body.appToken ?? body.accessToken);
      expect(uat).toBeTruthy();
      rec.secret(uat);
      const path = `/partner/app/${app.appId}/templates?elementName=${name}`;
      const bearer = await rec.call("uat-bearer", "GET", path, {
        headers: { Authorization: `Bearer ${uat}` },
      });
      const raw = await rec.call("uat-raw", "GET", path, { headers: { Authorization: uat! } });
      rec.findings["uatHeader"] = { bearer: bearer.status, raw: raw.status };
      expect([bearer.status, raw.status]).toContain(200);
      const revoked = await rec.call("uat-revoke", "POST", `/partner/app/${app.appId}/token/revoke`, {
        headers: { Authorization: `Bearer ${ut}` },
        form: { token: uat! },
      });
      rec.findings["revokePath"] = revoked.status;
      expect(revoked.status).toBe(200);
      const after = await rec.call("uat-after-revoke", "GET", path, {
        headers: { Authorization: `Bearer ${uat}` },
      });
      expect(after.status).toBe(401);
    },
  );
});

describe.runIf(!READY)("live acceptance", () => {
  it("is skipped: set WAFORM_LIVE=1, credentials, WAFORM_LIVE_APP_ID and WAFORM_LIVE_DESTINATION (README)", () => {
    expect(READY).toBe(false);
  });
});
