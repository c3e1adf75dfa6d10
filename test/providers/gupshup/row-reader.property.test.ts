// The tolerant reader never throws for a row, whatever the row holds: thousands of generated odd
// rows (fields missing, extra, of the wrong type; containerMeta as an object, a JSON string, broken
// JSON, JSON of the wrong shape; buttons of every kind and none) each end up in exactly one part
// of the listing.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ListingReader } from "../../../src/providers/gupshup/row-reader.js";

/** Any JSON value, small. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Plausible values of a field, mixed with anything at all. */
function field<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: plausible },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const statuses = fc.constantFrom(
  "APPROVED",
  "approved",
  " Pending ",
  "FAILED",
  "in_appeal",
  "SANDBOX_REQUESTED",
  "WHATEVER",
  "",
);
const categories = fc.constantFrom(
  "MARKETING",
  "utility",
  "AUTHENTICATION",
  "AUTO_REPLY",
  "TRANSACTIONAL",
  "OTP",
  "",
  " Marketing ",
);
const types = fc.constantFrom(
  "TEXT",
  "IMAGE",
  "VIDEO",
  "DOCUMENT",
  "LOCATION",
  "PRODUCT",
  "CATALOG",
  "CAROUSEL",
  "LTO",
  "text",
  "NEW_TYPE",
);
const buttonTypes = fc.constantFrom(
  "QUICK_REPLY",
  "URL",
  "PHONE_NUMBER",
  "COPY_CODE",
  "OTP",
  "MPM",
  "CATALOG",
  "SPM",
  "FLOW",
  "VOICE_CALL",
  "url",
);

const button = fc.record(
  {
    type: field(buttonTypes),
    text: field(fc.string()),
    url: field(fc.constantFrom("https://x.example/{{1}}", "https://x.example/a", "")),
    example: field(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }))),
    phone_number: field(fc.constantFrom("918016337728", "+919872329959", "0091 98723 29959", "call me")),
    otp_type: field(fc.constantFrom("COPY_CODE", "ONE_TAP", "ZERO_TAP")),
  },
  { requiredKeys: [] },
);

const meta = fc.record(
  {
    data: field(fc.string()),
    header: field(fc.string()),
    footer: field(fc.string()),
    sampleText: field(fc.string()),
    sampleHeader: field(fc.string()),
    sampleMedia: field(fc.string()),
    buttons: field(
      fc.array(fc.oneof({ weight: 5, arbitrary: button }, { weight: 1, arbitrary: anyJson }), {
        maxLength: 4,
      }),
    ),
    limitedTimeOffer: field(fc.record({ text: field(fc.string()), has_expiration: field(fc.boolean()) })),
    editTemplate: field(fc.boolean()),
    allowTemplateCategoryChange: field(fc.oneof(fc.boolean(), fc.constantFrom("true", "false", "yes"))),
    correctCategory: field(categories),
    headerType: field(fc.constantFrom("PRODUCT", "TEXT")),
  },
  { requiredKeys: [] },
);

const containerMeta = fc.oneof(
  meta.map((m) => JSON.stringify(m)),
  meta,
  fc.string(),
  meta.map((m) => JSON.stringify(m).slice(0, -3)),
  anyJson,
  fc.constant(undefined),
);

const row = fc.record(
  {
    id: field(fc.uuid()),
    elementName: field(fc.stringMatching(/^[a-z_]{1,12}$/)),
    languageCode: field(fc.constantFrom("en", "en_US", "pt_BR", "")),
    category: field(categories),
    templateType: field(types),
    status: field(statuses),
    reason: field(fc.string()),
    vertical: field(fc.string()),
    containerMeta,
    data: field(fc.string()),
    meta: field(fc.oneof(fc.string(), fc.constant('{"example":"Hi Bo"}'))),
    buttonSupported: field(fc.constantFrom("", "CC,URL", "QR", "MPM")),
    createdOn: field(fc.integer()),
    modifiedOn: field(fc.oneof(fc.integer(), fc.string())),
    oldCategory: field(categories),
    isLTO: field(fc.oneof(fc.boolean(), fc.constantFrom("true", "false"))),
    externalId: field(fc.string()),
  },
  { requiredKeys: [] },
);

/** Rows as a list may hold them: mostly objects, sometimes not. */
const listRow = fc.oneof({ weight: 20, arbitrary: row }, { weight: 1, arbitrary: anyJson });

describe("the tolerant reader, fed thousands of odd rows", () => {
  it("never throws, and puts every row in exactly one part of the listing", () => {
    fc.assert(
      fc.property(fc.array(listRow, { maxLength: 25 }), (rows) => {
        const reader = new ListingReader("shop", "GET /partner/app/x/templates");
        reader.add(rows.slice(0, 10));
        reader.add(rows.slice(10));
        const { templates, unmanageable, warnings } = reader.listing;
        expect(templates.length + unmanageable.length + warnings.length).toBe(rows.length);
        for (const t of [...templates, ...unmanageable]) {
          expect(t.name).not.toBe("");
          expect(t.id).not.toBe("");
          expect(t.status).toBe(t.status.toUpperCase());
        }
        // a managed template is honest: its category is one waform manages
        for (const t of templates) expect(["MARKETING", "UTILITY", "AUTHENTICATION"]).toContain(t.category);
        for (const w of warnings) expect(w.message).toMatch(/row \d+ of the template list/);
      }),
      { numRuns: 400 },
    );
  });

  it("skips exactly the rows without a name or an id, naming their positions", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const reader = new ListingReader("shop", "GET x");
        reader.add(rows);
        const named = (r: Record<string, unknown>) =>
          [r["id"], r["elementName"]].every(
            (v) => (typeof v === "string" || typeof v === "number") && String(v).trim() !== "",
          );
        const positions = rows.flatMap((r, i) => (named(r) ? [] : [i + 1]));
        expect(reader.listing.warnings.map((w) => Number(/row (\d+)/.exec(w.message)?.[1]))).toEqual(
          positions,
        );
      }),
      { numRuns: 300 },
    );
  });
});
