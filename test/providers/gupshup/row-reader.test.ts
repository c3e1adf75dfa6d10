// The tolerant reader by example: the rows of field-evidence.md §3 and their neighbours.

import { describe, expect, it } from "vitest";
import {
  isUnmanageable,
  ListingReader,
  templateFromWire,
} from "../../../src/providers/gupshup/row-reader.js";

/** sendbee's recorded 2021 create answer (field-evidence.md §3). */
const SENDBEE_2021 = {
  category: "AUTO_REPLY",
  createdOn: 1625843483030,
  data: "Hi {{1}}, thanks for writing.",
  elementName: "legacy_reply",
  id: "c5a0e4a2-1111-4d3b-9f1e-0a0b0c0d0e0f",
  languageCode: "en",
  languagePolicy: "deterministic",
  master: true,
  meta: '{"example":"Hi Ana, thanks for writing."}',
  modifiedOn: 1625843483030,
  status: "PENDING",
  templateType: "TEXT",
  vertical: "Support",
};

const modern = (over: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => ({
  id: "t1",
  elementName: "x",
  languageCode: "en",
  category: "UTILITY",
  templateType: "TEXT",
  status: "APPROVED",
  vertical: "orders",
  containerMeta: JSON.stringify({ data: "Body {{1}}", sampleText: "Body a", ...meta }),
  ...over,
});

describe("rows waform cannot manage", () => {
  it("a 2021 row with a legacy category keeps its identity, status and raw values", () => {
    const t = templateFromWire(SENDBEE_2021, "shop");
    expect(t).toEqual({
      app: "shop",
      name: "legacy_reply",
      language: "en",
      id: SENDBEE_2021.id,
      status: "PENDING",
      createdOn: 1625843483030,
      modifiedOn: 1625843483030,
      unmanageable: {
        reason: "unknown_category",
        detail: 'category "AUTO_REPLY" is not one waform manages (MARKETING, UTILITY, AUTHENTICATION)',
      },
      raw: { category: "AUTO_REPLY", templateType: "TEXT" },
    });
  });

  it.each([
    ["a template type waform does not model", modern({ templateType: "CAROUSEL" }), "unknown_type"],
    ["a containerMeta that is not JSON", modern({ containerMeta: '{"data":"Hi' }), "damaged_metadata"],
    ["a containerMeta that is a list", modern({ containerMeta: "[]" }), "damaged_metadata"],
    ["buttons that are not a list", modern({}, { buttons: "QR" }), "damaged_metadata"],
    ["a header that is not text", modern({}, { header: { text: "x" } }), "damaged_metadata"],
    ["a FLOW button", modern({}, { buttons: [{ type: "FLOW", text: "Go" }] }), "unknown_button"],
    [
      "a zero-tap OTP button",
      modern({}, { buttons: [{ type: "OTP", otp_type: "ZERO_TAP" }] }),
      "unknown_button",
    ],
    [
      "no containerMeta but buttons",
      modern({ containerMeta: undefined, buttonSupported: "QR" }),
      "missing_metadata",
    ],
    [
      "a media row without containerMeta",
      modern({ containerMeta: undefined, templateType: "IMAGE" }),
      "missing_metadata",
    ],
    ["no category at all", modern({ category: undefined }), "unknown_category"],
  ])("%s is unmanageable", (_what, row, reason) => {
    const t = templateFromWire(row, "shop");
    expect(isUnmanageable(t) && t.unmanageable.reason).toBe(reason);
  });

  it("keeps unknown button types verbatim", () => {
    const t = templateFromWire(
      modern({}, { buttons: [{ type: "FLOW" }, { type: "QUICK_REPLY", text: "a" }] }),
      "shop",
    );
    expect(isUnmanageable(t) && t.raw.buttonTypes).toEqual(["FLOW"]);
  });
});

describe("rows waform reads although they are odd", () => {
  it("reads a row without containerMeta, buttonSupported, namespace or wabaId from data and meta", () => {
    const t = templateFromWire({ ...SENDBEE_2021, category: "MARKETING" }, "shop");
    expect(t).toMatchObject({
      category: "MARKETING",
      kind: "standard",
      body: "Hi {{1}}, thanks for writing.",
      bodyExamples: ["Ana"],
    });
  });

  it("reads statuses in any spelling, and keeps a spelling that needed more than upper-casing", () => {
    expect(templateFromWire(modern({ status: "approved" }), "a").status).toBe("APPROVED");
    expect(templateFromWire(modern({ status: "in appeal" }), "a").status).toBe("IN_APPEAL");
    expect(templateFromWire(modern({ status: "FAILED", reason: "boom" }), "a")).toMatchObject({
      status: "FAILED",
      reason: "boom",
    });
    expect(templateFromWire(modern({ status: undefined }), "a").status).toBe("UNKNOWN");
  });

  it("keeps a reclassification: oldCategory, and the category Meta will move it to", () => {
    const t = templateFromWire(
      modern({ category: "MARKETING", oldCategory: "TRANSACTIONAL" }, { correctCategory: "UTILITY" }),
      "a",
    );
    expect(t).toMatchObject({
      category: "MARKETING",
      oldCategory: "TRANSACTIONAL",
      correctCategory: "UTILITY",
    });
  });

  it("reads gupshup-mcp's templateType LTO as a TEXT limited-time offer", () => {
    const t = templateFromWire(
      modern(
        { category: "MARKETING", templateType: "LTO" },
        { limitedTimeOffer: { text: "Soon", has_expiration: false } },
      ),
      "a",
    );
    expect(t).toMatchObject({ kind: "lto", lto: { text: "Soon", hasExpiration: false } });
    expect("header" in t).toBe(false);
  });

  it("tolerates fields of the wrong type where they do not carry the template", () => {
    const t = templateFromWire(
      modern({ vertical: 42, createdOn: "soon", quality: { a: 1 }, extra: [1] }),
      "a",
    );
    expect(t).toMatchObject({ vertical: "42", body: "Body {{1}}" });
    expect("createdOn" in t).toBe(false);
  });
});

describe("ListingReader", () => {
  it("skips rows without a name or an id with a warning naming their position over all pages", () => {
    const reader = new ListingReader("shop", "GET /partner/app/x/templates");
    reader.add([modern(), null]);
    reader.add([{ elementName: "no_id" }, modern({ id: "t2", elementName: "" }), SENDBEE_2021]);
    expect(reader.listing.templates.map((t) => t.name)).toEqual(["x"]);
    expect(reader.listing.unmanageable.map((t) => t.name)).toEqual(["legacy_reply"]);
    expect(reader.listing.warnings.map((w) => w.message)).toEqual([
      "app shop: row 2 of the template list is not an object (null); it was skipped (GET /partner/app/x/templates)",
      'app shop: row 3 of the template list has no id (elementName "no_id"); it was skipped (GET /partner/app/x/templates)',
      'app shop: row 4 of the template list has no elementName (id "t2"); it was skipped (GET /partner/app/x/templates)',
    ]);
  });
});
