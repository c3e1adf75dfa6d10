import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buttonsFromWire,
  buttonsToWire,
  createForm,
  editForm,
  errorMessageOf,
  parseAppToken,
  parseCreatedTemplate,
  parseSendResult,
  parseTemplateList,
  parseUniversalAppToken,
  parseUploadHandle,
  templateFromWire,
  WireShapeError,
} from "../../../src/providers/gupshup/mapping.js";
import {
  catalogContent,
  imageContent,
  key,
  ltoContent,
  multiProductContent,
  singleProductContent,
  standardContent,
} from "./content.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/gupshup/${name}`, import.meta.url), "utf8"));

describe("published sample payloads", () => {
  it("maps the seed 003 LTO create response to the canonical template", () => {
    const remote = templateFromWire(parseCreatedTemplate(fixture("lto-create-response.json")), "shop");
    expect(remote).toMatchObject({
      app: "shop",
      name: "lto_newbv",
      language: "en",
      id: "b72c5f8d-5fdd-44a6-9207-56e0dbb34dda",
      status: "PENDING",
      category: "MARKETING",
      kind: "lto",
      vertical: "aaa",
      body: "Hi All Dear SpiderMan, Here are our products.",
      bodyExamples: [],
      lto: { text: "offer limited", hasExpiration: true },
      allowCategoryChange: false,
      createdOn: 1715610825823,
    });
    expect(remote.header).toBeUndefined();
    expect(remote.externalId).toBeUndefined();
    expect(remote.buttons).toEqual([
      { type: "copy_code", example: "250FF" },
      {
        type: "url",
        text: "Shop Now",
        url: "https://www.luckyshrub.com/shop?promo={{1}}",
        example: "summer2023",
      },
      {
        type: "url",
        text: "Website",
        url: "https://www.luckyshrub.com/shop?promo={{1}}",
        example: "summer2023",
      },
      // stored E.164 with "+", as the declaration stores it
      { type: "phone_number", text: "Call", phoneNumber: "+918016337728" },
      { type: "quick_reply", text: "Yes" },
      { type: "quick_reply", text: "No" },
      { type: "quick_reply", text: "Unsubscribe from Promos" },
      { type: "quick_reply", text: "Red" },
      { type: "quick_reply", text: "Blue" },
      { type: "quick_reply", text: "Green" },
    ]);
  });

  it("reads containerMeta given as an object exactly like the JSON-string form", () => {
    const fromString = templateFromWire(parseCreatedTemplate(fixture("lto-create-response.json")), "shop");
    const [row] = parseTemplateList(fixture("derived-containermeta-object.json"));
    expect(templateFromWire(row!, "shop")).toEqual(fromString);
  });

  it("maps every documented button shape, dropping kinds waform does not model (FLOW)", () => {
    expect(buttonsFromWire(fixture("buttons-sample.json"))).toEqual([
      { type: "quick_reply", text: "Yes" },
      { type: "phone_number", text: "Call Us", phoneNumber: "+919872329959" },
      // the generic page's full-URL example is stored as the variable's value
      { type: "url", text: "Book A Demo", url: "https://bookins.gupshup.io/{{1}}", example: "abc" },
      { type: "url", text: "Website", url: "https://example.com/about" },
      { type: "copy_code", example: "250FF" },
      { type: "otp", otpType: "COPY_CODE", text: "Copy OTP" },
      { type: "mpm", text: "View items" },
      { type: "catalog", text: "View catalog" },
    ]);
  });

  it("reads tokens, upload handles and send results from their published responses", () => {
    expect(parseAppToken(fixture("app-token-response.json"))).toBe("sk_0123456789abcdef0123456789abcdef");
    expect(parseUploadHandle(fixture("upload-response.json"))).toBe("4::aW1hZ2UvanBlZw==:ARaExampleHandle");
    expect(parseSendResult(fixture("send-response.json"))).toEqual({
      messageId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
    });
  });

  it("reads the message of every published error body", () => {
    expect(errorMessageOf(fixture("error-rate-limit.json"))).toBe("Too Many Requests");
    expect(errorMessageOf(fixture("error-duplicate.json"))).toBe(
      "Template Already exists with same namespace and elementName and languageCode",
    );
    expect(errorMessageOf(fixture("error-unauthorized.json"))).toBe("Authentication Failed");
    expect(errorMessageOf(fixture("error-meta-relayed.json"))).toBe("(#100) Invalid parameter");
  });

  it("builds the reference's LTO example request field for field", () => {
    const expected = readFileSync(
      new URL("../../fixtures/gupshup/lto-create-request.txt", import.meta.url),
      "utf8",
    )
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]);
    const form = createForm(key("summer_offer"), ltoContent());
    expect([...form.entries()].sort()).toEqual(expected.sort());
  });
});

describe("wire → canonical", () => {
  const row = (over: Record<string, unknown>, meta: Record<string, unknown> = {}) => ({
    id: "t1",
    elementName: "x",
    languageCode: "en_US",
    category: "UTILITY",
    templateType: "TEXT",
    status: "approved",
    containerMeta: JSON.stringify({ data: "Body", ...meta }),
    ...over,
  });

  it("upper-cases status and keeps reason, Meta id and previous category", () => {
    const t = templateFromWire(
      row({ status: "rejected", reason: "INVALID_FORMAT", externalId: "15081", oldCategory: "UTILITY" }),
      "a",
    );
    expect(t).toMatchObject({
      status: "REJECTED",
      reason: "INVALID_FORMAT",
      externalId: "15081",
      oldCategory: "UTILITY",
    });
  });

  it("dates an edit only when containerMeta says the template was edited (approval also moves modifiedOn)", () => {
    const approved = templateFromWire(
      row({ createdOn: 1_000, modifiedOn: 5_000 }, { editTemplate: false }),
      "a",
    );
    expect(approved.modifiedOn).toBe(5_000);
    expect(approved.editedOn).toBeUndefined();
    const edited = templateFromWire(
      row({ createdOn: 1_000, modifiedOn: 9_000 }, { editTemplate: true }),
      "a",
    );
    expect(edited.editedOn).toBe(9_000);
  });

  it("normalises text like the declaration (model/normalize.ts)", () => {
    const decomposed = "Cafe\u0301";
    const t = templateFromWire(
      row(
        { vertical: " offers " },
        {
          data: `\n${decomposed} {{1}}  \r\nbye\n\n`,
          header: "Head ",
          footer: "  \n",
          sampleText: `${decomposed} Ann  \r\nbye`,
          buttons: [
            { type: "QUICK_REPLY", text: " Yes " },
            { type: "PHONE_NUMBER", text: "Call", phone_number: "0091 98723 29959" },
          ],
        },
      ),
      "a",
    );
    expect(t.body).toBe("Caf\u00e9 {{1}}\nbye");
    expect(t.bodyExamples).toEqual(["Ann"]);
    expect(t.header).toEqual({ type: "text", text: "Head" });
    expect(t.footer).toBeUndefined();
    expect(t.vertical).toBe("offers");
    expect(t.buttons).toEqual([
      { type: "quick_reply", text: "Yes" },
      { type: "phone_number", text: "Call", phoneNumber: "+919872329959" },
    ]);
  });

  it("takes the text header example from sampleHeader (the header with its variable substituted)", () => {
    expect(templateFromWire(row({}, { header: "Order {{1}}", sampleHeader: "Order 7" }), "a").header).toEqual(
      {
        type: "text",
        text: "Order {{1}}",
        example: "Order 7",
      },
    );
  });

  it("falls back to meta.example for body examples and tolerates an unparsable containerMeta", () => {
    const t = templateFromWire(
      row({ containerMeta: "{not json", content: "Hi {{1}}", meta: '{"example":"Hi Bo"}' }),
      "a",
    );
    expect(t).toMatchObject({ body: "Hi {{1}}", bodyExamples: ["Bo"], buttons: [] });
  });

  it("derives kind and header from templateType, LTO markers and buttons", () => {
    const kindOf = (over: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
      templateFromWire(row(over, meta), "a");
    expect(kindOf({ templateType: "IMAGE" }, { mediaUrl: "https://x/y.png" }).header).toEqual({
      type: "image",
      example: "https://x/y.png",
    });
    expect(kindOf({ templateType: "VIDEO" }).header).toEqual({ type: "video" });
    expect(kindOf({ templateType: "LOCATION" }).header).toEqual({ type: "location" });
    expect(kindOf({ templateType: "PRODUCT" }, { buttons: [{ type: "MPM", text: "View items" }] }).kind).toBe(
      "multi_product",
    );
    const spm = kindOf({ templateType: "PRODUCT" }, { headerType: "PRODUCT" });
    expect([spm.kind, spm.header]).toEqual(["single_product", { type: "product" }]);
    expect(kindOf({ templateType: "CATALOG" }).kind).toBe("catalog");
    const lto = kindOf({
      templateType: "IMAGE",
      isLTO: "true",
      limitedOfferText: "Soon",
      hasExpiration: false,
    });
    expect([lto.kind, lto.lto]).toEqual(["lto", { text: "Soon", hasExpiration: false }]);
  });

  it("refuses rows it cannot identify or categorise", () => {
    expect(() => templateFromWire({ elementName: "x", category: "UTILITY" }, "a")).toThrow(WireShapeError);
    expect(() => templateFromWire(row({ category: "PROMOTIONAL" }), "a")).toThrow(/unknown category/);
  });

  it("refuses envelopes of the wrong shape", () => {
    expect(() => parseTemplateList({ status: "success" })).toThrow(WireShapeError);
    expect(() => parseTemplateList({ templates: [1] })).toThrow(WireShapeError);
    expect(() => parseCreatedTemplate([])).toThrow(WireShapeError);
    expect(() => parseAppToken({ token: {} })).toThrow(WireShapeError);
    expect(() => parseUploadHandle("x")).toThrow(WireShapeError);
    expect(() => parseSendResult({ status: "submitted" })).toThrow(WireShapeError);
  });

  it("accepts the plausible shapes of the unpublished UAT mint response", () => {
    expect(parseUniversalAppToken({ status: "success", token: "jwt", expiry: 5 })).toEqual({
      token: "jwt",
      expiresAt: 5,
    });
    expect(parseUniversalAppToken({ token: { token: "jwt", expiresOn: 0 } })).toEqual({ token: "jwt" });
    expect(parseUniversalAppToken({ accessToken: "jwt" })).toEqual({ token: "jwt" });
  });
});

describe("canonical → create and edit forms", () => {
  const fields = (form: URLSearchParams) => Object.fromEntries(form.entries());

  it("sends buttons as a JSON string and the URL example as the variable value", () => {
    const f = fields(createForm(key("s"), standardContent()));
    expect(JSON.parse(f["buttons"]!)).toEqual(buttonsToWire(standardContent().buttons));
    expect(f).toMatchObject({
      templateType: "TEXT",
      header: "Order {{1}}",
      exampleHeader: "Order 1234",
      example: "Hello Ana,\nyour order A-77 has shipped.",
      footer: "Reply STOP to opt out",
    });
    expect(f["isLTO"]).toBeUndefined();
  });

  it("always sends hasExpiration for an LTO, also when false", () => {
    const f = fields(createForm(key("s"), ltoContent({ lto: { text: "Soon", hasExpiration: false } })));
    expect(f).toMatchObject({ isLTO: "true", limitedOfferText: "Soon", hasExpiration: "false" });
  });

  it("sends the upload handle as exampleMedia and the declared URL as mediaUrl", () => {
    const f = fields(
      createForm(key("s"), imageContent(), { handle: "4::h", url: "https://cdn.example.com/summer.jpg" }),
    );
    expect(f).toMatchObject({
      templateType: "IMAGE",
      exampleMedia: "4::h",
      mediaUrl: "https://cdn.example.com/summer.jpg",
    });
    expect(f["header"]).toBeUndefined();
  });

  it("maps product kinds to PRODUCT and CATALOG, marking single-product templates", () => {
    expect(fields(createForm(key("s"), multiProductContent()))).toMatchObject({
      templateType: "PRODUCT",
      header: "Our picks",
    });
    expect(fields(createForm(key("s"), catalogContent()))["templateType"]).toBe("CATALOG");
    const spm = fields(createForm(key("s"), singleProductContent()));
    expect(spm).toMatchObject({ templateType: "PRODUCT", headerType: "PRODUCT" });
    expect(JSON.parse(spm["buttons"]!)).toEqual([{ type: "SPM", text: "View" }]);
  });

  it("edits send the full components but never the name, language or LTO fields", () => {
    const f = fields(editForm(ltoContent()));
    expect(Object.keys(f).sort()).toEqual([
      "buttons",
      "category",
      "content",
      "enableSample",
      "example",
      "templateType",
    ]);
    expect(fields(editForm(catalogContent()))["templateType"]).toBeUndefined();
  });

  it("round-trips every kind through the wire form", () => {
    for (const content of [
      ltoContent(),
      standardContent(),
      multiProductContent(),
      catalogContent(),
      singleProductContent(),
    ]) {
      const form = createForm(key("rt"), content);
      const meta: Record<string, unknown> = {
        data: form.get("content"),
        sampleText: form.get("example"),
        buttons: JSON.parse(form.get("buttons") ?? "[]"),
        allowTemplateCategoryChange: form.get("allowTemplateCategoryChange") === "true",
      };
      if (form.get("header")) meta["header"] = form.get("header");
      if (form.get("exampleHeader")) meta["sampleHeader"] = form.get("exampleHeader");
      if (form.get("footer")) meta["footer"] = form.get("footer");
      if (form.get("headerType")) meta["headerType"] = form.get("headerType");
      if (form.get("isLTO")) {
        meta["limitedTimeOffer"] = {
          text: form.get("limitedOfferText"),
          has_expiration: form.get("hasExpiration") === "true",
        };
      }
      const remote = templateFromWire(
        {
          id: "i",
          elementName: "rt",
          languageCode: "en",
          category: form.get("category"),
          templateType: form.get("templateType"),
          vertical: form.get("vertical"),
          status: "PENDING",
          containerMeta: JSON.stringify(meta),
        },
        "shop",
      );
      const { id: _id, status: _s, app: _a, name: _n, language: _l, ...back } = remote;
      expect(back).toEqual(content);
    }
  });
});
