import { describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, create, list, ltoForm, textForm } from "./api.js";

const fx = useSandbox({ rateLimits: false, approvalDelayMs: 60_000 });

describe("create", () => {
  it("answers with the template PENDING and containerMeta as a JSON string, like the published sample", async () => {
    const token = await appToken(fx.url);
    const r = await call(fx.url, "POST", `/partner/app/${APP}/templates`, {
      auth: token,
      form: ltoForm("summer_offer"),
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("success");
    const t = r.body.template;
    expect(t).toMatchObject({
      appId: APP,
      elementName: "summer_offer",
      languageCode: "en",
      category: "MARKETING",
      templateType: "TEXT",
      status: "PENDING",
      buttonSupported: "CC,URL",
      vertical: "offers",
      createdOn: fx.clock.now(),
    });
    expect(t.externalId).toBeUndefined();
    expect(typeof t.containerMeta).toBe("string");
    expect(JSON.parse(t.containerMeta)).toMatchObject({
      data: "Hi {{1}}, your summer deal is here.",
      sampleText: "Hi Pablo, your summer deal is here.",
      limitedTimeOffer: { text: "Offer ends soon", has_expiration: true },
      buttons: [
        { type: "COPY_CODE", example: "250FF" },
        { type: "URL", text: "Shop Now" },
      ],
    });
    expect(JSON.parse(t.meta)).toEqual({ example: "Hi Pablo, your summer deal is here." });
  });

  it("defaults languageCode to en_US", async () => {
    const token = await appToken(fx.url);
    const { languageCode: _omit, ...form } = textForm("no_lang");
    const r = await call(fx.url, "POST", `/partner/app/${APP}/templates`, { auth: token, form });
    expect(r.body.template.languageCode).toBe("en_US");
  });

  it.each(["elementName", "content", "category", "templateType", "vertical", "example"])(
    "requires %s",
    async (field) => {
      const token = await appToken(fx.url);
      const form = textForm("needs_fields");
      delete form[field];
      const r = await call(fx.url, "POST", `/partner/app/${APP}/templates`, { auth: token, form });
      expect([r.status, r.body]).toEqual([400, { status: "error", message: `${field} is required` }]);
    },
  );

  it.each([
    [
      { category: "PROMO" },
      "Invalid category provided, kindly use category from these option AUTHENTICATION, MARKETING, UTILITY.",
    ],
    [{ elementName: "Bad Name" }, "elementName may contain only lower-case letters, digits and underscores"],
    [{ elementName: "x".repeat(181) }, "elementName must be at most 180 characters"],
    [{ content: "x".repeat(1025) }, "content must be at most 1024 characters"],
    [{ templateType: "LTO" }, "Invalid templateType: LTO"],
    [{ buttons: "{" }, "buttons must be a JSON array string"],
    [
      { buttons: '[{"type":"URL","text":"Go","url":"https://x.io/{{1}}","example":"https://x.io/a"}]' },
      "buttons[0] (URL) example must be an array of strings",
    ],
    [
      { buttons: '[{"type":"QUICK_REPLY","text":"Yes"},{"type":"URL","text":"Go"}]' },
      "buttons[1] (URL) needs url as a non-empty string",
    ],
    [
      { buttons: '[{"type":"PHONE_NUMBER","text":"Call","phoneNumber":"+91"}]' },
      "buttons[0] (PHONE_NUMBER) needs phone_number as a non-empty string",
    ],
    [
      { buttons: '[{"type":"COPY_CODE","example":["250FF"]}]' },
      "buttons[0] (COPY_CODE) needs example as a non-empty string",
    ],
    [{ header: "Head {{1}}" }, "exampleHeader is required when the header has a variable"],
    [{ header: "{{1}} {{2}}", exampleHeader: "a b" }, "header may contain at most one variable"],
    [{ templateType: "IMAGE" }, "exampleMedia is required for IMAGE templates"],
    [{ templateType: "IMAGE", exampleMedia: "4::forged" }, "exampleMedia is not a valid media handle"],
    [{ templateType: "CATALOG" }, "CATALOG templates need exactly one CATALOG button"],
    [{ templateType: "PRODUCT", category: "UTILITY" }, "PRODUCT templates must be MARKETING"],
  ])("refuses %j", async (over, message) => {
    const token = await appToken(fx.url);
    const r = await call(fx.url, "POST", `/partner/app/${APP}/templates`, {
      auth: token,
      form: textForm("checked", over),
    });
    expect([r.status, r.body.message]).toEqual([400, message]);
  });

  it.each([
    [{ limitedOfferText: "" }, "limitedOfferText is required when isLTO is true"],
    [{ limitedOfferText: "x".repeat(17) }, "limitedOfferText must be at most 16 characters"],
    [{ hasExpiration: "" }, "hasExpiration is required when isLTO is true"],
    [{ buttons: "[]" }, "A COPY_CODE button is required when hasExpiration is true"],
    [{ templateType: "DOCUMENT" }, "Limited time offer templates must be of type TEXT, IMAGE or VIDEO"],
  ])("refuses the LTO %j", async (over, message) => {
    const token = await appToken(fx.url);
    const r = await call(fx.url, "POST", `/partner/app/${APP}/templates`, {
      auth: token,
      form: ltoForm("lto_checked", over),
    });
    expect([r.status, r.body.message]).toEqual([400, message]);
  });

  it("refuses a duplicate (elementName, languageCode) with the real message, even when REJECTED", async () => {
    const token = await appToken(fx.url);
    await create(fx.url, token, textForm("dup", { content: "REJECT_ME {{1}}", example: "REJECT_ME a" }));
    fx.clock.advance(60_000);
    expect((await list(fx.url, token)).body.templates[0].status).toBe("REJECTED");
    const again = await call(fx.url, "POST", `/partner/app/${APP}/templates`, {
      auth: token,
      form: textForm("dup"),
    });
    expect([again.status, again.body]).toEqual([
      400,
      {
        status: "error",
        message: "Template Already exists with same namespace and elementName and languageCode",
      },
    ]);
    await create(fx.url, token, textForm("dup", { languageCode: "es" }));
  });

  it("gives a PRODUCT template the multi-product button, unless it brings Meta's spm button", async () => {
    const token = await appToken(fx.url);
    await create(fx.url, token, textForm("mpm", { templateType: "PRODUCT", header: "Picks" }));
    await create(
      fx.url,
      token,
      textForm("spm", {
        templateType: "PRODUCT",
        buttons: '[{"type":"SPM","text":"View"}]',
      }),
    );
    const rows = (await list(fx.url, token)).body.templates;
    const [mpm, spm] = ["mpm", "spm"].map((n) =>
      rows.find((r: { elementName: string }) => r.elementName === n),
    );
    expect([mpm.buttonSupported, JSON.parse(mpm.containerMeta).buttons]).toEqual([
      "MPM",
      [{ type: "MPM", text: "View items" }],
    ]);
    expect(JSON.parse(spm.containerMeta).buttons).toEqual([{ type: "SPM", text: "View" }]);
  });
});

describe("list", () => {
  it("filters by elementName and status", async () => {
    const token = await appToken(fx.url);
    await create(fx.url, token, textForm("alpha"));
    await create(fx.url, token, textForm("alpha", { languageCode: "es" }));
    await create(fx.url, token, textForm("beta", { content: "REJECT_ME {{1}}", example: "REJECT_ME x" }));
    fx.clock.advance(60_000);
    const names = async (q: string) =>
      (await list(fx.url, token, q)).body.templates.map(
        (t: { elementName: string; languageCode: string }) => `${t.elementName}/${t.languageCode}`,
      );
    expect(await names("?elementName=alpha")).toEqual(["alpha/en", "alpha/es"]);
    expect(await names("?status=REJECTED")).toEqual(["beta/en"]);
    expect(await names("?status=approved")).toEqual(["alpha/en", "alpha/es"]);
  });

  it("pages with pageNo and pageSize (0-based by default, 1-based when configured); no paging params → all", async () => {
    const token = await appToken(fx.url);
    for (let i = 0; i < 5; i++) await create(fx.url, token, textForm(`t${i}`));
    const page = async (q: string) =>
      (await list(fx.url, token, q)).body.templates.map((t: { elementName: string }) => t.elementName);
    expect(await page("")).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    expect(await page("?pageNo=0&pageSize=2")).toEqual(["t0", "t1"]);
    expect(await page("?pageNo=2&pageSize=2")).toEqual(["t4"]);
    expect(await page("?pageNo=3&pageSize=2")).toEqual([]);
    fx.sandbox.configure({ pageBase: 1 });
    expect(await page("?pageNo=1&pageSize=2")).toEqual(["t0", "t1"]);
    expect(await page("?pageNo=0&pageSize=2")).toEqual(["t0", "t1"]);
    expect((await list(fx.url, token, "?pageSize=zero")).status).toBe(400);
  });

  it("keeps apps apart", async () => {
    const token = await appToken(fx.url);
    await create(fx.url, token, textForm("mine"));
    const other = await appToken(fx.url, "other-app");
    expect((await list(fx.url, other, "", "other-app")).body.templates).toEqual([]);
  });
});
