// Every diagnostic code has a passing and a failing case, each a real file through the real loader.
// A passing case is a whole valid template (no errors at all); a failing case must raise its code.

import { mkdirSync, truncateSync, writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ruleCatalog } from "../../src/config/catalog.js";
import { type LoadResult, loadDeclaration } from "../../src/config/load.js";
import { BASE, loadTemplates, loadText, NOW, SHOP, tempDir } from "./helpers.js";

type Run = () => Promise<LoadResult>;
interface Case {
  id: string;
  pass: Run;
  fail: Run | Run[];
}

// ---- valid templates of each kind, to be broken one field at a time ----------------------------

const text = (over: object = {}) => ({
  name: "spring_sale",
  body: "Hi {{1}}, our spring sale starts today in every store.",
  examples: { body: ["Pablo"] },
  ...over,
});
const lto = (over: object = {}) => ({
  name: "spring_lto",
  kind: "lto",
  body: "Hi {{1}}, enjoy {{2}} off everything this spring.",
  examples: { body: ["Pablo", "20%"] },
  limitedOfferText: "Spring deal",
  hasExpiration: true,
  buttons: [
    { type: "copy_code", example: "SPRING20" },
    { type: "url", text: "Shop now", url: "https://shop.example.com/s?p={{1}}", example: "spring" },
  ],
  ...over,
});
const spm = (over: object = {}) => ({
  name: "wishlist_item",
  kind: "single_product",
  body: "The item on your wishlist is back in stock, {{1}}.",
  examples: { body: ["Pablo"] },
  ...over,
});
const mpm = (over: object = {}) => ({
  name: "our_picks",
  kind: "multi_product",
  header: { type: "text", text: "Our picks" },
  body: "Here are our picks for you this week, {{1}}.",
  examples: { body: ["Pablo"] },
  ...over,
});
const catalog = (over: object = {}) => ({
  name: "full_catalog",
  kind: "catalog",
  body: "Browse everything we sell right here in the chat, {{1}}.",
  examples: { body: ["Pablo"] },
  ...over,
});
const auth = (over: object = {}) => ({
  name: "login_code",
  category: "AUTHENTICATION",
  body: "{{1}} is your verification code.",
  examples: { body: ["123456"] },
  buttons: [{ type: "otp", otpType: "COPY_CODE", text: "Copy code" }],
  ...over,
});
const qr = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: "quick_reply", text: `Option ${i + 1}` }));
const url = (over: object = {}) => ({
  type: "url",
  text: "Open",
  url: "https://shop.example.com/x",
  ...over,
});
const dest = { destinations: ["+919999900001"] };
/** A body of exactly `length` code points (emoji included, to count code points, not UTF-16 units). */
const sized = (length: number, prefix = "Hi {{1}}, 🎉 ", suffix = " end.") =>
  `${prefix}${"a".repeat(length - [...prefix].length - [...suffix].length)}${suffix}`;

const t =
  (...templates: object[]): Run =>
  () =>
    loadTemplates(templates);
const withFile =
  (extra: object, ...templates: object[]): Run =>
  () =>
    loadTemplates(templates, extra);
const yaml =
  (source: string): Run =>
  () =>
    loadText(source);

const dirs = tempDir();
afterAll(() => dirs.cleanup());
let dirCount = 0;

/** Several files in a fresh directory, loaded with `-f <dir>`. */
const files =
  (byName: Record<string, object>): Run =>
  () => {
    const dir = join(dirs.dir, `d${++dirCount}`);
    mkdirSync(dir);
    for (const [name, content] of Object.entries(byName)) writeFileSync(join(dir, name), stringify(content));
    return loadDeclaration([dir], { now: NOW, cwd: dirs.dir });
  };
const paths =
  (make: () => Promise<string[]>): Run =>
  async () =>
    loadDeclaration(await make(), { now: NOW, cwd: dirs.dir });

const VALID_FILE = stringify({ ...BASE, templates: [text()] });
/** Anchors, aliases and merge keys are fine in moderation. */
const ANCHORS_FILE = `version: 1
apps:
  shop: { appId: a41b30f4-d202-4fdb-911e-3a8fbfbfb797, appName: shopapp, source: "+918929874278" }
defaults: { language: en_US, category: MARKETING, vertical: promotions }
templates:
  - &base { name: spring_sale, body: "Hi {{1}}, our spring sale starts today.", examples: { body: [Pablo] } }
  - { <<: *base, name: summer_sale, body: "Hi {{1}}, our summer sale starts today." }
`;

// ---- the table ---------------------------------------------------------------------------------

const CASES: Case[] = [
  // names, language, category
  { id: "NAME-001", pass: t(text()), fail: [t(text({ name: "Spring Sale" })), t(text({ name: "" }))] },
  { id: "NAME-002", pass: t(text({ name: "a".repeat(180) })), fail: t(text({ name: "a".repeat(513) })) },
  { id: "NAME-003", pass: t(text({ name: "a".repeat(180) })), fail: t(text({ name: "a".repeat(181) })) },
  {
    id: "NAME-004",
    pass: t(text(), text({ language: "hi", body: "नमस्ते {{1}}, हमारी सेल आज शुरू है।" })),
    fail: t(text(), text({ body: "Hi {{1}}, the spring sale has started in every store." })),
  },
  {
    id: "DUP-001",
    pass: t(
      text(),
      text({ name: "summer_sale", body: "Hi {{1}}, our summer sale starts today in every store." }),
    ),
    fail: t(text(), text({ name: "spring_sale_copy" })),
  },
  {
    id: "LANG-001",
    pass: t(text()),
    fail: withFile({ defaults: { category: "MARKETING", vertical: "promotions" } }, text()),
  },
  {
    id: "CATG-001",
    pass: t(text({ category: "UTILITY" })),
    fail: [
      withFile({ defaults: { language: "en_US", vertical: "promotions" } }, text()),
      t(text({ category: "PROMO" })),
    ],
  },

  // header, body, footer
  {
    id: "HDR-002",
    pass: t(text({ header: { type: "text", text: "x".repeat(60) } })),
    fail: [
      t(text({ header: { type: "text", text: "x".repeat(61) } })),
      t(text({ header: { type: "text", text: "" } })),
    ],
  },
  {
    id: "HDR-003",
    pass: t(
      text({ header: { type: "text", text: "Hi {{1}}" }, examples: { body: ["Pablo"], header: "Pablo" } }),
    ),
    fail: [
      t(
        text({
          header: { type: "text", text: "{{1}} and {{2}}" },
          examples: { body: ["Pablo"], header: "x" },
        }),
      ),
      t(text({ header: { type: "text", text: "Hi {{1}}" } })),
      t(text({ header: { type: "text", text: "Hi {{2}}" }, examples: { body: ["Pablo"], header: "x" } })),
      t(text({ header: { type: "text", text: "Hello" }, examples: { body: ["Pablo"], header: "x" } })),
      t(text({ examples: { body: ["Pablo"], header: "x" } })),
    ],
  },
  {
    id: "HDR-004",
    pass: t(text({ header: { type: "text", text: "Spring sale" } })),
    fail: [
      t(text({ header: { type: "text", text: "*Spring* sale" } })),
      t(text({ header: { type: "text", text: "Sale 🎉" } })),
    ],
  },
  {
    id: "HDR-005",
    pass: t(text({ header: { type: "image", example: "https://cdn.example.com/a.png" } })),
    fail: [
      t(text({ header: { type: "image" } })),
      t(text({ header: { type: "document", example: "a.pdf" } })),
    ],
  },
  {
    id: "HDR-006",
    pass: t(text({ category: "UTILITY", header: { type: "location" } })),
    fail: t(auth({ header: { type: "location" } })),
  },
  {
    id: "HDR-007",
    pass: t(text({ header: { type: "text", text: "Spring sale" } })),
    fail: t(auth({ header: { type: "text", text: "Your code" } })),
  },
  {
    id: "BODY-001",
    pass: t(text()),
    fail: [t(text({ body: "  \n " })), t({ name: "no_body", examples: { body: ["x"] } })],
  },
  { id: "BODY-002", pass: t(text({ body: sized(1024) })), fail: t(text({ body: sized(1025) })) },
  {
    id: "FTR-001",
    pass: t(text({ footer: "f".repeat(60) })),
    fail: t(text({ footer: "f".repeat(61) })),
  },
  {
    id: "FTR-002",
    pass: t(text({ footer: "Reply STOP to opt out" })),
    fail: t(text({ footer: "Sent to {{1}}" })),
  },

  // variables
  {
    id: "VAR-001",
    pass: t(text({ body: "Hi {{1}}, your {{2}} is ready.", examples: { body: ["a", "b"] } })),
    fail: [
      t(text({ body: "Hi {{1}}, your {{3}} is ready.", examples: { body: ["a", "b", "c"] } })),
      t(text({ body: "Hi {{0}}, your order is ready.", examples: { body: [] } })),
    ],
  },
  {
    id: "VAR-002",
    pass: t(text()),
    fail: [
      t(text({ examples: { body: [] } })),
      t(text({ examples: { body: ["a", "b"] } })),
      t(text({ examples: { body: [""] } })),
    ],
  },
  {
    id: "VAR-003",
    pass: t(text()),
    fail: [
      t(text({ body: "{{1}}, our spring sale starts today." })),
      t(text({ body: "Our spring sale starts today for {{1}}" })),
    ],
  },
  {
    id: "VAR-004",
    pass: t(text()),
    fail: [
      t(text({ body: "Hi {{ 1 }}, our spring sale starts today.", examples: { body: [] } })),
      t(text({ body: "Hi {{$1}}, our spring sale starts today.", examples: { body: [] } })),
      t(text({ body: "Hi {{1}, our spring sale starts today.", examples: { body: [] } })),
      t(text({ body: "Hi }} our spring sale starts today.", examples: { body: [] } })),
    ],
  },
  {
    id: "VAR-005",
    pass: t(text()),
    fail: t(text({ body: "Hi {{first_name}}, our spring sale starts today.", examples: { body: [] } })),
  },
  {
    id: "VAR-006",
    pass: t(text({ body: "Hi {{1}}, your {{2}} ships {{3}}.", examples: { body: ["a", "b", "c"] } })),
    fail: t(text({ body: "Hi {{1}} {{2}} {{3}}.", examples: { body: ["a", "b", "c"] } })),
  },

  // buttons
  {
    id: "BTN-001",
    pass: t(text({ buttons: [...qr(9), url()] })),
    fail: t(text({ buttons: [...qr(10), url()] })),
  },
  { id: "BTN-002", pass: t(text({ buttons: qr(10) })), fail: t(text({ buttons: qr(11) })) },
  {
    id: "BTN-003",
    pass: t(text({ buttons: [url(), url({ text: "Two" })] })),
    fail: t(text({ buttons: [url(), url({ text: "Two" }), url({ text: "Three" })] })),
  },
  {
    id: "BTN-004",
    pass: t(text({ buttons: [{ type: "phone_number", text: "Call", phoneNumber: "+919845012345" }] })),
    fail: t(
      text({
        buttons: [
          { type: "phone_number", text: "Call", phoneNumber: "+919845012345" },
          { type: "phone_number", text: "Call 2", phoneNumber: "+919845012346" },
        ],
      }),
    ),
  },
  {
    id: "BTN-005",
    pass: t(text({ buttons: [{ type: "copy_code", example: "SPRING" }] })),
    fail: t(
      text({
        buttons: [
          { type: "copy_code", example: "A1" },
          { type: "copy_code", example: "B2" },
        ],
      }),
    ),
  },
  {
    id: "BTN-006",
    pass: t(text({ buttons: [...qr(2), url()] })),
    fail: t(text({ buttons: [...qr(1), url(), { type: "quick_reply", text: "Later" }] })),
  },
  {
    id: "BTN-007",
    pass: t(text({ buttons: [{ type: "quick_reply", text: "x".repeat(25) }] })),
    fail: [
      t(text({ buttons: [{ type: "quick_reply", text: "x".repeat(26) }] })),
      t(text({ buttons: [url({ text: "" })] })),
    ],
  },
  {
    id: "BTN-008",
    pass: t(text({ buttons: [{ type: "phone_number", text: "Call", phoneNumber: "+91 98450 12345" }] })),
    fail: t(text({ buttons: [{ type: "phone_number", text: "Call", phoneNumber: "12345" }] })),
  },
  {
    id: "BTN-009",
    pass: t(text({ buttons: [url({ url: "https://shop.example.com/{{1}}", example: "x" })] })),
    fail: [
      t(text({ buttons: [url({ url: "shop.example.com" })] })),
      t(text({ buttons: [url({ url: "https://shop.example.com/{{1}}/x", example: "x" })] })),
      t(text({ buttons: [url({ url: "https://shop.example.com/{{1}}" })] })),
      t(text({ buttons: [url({ url: "https://shop.example.com/", example: "x" })] })),
      t(text({ buttons: [url({ url: `https://shop.example.com/${"x".repeat(2000)}` })] })),
      t(text({ buttons: [url({ url: "https://shop.example.com/{{2}}", example: "x" })] })),
    ],
  },
  {
    id: "BTN-010",
    pass: t(text({ buttons: [url({ url: "https://shop.example.com/{{1}}", example: "spring" })] })),
    fail: [
      t(
        text({
          buttons: [
            url({ url: "https://shop.example.com/{{1}}", example: "https://shop.example.com/spring" }),
          ],
        }),
      ),
      t(
        text({
          buttons: [url({ url: "https://shop.example.com/{{1}}", example: "https://other.example.com/x" })],
        }),
      ),
    ],
  },
  {
    id: "BTN-011",
    pass: t(text({ buttons: [{ type: "copy_code", example: "C".repeat(20) }] })),
    fail: [
      t(text({ buttons: [{ type: "copy_code", example: "C".repeat(21) }] })),
      t(text({ buttons: [{ type: "copy_code", example: "" }] })),
    ],
  },
  {
    id: "BTN-012",
    pass: t(auth()),
    fail: t(
      auth({
        buttons: [
          { type: "otp", otpType: "COPY_CODE", text: "Copy" },
          { type: "quick_reply", text: "No" },
        ],
      }),
    ),
  },
  {
    id: "BTN-013",
    pass: t(text({ buttons: [{ type: "copy_code", example: "SPRING" }] })),
    fail: t(text({ category: "UTILITY", buttons: [{ type: "copy_code", example: "SPRING" }] })),
  },
  {
    id: "BTN-014",
    pass: t(auth()),
    fail: [
      t(text({ buttons: [{ type: "otp", otpType: "ONE_TAP", text: "Autofill" }] })),
      t(auth({ buttons: [] })),
    ],
  },
  {
    id: "BTN-015",
    pass: t(catalog()),
    fail: [
      t(
        catalog({
          buttons: [
            { type: "catalog", text: "View catalog" },
            { type: "catalog", text: "Again" },
          ],
        }),
      ),
      t(mpm({ buttons: [] })),
    ],
  },

  // limited-time offers
  { id: "LTO-001", pass: t(lto()), fail: t(lto({ category: "UTILITY" })) },
  { id: "LTO-002", pass: t(lto()), fail: t(lto({ footer: "Terms apply" })) },
  {
    id: "LTO-003",
    pass: t(lto({ header: { type: "video", example: "https://cdn.example.com/v.mp4" } })),
    fail: [
      t(lto({ header: { type: "text", text: "Sale" } })),
      t(lto({ header: { type: "document", example: "https://x.example/d.pdf" } })),
    ],
  },
  {
    id: "LTO-004",
    pass: t(lto({ limitedOfferText: "x".repeat(16) })),
    fail: [t(lto({ limitedOfferText: "x".repeat(17) })), t(lto({ limitedOfferText: undefined }))],
  },
  { id: "LTO-005", pass: t(lto({ hasExpiration: false })), fail: t(lto({ hasExpiration: undefined })) },
  { id: "LTO-006", pass: t(lto()), fail: t(lto({ buttons: [url()] })) },
  {
    id: "LTO-007",
    pass: t(lto({ body: sized(600, "Hi {{1}}, ", " {{2}} off.") })),
    fail: t(lto({ body: sized(601, "Hi {{1}}, ", " {{2}} off.") })),
  },
  {
    id: "LTO-008",
    pass: t(lto()),
    fail: [
      t(lto({ hasExpiration: false, buttons: [] })),
      t(lto({ buttons: [{ type: "copy_code", example: "X1" }, url(), url({ text: "Two" })] })),
      t(
        lto({
          buttons: [{ type: "copy_code", example: "X1" }, url(), { type: "quick_reply", text: "Later" }],
        }),
      ),
    ],
  },
  {
    id: "LTO-009",
    pass: t(lto({ buttons: [{ type: "copy_code", example: "C".repeat(15) }, url()] })),
    fail: t(lto({ buttons: [{ type: "copy_code", example: "C".repeat(16) }, url()] })),
  },
  {
    id: "LTO-010",
    pass: t(lto()),
    fail: [
      t(lto({ buttons: [{ type: "copy_code", example: "X1" }, url({ text: "x".repeat(26) })] })),
      t(
        lto({
          buttons: [
            { type: "copy_code", example: "X1" },
            url({ url: "https://s.example/{{1}}/x", example: "a" }),
          ],
        }),
      ),
    ],
  },

  // product templates
  { id: "SPM-001", pass: t(spm()), fail: t(spm({ category: "UTILITY" })) },
  {
    id: "SPM-002",
    pass: t(spm({ header: { type: "product" } })),
    fail: t(spm({ header: { type: "image", example: "https://cdn.example.com/a.png" } })),
  },
  {
    id: "SPM-003",
    pass: t(spm({ body: sized(160) })),
    fail: t(spm({ body: sized(161) })),
  },
  {
    id: "SPM-005",
    pass: t(spm()),
    fail: t(spm({ buttons: [{ type: "spm" }, { type: "quick_reply", text: "No" }] })),
  },
  { id: "SPM-007", pass: t(mpm()), fail: t(spm()) },
  { id: "MPM-001", pass: t(mpm()), fail: t(mpm({ category: "UTILITY" })) },
  {
    id: "MPM-002",
    pass: t(mpm({ header: undefined })),
    fail: t(mpm({ header: { type: "image", example: "https://cdn.example.com/a.png" } })),
  },
  { id: "MPM-007", pass: t(mpm()), fail: t(mpm({ header: undefined })) },
  {
    id: "MPM-004",
    pass: t(mpm({ buttons: [{ type: "mpm" }] })),
    fail: t(mpm({ buttons: [{ type: "quick_reply", text: "Show" }] })),
  },
  {
    id: "MPM-005",
    pass: t(
      mpm({ test: { ...dest, sections: [{ productRetailerIds: ["a"] }], thumbnailProductRetailerId: "a" } }),
    ),
    fail: [
      t(mpm({ test: { ...dest, thumbnailProductRetailerId: "a" } })),
      t(mpm({ test: { ...dest, sections: [{ productRetailerIds: ["a"] }] } })),
      t(
        mpm({
          test: {
            ...dest,
            sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, productRetailerIds: ["a"] })),
            thumbnailProductRetailerId: "a",
          },
        }),
      ),
      t(
        mpm({
          test: {
            ...dest,
            sections: [{ productRetailerIds: Array.from({ length: 31 }, (_, i) => `p${i}`) }],
            thumbnailProductRetailerId: "p0",
          },
        }),
      ),
      t(
        mpm({
          test: {
            ...dest,
            sections: [{ productRetailerIds: ["a"] }, { title: "Two", productRetailerIds: ["b"] }],
            thumbnailProductRetailerId: "a",
          },
        }),
      ),
    ],
  },
  {
    id: "CTLG-001",
    pass: t(catalog()),
    fail: [t(catalog({ category: "UTILITY" })), t(catalog({ category: "AUTHENTICATION" }))],
  },
  { id: "CTLG-002", pass: t(catalog()), fail: t(catalog({ header: { type: "text", text: "Our catalog" } })) },
  {
    id: "CTLG-003",
    pass: t(catalog({ buttons: [{ type: "catalog" }] })),
    fail: t(catalog({ buttons: [url()] })),
  },

  // authentication
  {
    id: "AUTH-001",
    pass: t(auth({ language: "pt_BR", body: "{{1}} é o seu código de verificação." })),
    fail: [
      t(auth({ body: "Your code is {{1}}." })),
      t(auth({ header: { type: "image", example: "https://cdn.example.com/a.png" } })),
      t(auth({ buttons: [{ type: "otp", otpType: "ONE_TAP", text: "Autofill" }] })),
    ],
  },

  // test blocks
  {
    id: "SEND-001",
    pass: t(
      lto({ test: { ...dest, expiresIn: "14d" } }),
      lto({ name: "later_lto", test: { ...dest, expiresAt: "2031-01-01T00:00:00Z" } }),
    ),
    fail: [
      t(lto({ test: dest })),
      t(lto({ test: { ...dest, expiresAt: "2029-12-31T23:59:59Z" } })),
      t(lto({ test: { ...dest, expiresAt: 1209600000 } })),
      t(text({ test: { ...dest, expiresIn: "14d" } })),
    ],
  },
  {
    id: "SEND-002",
    pass: t(lto({ test: { ...dest, expiresIn: "1d", couponCode: "C".repeat(15) } })),
    fail: t(lto({ test: { ...dest, expiresIn: "1d", couponCode: "C".repeat(16) } })),
  },
  {
    id: "SEND-004",
    pass: t(lto({ test: { ...dest, expiresIn: "1d", urlSuffix: "s".repeat(1900) } })),
    fail: [
      t(lto({ test: { ...dest, expiresIn: "1d", urlSuffix: "s".repeat(1990) } })),
      t(text({ test: { ...dest, urlSuffix: "x" } })),
    ],
  },
  {
    id: "SEND-005",
    pass: t(spm({ test: { ...dest, product: { catalogId: "123", productRetailerId: "sku-1" } } })),
    fail: [t(spm({ test: dest })), t(spm({ test: { ...dest, product: { catalogId: "123" } } }))],
  },
  {
    id: "SEND-006",
    pass: t(text({ test: { ...dest, params: ["Asha"] } })),
    fail: [
      t(text({ test: { ...dest, params: ["Asha", "extra"] } })),
      t(text({ test: { ...dest, headerParam: "x" } })),
    ],
  },
  {
    id: "TEST-001",
    pass: t(
      text({ test: dest }),
      text({ name: "other", body: "Our other sale starts today.", examples: {} }),
    ),
    fail: t(text({ test: {} })),
  },

  // configuration
  {
    id: "CFG-001",
    pass: t(text({ app: "shop" })),
    fail: [t(text({ app: "travel" })), withFile({ defaults: { ...BASE.defaults, app: "travel" } }, text())],
  },
  {
    id: "CFG-002",
    pass: withFile(
      { apps: { shop: SHOP, travel: SHOP }, defaults: { ...BASE.defaults, app: "shop" } },
      text(),
    ),
    fail: withFile({ apps: { shop: SHOP, travel: SHOP } }, text()),
  },
  {
    id: "CFG-003",
    pass: files({
      "a.yaml": { version: 1, apps: { shop: SHOP } },
      "b.yaml": { version: 1, templates: [text()], defaults: BASE.defaults },
    }),
    fail: files({
      "a.yaml": { version: 1, apps: { shop: SHOP } },
      "b.yaml": { version: 1, apps: { shop: SHOP } },
    }),
  },
  {
    id: "CFG-004",
    pass: t(text()),
    fail: withFile({ defaults: { language: "en_US", category: "MARKETING" } }, text()),
  },
  {
    id: "CFG-005",
    pass: t(text({ test: { destinations: ["0091 99999 00001"] } })),
    fail: [
      t(text({ test: { destinations: ["12"] } })),
      withFile({ apps: { shop: { ...SHOP, source: "shop" } } }, text()),
      withFile({ defaults: { ...BASE.defaults, testDestinations: ["abc"] } }, text()),
    ],
  },
  {
    id: "CFG-006",
    pass: t(lto({ test: { ...dest, expiresAt: "2031-06-01T12:00:00+05:30" } })),
    fail: [
      t(lto({ test: { ...dest, expiresAt: "2031-06-01 12:00" } })),
      t(lto({ test: { ...dest, expiresIn: "1d", expiresAt: "2031-06-01T12:00:00Z" } })),
      t(lto({ test: { ...dest, expiresIn: "0d" } })),
    ],
  },
  {
    id: "CFG-007",
    pass: t(lto()),
    fail: [
      t(text({ limitedOfferText: "Deal" })),
      t(text({ buttons: [{ type: "mpm" }] })),
      t(text({ header: { type: "product" } })),
      t(text({ test: { ...dest, product: { catalogId: "1", productRetailerId: "2" } } })),
    ],
  },
  {
    id: "CFG-008",
    pass: files({ "a.yaml": BASE, "b.yaml": { version: 1, defaults: BASE.defaults, templates: [text()] } }),
    fail: files({
      "a.yaml": BASE,
      "b.yaml": { version: 1, defaults: { language: "hi" }, templates: [text()] },
    }),
  },

  // files and YAML
  { id: "FILE-001", pass: yaml(VALID_FILE), fail: paths(async () => ["does-not-exist.yaml"]) },
  {
    id: "FILE-002",
    pass: yaml(VALID_FILE),
    fail: paths(async () => {
      const socket = join(dirs.dir, "socket.yaml");
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
      return [socket];
    }),
  },
  {
    id: "FILE-003",
    pass: files({ "a.yaml": { ...BASE, templates: [text()] } }),
    fail: [
      paths(async () => {
        const empty = join(dirs.dir, "empty");
        mkdirSync(empty, { recursive: true });
        return [empty];
      }),
      // dot-files (editor backups) are not read
      paths(async () => {
        const hidden = join(dirs.dir, "only-hidden");
        mkdirSync(hidden, { recursive: true });
        writeFileSync(join(hidden, ".backup.yaml"), VALID_FILE);
        return [hidden];
      }),
    ],
  },
  {
    id: "FILE-004",
    pass: yaml(VALID_FILE),
    // a sparse file: 64 MiB + 1 byte long, no disk used, refused before a byte is read
    fail: paths(async () => {
      const big = join(dirs.dir, "big.yaml");
      writeFileSync(big, "");
      truncateSync(big, 64 * 1024 * 1024 + 1);
      return [big];
    }),
  },
  {
    id: "YAML-DEPTH",
    pass: yaml(ANCHORS_FILE),
    fail: [
      yaml(`version: 1\nx: ${"[".repeat(100)}${"]".repeat(100)}\n`),
      yaml(`version: 1\n${Array.from({ length: 70 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")} 1\n`),
      yaml(`version: 1\nx: ${"[".repeat(200_000)}\n`),
    ],
  },
  {
    id: "YAML-SYNTAX",
    pass: yaml(VALID_FILE),
    fail: [yaml("version: 1\ntemplates: [\n"), yaml("a: 1\n---\nb: 2\n")],
  },
  { id: "YAML-DUPKEY", pass: yaml(VALID_FILE), fail: yaml("version: 1\nversion: 1\n") },
  {
    id: "YAML-ALIAS",
    pass: yaml(ANCHORS_FILE),
    fail: yaml(
      'a: &a ["x","x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
    ),
  },
  {
    id: "YAML-UNICODE",
    pass: yaml(VALID_FILE),
    fail: [t(text({ body: "Hi {{1}} \ud800" })), t(text({ footer: "\udc00 end" }))],
  },
  {
    id: "SCHEMA",
    pass: yaml(VALID_FILE),
    fail: [
      t(text({ fotter: "x" })),
      yaml(""),
      yaml("- a\n"),
      yaml("version: 2\n"),
      t(text({ buttons: [{ type: "website" }] })),
      t(text({ body: 42 })),
    ],
  },
  {
    id: "TEXT-001",
    pass: t(text({ body: "Hi {{1}},\n\tour spring sale starts today in every store." })),
    fail: [
      t(text({ body: "Hi {{1}}, our sale \u001b[2J starts today." })),
      t(text({ footer: "Reply STOP\u0000" })),
      t(text({ buttons: [{ type: "quick_reply", text: "Yes\u009b" }] })),
      t(text({ test: { ...dest, params: ["Pab\u0007lo"] } })),
      t(lto({ limitedOfferText: "Deal\u007f" })),
    ],
  },
  {
    id: "TEXT-002",
    pass: t(
      text({ body: "مرحبا {{1}}، تبدأ التخفيضات اليوم في كل المتاجر.\u200f", examples: { body: ["Pablo"] } }),
    ),
    fail: [
      t(text({ body: "Hi {{1}}, your refund of \u202e99$ is on its way." })),
      t(text({ buttons: [url({ text: "Open \u202d" })] })),
      // an isolate: a warning
      t(text({ body: "مرحبا \u2068{{1}}\u2069، تبدأ التخفيضات اليوم." })),
    ],
  },
  {
    id: "TEXT-003",
    pass: t(text({ footer: "Reply STOP to opt out", buttons: qr(2) })),
    fail: [
      t(text({ buttons: [{ type: "quick_reply", text: "\u200b" }] })),
      t(text({ footer: "\u200e\u200f\u200e" })),
      t(text({ header: { type: "text", text: "\u3164\u3164" } })),
      t(lto({ limitedOfferText: "\u2800" })),
    ],
  },
  {
    id: "SECRET-001",
    pass: yaml(VALID_FILE),
    fail: [
      withFile({ apps: { shop: { ...SHOP, token: "sk_live_0123456789" } } }, text()),
      t(text({ password: "hunter22" })),
    ],
  },
];

// ---- the tests ---------------------------------------------------------------------------------

describe("lint rules: a passing and a failing case per diagnostic code", () => {
  it("has a case for every code in the catalog", () => {
    const covered = new Set(CASES.map((c) => c.id));
    const missing = [...ruleCatalog().keys()].filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
    expect(covered.size).toBeGreaterThanOrEqual(30);
  });

  describe.each(CASES)("$id", ({ id, pass, fail }) => {
    it("passes on a valid template", async () => {
      const result = await pass();
      expect(result.diagnostics.filter((d) => d.code === id)).toEqual([]);
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });

    it("fails on each broken variant, at a position", async () => {
      for (const run of Array.isArray(fail) ? fail : [fail]) {
        const result = await run();
        const found = result.diagnostics.filter((d) => d.code === id);
        expect(
          found,
          `expected ${id} in:\n${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`,
        ).not.toEqual([]);
        for (const d of found) {
          expect(d.message).not.toBe("");
          expect(d.file).toBeTruthy();
          if (!id.startsWith("FILE-")) expect(d.line).toBeGreaterThan(0);
        }
      }
    });
  });
});
