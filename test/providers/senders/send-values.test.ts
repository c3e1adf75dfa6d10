// The checks and defaults applied to a test block before any provider payload is built.

import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/model/errors.js";
import type { DesiredTemplate } from "../../../src/model/template.js";
import { payloadInputOf } from "../../../src/providers/senders/input.js";
import { collectSendValues } from "../../../src/providers/senders/send-values.js";
import { inputOf, requestOf, TEMPLATES, withTest } from "./fixtures.js";

const LTO = TEMPLATES["lto-expiry-image-url"];

function values(t: DesiredTemplate) {
  return collectSendValues(inputOf(t));
}

function refusal(t: DesiredTemplate): string {
  try {
    values(t);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(`shop/${t.name}/en_US: `);
    return (err as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("collectSendValues", () => {
  it("places the URL suffix at index 1 after a copy-code button and 0 without one", () => {
    expect(values(LTO).buttons).toEqual([
      { type: "copy_code", index: 0, couponCode: "CARIBE25" },
      { type: "url", index: 1, suffix: "n3mtql" },
    ]);
    expect(values(TEMPLATES["standard-url"]).buttons).toEqual([{ type: "url", index: 0, suffix: "B-42" }]);
  });

  it("uses the button's position as its index when other buttons come first (Meta's rule)", () => {
    const t: DesiredTemplate = {
      ...TEMPLATES["standard-url"],
      buttons: [{ type: "quick_reply", text: "Thanks" }, ...TEMPLATES["standard-url"].buttons],
    };
    expect(values(t).buttons).toEqual([{ type: "url", index: 1, suffix: "B-42" }]);
  });

  it("refuses a coupon code longer than 15 characters", () => {
    expect(refusal(withTest(LTO, { couponCode: "SIXTEEN_CHARS_XX" }))).toMatch(/longer than 15 characters/);
    expect(values(withTest(LTO, { couponCode: "FIFTEEN_CHARS_X" })).buttons[0]).toMatchObject({
      couponCode: "FIFTEEN_CHARS_X",
    });
  });

  it("falls back to the template's examples when the test block gives no values", () => {
    const bare = withTest(LTO, { params: [], couponCode: undefined, urlSuffix: undefined });
    const v = values(bare);
    expect(v.body.map((b) => b.value)).toEqual(["Ana", "SUMMER25"]);
    expect(v.buttons).toEqual([
      { type: "copy_code", index: 0, couponCode: "SUMMER25" },
      { type: "url", index: 1, suffix: "summer" },
    ]);
    expect(v.header).toEqual({ type: "image", link: "https://cdn.example.com/summer.jpg" });
  });

  it("refuses a test block whose values do not match the body variables", () => {
    expect(refusal(withTest(LTO, { params: ["only one"] }))).toMatch(
      /2 variable\(s\) but the test block gives 1/,
    );
    expect(refusal(withTest(LTO, { params: ["Pablo", " "] }))).toMatch(/test\.params\[1\] is empty/);
  });

  it("marks named body variables so Meta payloads carry parameter_name", () => {
    const t: DesiredTemplate = { ...LTO, body: "Hi {{first_name}}, code {{code}}", bodyExamples: ["A", "B"] };
    const v = values(t);
    expect(v.namedBody).toBe(true);
    expect(v.body).toEqual([
      { name: "first_name", value: "Pablo" },
      { name: "code", value: "CARIBE25" },
    ]);
  });

  it("orders positional variables by number", () => {
    const t: DesiredTemplate = { ...LTO, body: "{{2}} then {{1}}" };
    expect(values(t).body).toEqual([
      { name: "1", value: "Pablo" },
      { name: "2", value: "CARIBE25" },
    ]);
  });

  it("refuses media, header variables and products that are missing", () => {
    const noMedia: DesiredTemplate = {
      ...withTest(LTO, { headerMedia: undefined }),
      header: { type: "image" },
    };
    expect(refusal(noMedia)).toMatch(/image header needs media/);
    expect(refusal(withTest(TEMPLATES["multi-product"], { headerParam: undefined }))).toMatch(
      /set test\.headerParam/,
    );
    expect(refusal(withTest(TEMPLATES["single-product"], { product: undefined }))).toMatch(
      /needs test\.product/,
    );
    expect(refusal(withTest(LTO, { product: { catalogId: "1", productRetailerId: "2" } }))).toMatch(
      /only for single-product/,
    );
  });

  it("keeps product ids as strings", () => {
    const numeric = withTest(TEMPLATES["single-product"], {
      product: {
        catalogId: 194000000003835 as unknown as string,
        productRetailerId: 42 as unknown as string,
      },
    });
    expect(values(numeric).header).toEqual({
      type: "product",
      catalogId: "194000000003835",
      productRetailerId: "42",
    });
  });

  it("checks multi-product sections: count, titles, and a default thumbnail", () => {
    const mpm = TEMPLATES["multi-product"];
    expect(refusal(withTest(mpm, { sections: [] }))).toMatch(/1 to 10 sections/);
    expect(
      refusal(
        withTest(mpm, {
          sections: [
            { title: "", productRetailerIds: ["a"] },
            { title: "B", productRetailerIds: ["b"] },
          ],
        }),
      ),
    ).toMatch(/sections\[0\] needs a title/);
    const many = Array.from({ length: 31 }, (_, i) => `p${i}`);
    expect(refusal(withTest(mpm, { sections: [{ title: "All", productRetailerIds: many }] }))).toMatch(
      /at most 30/,
    );
    const single = withTest(mpm, {
      sections: [{ title: "", productRetailerIds: ["x", "y"] }],
      thumbnailProductRetailerId: undefined,
    });
    expect(values(single).buttons[0]).toMatchObject({
      thumbnailProductRetailerId: "x",
      sections: [{ productRetailerIds: ["x", "y"] }],
    });
  });

  it("refuses a URL that the suffix makes longer than 2000 characters", () => {
    expect(refusal(withTest(LTO, { urlSuffix: "x".repeat(2000) }))).toMatch(/over the limit of 2000/);
  });

  it("refuses a template without a test block", () => {
    const { test: _omit, ...noTest } = LTO;
    expect(() => payloadInputOf(requestOf(noTest as DesiredTemplate))).toThrow(/has no test block/);
  });
});
