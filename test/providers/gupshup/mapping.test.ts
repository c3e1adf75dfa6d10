import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RemoteTemplate } from "../../../src/model/template.js";
import {
  buttonsToWire,
  createForm,
  DOCUMENTED_CREATE_FIELDS,
  DOCUMENTED_EDIT_FIELDS,
  editForm,
  errorMessageOf,
  parseAppToken,
  parseCreatedTemplate,
  parseSendResult,
  parseTemplateList,
  parseUniversalAppToken,
  parseUploadHandle,
  readButtons,
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

/** A row that must read as a managed template. */
function managed(row: Record<string, unknown>, alias: string): RemoteTemplate {
  const t = templateFromWire(row, alias);
  if ("unmanageable" in t) throw new Error(`read as unmanageable: ${t.unmanageable.detail}`);
  return t;
}

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/gupshup/${name}`, import.meta.url), "utf8"));

describe("published sample payloads", () => {
  it("maps the seed 003 LTO create response to the canonical template", () => {
    const remote = managed(parseCreatedTemplate(fixture("lto-create-response.json")), "shop");
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
    const fromString = managed(parseCreatedTemplate(fixture("lto-create-response.json")), "shop");
    const [row] = parseTemplateList(fixture("derived-containermeta-object.json"));
    expect(managed(row as Record<string, unknown>, "shop")).toEqual(fromString);
  });

  it("maps every documented button shape, and names the kinds waform does not model (FLOW)", () => {
    const read = readButtons(fixture("buttons-sample.json"));
    expect(read.unknown).toEqual(["FLOW"]);
    expect(read.buttons).toEqual([
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
    const t = managed(
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
    const approved = managed(row({ createdOn: 1_000, modifiedOn: 5_000 }, { editTemplate: false }), "a");
    expect(approved.modifiedOn).toBe(5_000);
    expect(approved.editedOn).toBeUndefined();
    const edited = managed(row({ createdOn: 1_000, modifiedOn: 9_000 }, { editTemplate: true }), "a");
    expect(edited.editedOn).toBe(9_000);
  });

  it("normalises text like the declaration (model/normalize.ts)", () => {
    const decomposed = "Cafe\u0301";
    const t = managed(
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
    expect(managed(row({}, { header: "Order {{1}}", sampleHeader: "Order 7" }), "a").header).toEqual({
      type: "text",
      text: "Order {{1}}",
      example: "Order 7",
    });
  });

  it("reads a row without containerMeta from data and meta.example (2021 rows)", () => {
    const t = managed(row({ containerMeta: undefined, data: "Hi {{1}}", meta: '{"example":"Hi Bo"}' }), "a");
    expect(t).toMatchObject({ body: "Hi {{1}}", bodyExamples: ["Bo"], buttons: [] });
  });

  it("derives kind and header from templateType, LTO markers and buttons", () => {
    const kindOf = (over: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
      managed(row(over, meta), "a");
    // the sample URL is write-only: only the handle comes back
    expect(
      kindOf({ templateType: "IMAGE" }, { mediaUrl: "https://x/y.png", sampleMedia: "4::h" }).header,
    ).toEqual({ type: "image", handle: "4::h" });
    expect(kindOf({ templateType: "VIDEO" }).header).toEqual({ type: "video" });
    expect(kindOf({ templateType: "LOCATION" }).header).toEqual({ type: "location" });
    expect(kindOf({ templateType: "PRODUCT" }, { buttons: [{ type: "MPM", text: "View items" }] }).kind).toBe(
      "multi_product",
    );
    const spm = kindOf({ templateType: "PRODUCT" }, { buttons: [{ type: "SPM", text: "View" }] });
    expect([spm.kind, spm.header]).toEqual(["single_product", { type: "product" }]);
    // rows made by earlier waform versions carry an undocumented mark instead
    expect(kindOf({ templateType: "PRODUCT" }, { headerType: "PRODUCT" }).kind).toBe("single_product");
    expect(kindOf({ templateType: "CATALOG" }).kind).toBe("catalog");
    const lto = kindOf({
      templateType: "IMAGE",
      isLTO: "true",
      limitedOfferText: "Soon",
      hasExpiration: false,
    });
    expect([lto.kind, lto.lto]).toEqual(["lto", { text: "Soon", hasExpiration: false }]);
  });

  it("refuses only a row it cannot identify; one it cannot categorise is unmanageable", () => {
    expect(() => templateFromWire({ elementName: "x", category: "UTILITY" }, "a")).toThrow(WireShapeError);
    expect(templateFromWire(row({ category: "PROMOTIONAL" }), "a")).toMatchObject({
      unmanageable: { reason: "unknown_category" },
      raw: { category: "PROMOTIONAL" },
    });
  });

  it("refuses envelopes of the wrong shape, but leaves odd rows to the row reader", () => {
    expect(() => parseTemplateList({ status: "success" })).toThrow(WireShapeError);
    expect(parseTemplateList({ templates: [1] })).toEqual([1]);
    expect(() => parseCreatedTemplate([])).toThrow(WireShapeError);
    expect(() => parseAppToken({ token: {} })).toThrow(WireShapeError);
    expect(() => parseUploadHandle("x")).toThrow(WireShapeError);
    expect(() => parseSendResult({ status: "submitted" })).toThrow(WireShapeError);
  });

  it("accepts the plausible shapes of the unpublished UAT mint response", () => {
    expect(parseUniversalAppToken({ status: "success", token: "jwt", expiry: 1_765_000_000_000 })).toEqual({
      token: "jwt",
      expiresAt: 1_765_000_000_000,
    });
    // epoch seconds and ISO dates are read as the same instant
    expect(parseUniversalAppToken({ token: "jwt", expiry: 1_765_000_000 })).toEqual({
      token: "jwt",
      expiresAt: 1_765_000_000_000,
    });
    expect(parseUniversalAppToken({ token: "jwt", expiresAt: "2025-12-06T05:46:40.000Z" })).toEqual({
      token: "jwt",
      expiresAt: 1_765_000_000_000,
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

  it("sends the upload handle as exampleMedia, and no undocumented mediaUrl", () => {
    const f = fields(createForm(key("s"), imageContent(), { handle: "4::h" }));
    expect(f).toMatchObject({ templateType: "IMAGE", exampleMedia: "4::h" });
    expect(f["mediaUrl"]).toBeUndefined();
    expect(f["header"]).toBeUndefined();
  });

  it("maps product kinds to PRODUCT and CATALOG; a single-product template is PRODUCT with an spm button", () => {
    expect(fields(createForm(key("s"), multiProductContent()))).toMatchObject({
      templateType: "PRODUCT",
      header: "Our picks",
    });
    expect(fields(createForm(key("s"), catalogContent()))["templateType"]).toBe("CATALOG");
    const spm = fields(createForm(key("s"), singleProductContent()));
    expect(spm["templateType"]).toBe("PRODUCT");
    expect(spm["headerType"]).toBeUndefined();
    expect(JSON.parse(spm["buttons"]!)).toEqual([{ type: "SPM", text: "View" }]);
  });

  it("sends only fields the reference documents, for every kind", () => {
    const media = { handle: "4::h" };
    for (const content of [
      ltoContent(),
      standardContent(),
      imageContent(),
      multiProductContent(),
      catalogContent(),
      singleProductContent(),
    ]) {
      for (const name of createForm(key("s"), content, media).keys())
        expect(DOCUMENTED_CREATE_FIELDS).toContain(name);
      for (const name of editForm(content, media, standardContent()).keys())
        expect(DOCUMENTED_EDIT_FIELDS).toContain(name);
    }
  });

  it("an edit clears, explicitly, each part the remote has and the declaration does not", () => {
    const bare = standardContent({ header: undefined, footer: undefined, buttons: [] });
    const f = [...editForm(bare, undefined, standardContent()).entries()];
    expect(f).toContainEqual(["header", ""]);
    expect(f).toContainEqual(["exampleHeader", ""]);
    expect(f).toContainEqual(["footer", ""]);
    expect(f).toContainEqual(["buttons", "[]"]);
    // nothing to clear: nothing extra sent
    expect(Object.keys(fields(editForm(bare, undefined, bare))).sort()).toEqual([
      "category",
      "content",
      "enableSample",
      "example",
      "templateType",
    ]);
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
      if (form.get("isLTO")) {
        meta["limitedTimeOffer"] = {
          text: form.get("limitedOfferText"),
          has_expiration: form.get("hasExpiration") === "true",
        };
      }
      const remote = managed(
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
