// Builds legacy-account.json: one Gupshup app as an account that has existed since 2021 would list
// it, from shared/reference/field-evidence.md. Every odd case the tolerant reader must survive is
// here, with more than one page of rows (the client asks for pages of 100). Run it with
// `node examples/accounts/build-legacy-account.mjs` after a change; a test checks the JSON is its
// output.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const APP_ID = "5f7c2b1e-9a44-4c3d-8e21-0a9b8c7d6e5f";
const NAMESPACE = "1c9d3e7a_55b2_4f0e_8a61_2b7c9d0e4f13";
const WABA = "104505526065633";
const DAY = 86_400_000;
/** 2021-07-09T15:11:23Z: sendbee's recorded create answer. */
const T2021 = 1625843483030;
const T2024 = Date.UTC(2024, 2, 1);

let n = 0;
/** A deterministic UUID-shaped id. */
function uuid() {
  n += 1;
  const hex = n.toString(16).padStart(12, "0");
  return `7a3f${hex.slice(0, 4)}-1b2c-4d5e-8f90-${hex}`;
}

/** A row as a current Partner API list returns it (reference §2.3), containerMeta as a JSON string. */
function row(name, over = {}, meta = {}) {
  const createdOn = over.createdOn ?? T2024 + n * DAY;
  const buttons = meta.buttons ?? [];
  const codes = { COPY_CODE: "CC", PHONE_NUMBER: "PN", QUICK_REPLY: "QR", URL: "URL" };
  return {
    appId: APP_ID,
    buttonSupported: [...new Set(buttons.map((b) => codes[b.type] ?? b.type))].sort().join(","),
    category: "UTILITY",
    containerMeta: JSON.stringify({
      appId: APP_ID,
      data: meta.data ?? over.data ?? "",
      ...meta,
      enableSample: true,
      editTemplate: false,
      allowTemplateCategoryChange: false,
      addSecurityRecommendation: false,
    }),
    createdOn,
    data: meta.data ?? "",
    elementName: name,
    externalId: String(1508119726419684 + n),
    id: uuid(),
    languageCode: "en",
    languagePolicy: "deterministic",
    meta: JSON.stringify({ example: meta.sampleText ?? meta.data ?? "" }),
    modifiedOn: createdOn + DAY,
    namespace: NAMESPACE,
    priority: 1,
    quality: "UNKNOWN",
    retry: 0,
    stage: "NONE",
    status: "APPROVED",
    templateType: "TEXT",
    vertical: "orders",
    wabaId: WABA,
    ...over,
  };
}

/** A pre-2023 row as sendbee recorded one: no containerMeta, buttonSupported, namespace or wabaId. */
function legacy(name, category, over = {}) {
  return {
    category,
    createdOn: T2021 + n * DAY,
    data: over.data ?? "Your order {{1}} is confirmed.",
    elementName: name,
    id: uuid(),
    languageCode: "en",
    languagePolicy: "deterministic",
    master: true,
    meta: JSON.stringify({ example: over.example ?? "Your order 4512 is confirmed." }),
    modifiedOn: T2021 + n * DAY,
    status: "APPROVED",
    templateType: "TEXT",
    vertical: "Order Update",
    ...over,
  };
}

const LTO_BUTTONS = [
  { type: "COPY_CODE", example: "SUMMER25" },
  { type: "URL", text: "Shop now", url: "https://shop.example.com/s?promo={{1}}", example: ["summer25"] },
];

function cases() {
  return [
    // 2021: categories no current create accepts, and rows without containerMeta
    legacy("legacy_auto_reply", "AUTO_REPLY", { status: "approved" }),
    legacy("order_shipped_txn", "TRANSACTIONAL"),
    legacy("login_otp_legacy", "OTP", {
      data: "{{1}} is your login code.",
      example: "482913 is your login code.",
    }),
    legacy("account_update_notice", "ACCOUNT_UPDATE"),
    legacy("alert_low_balance", "ALERT_UPDATE"),
    legacy("payment_received", "PAYMENT_UPDATE"),
    legacy("welcome_2022", "MARKETING", {
      data: "Welcome to {{1}}, we are glad you are here.",
      example: "Welcome to Lucky Shrub, we are glad you are here.",
      vertical: "Welcome",
    }),
    legacy("old_quick_replies", "MARKETING", { buttonSupported: "QR", data: "Did you like it?" }),
    // containerMeta that cannot be read
    row("broken_meta", { containerMeta: '{"data":"Your order {{1}}' }),
    row("meta_is_a_list", { containerMeta: "[1,2]" }, {}),
    // statuses: an open set, in any spelling
    row(
      "failed_offer",
      { category: "MARKETING", status: "FAILED", reason: "Template submission failed: invalid parameter" },
      { data: "Big news, {{1}}!", sampleText: "Big news, Ana!" },
    ),
    row(
      "paused_reminder",
      { status: "PAUSED" },
      { data: "Reminder: {{1}} is due.", sampleText: "Reminder: rent is due." },
    ),
    row("disabled_promo", { category: "MARKETING", status: "DISABLED" }, { data: "Everything must go." }),
    row("sandbox_hello", { status: "SANDBOX_REQUESTED" }, { data: "Hello from the sandbox app." }),
    row(
      "approved_lowercase",
      { status: "approved" },
      { data: "Your code {{1}} works.", sampleText: "Your code A1 works." },
    ),
    row("appealed_promo", { category: "MARKETING", status: "IN_APPEAL" }, { data: "A promo under appeal." }),
    row(
      "rejected_promo",
      { category: "MARKETING", status: "REJECTED", reason: "INVALID_FORMAT" },
      { data: "Win big, {{1}}!", sampleText: "Win big, Ana!" },
    ),
    row(
      "pending_launch",
      { category: "MARKETING", status: "PENDING", externalId: undefined },
      { data: "Launching soon." },
    ),
    row("archived_promo", { category: "MARKETING", status: "ARCHIVED" }, { data: "Old news." }),
    row("quality_review", { status: "QUALITY_REVIEW" }, { data: "A status nobody documented." }),
    // Meta re-categorised these (field-evidence.md §1)
    row(
      "shipping_update",
      { oldCategory: "MARKETING" },
      { data: "Your parcel {{1}} left our store.", sampleText: "Your parcel P-77 left our store." },
    ),
    row(
      "order_followup",
      { category: "MARKETING" },
      { data: "How was order {{1}}?", sampleText: "How was order 4512?", correctCategory: "UTILITY" },
    ),
    // types and buttons waform does not model
    row(
      "promo_carousel",
      { category: "MARKETING", templateType: "CAROUSEL" },
      {
        data: "Our picks, {{1}}",
        sampleText: "Our picks, Ana",
        cards: [
          {
            headerType: "IMAGE",
            body: "Ferns",
            sampleText: "Ferns",
            buttons: [{ type: "QUICK_REPLY", text: "More" }],
          },
        ],
      },
    ),
    row(
      "book_with_flow",
      { category: "MARKETING" },
      {
        data: "Book your visit.",
        buttons: [
          {
            type: "FLOW",
            text: "Book now",
            flow_id: "1234567890",
            flow_action: "NAVIGATE",
            navigate_screen: "BOOK",
          },
        ],
      },
    ),
    // limited-time offers, product and catalog templates, media headers with only a handle
    row(
      "summer_lto",
      { category: "MARKETING", vertical: "offers" },
      {
        data: "Hi {{1}}, your summer deal is here.",
        sampleText: "Hi Pablo, your summer deal is here.",
        buttons: LTO_BUTTONS,
        limitedTimeOffer: { text: "Summer deal", has_expiration: true },
      },
    ),
    row(
      "flash_lto_image",
      { category: "MARKETING", templateType: "IMAGE", vertical: "offers" },
      {
        data: "Flash sale for {{1}}: today only.",
        sampleText: "Flash sale for Ana: today only.",
        sampleMedia: "4::aW1hZ2UvanBlZw==:ARZflashSaleSampleHandle",
        buttons: LTO_BUTTONS,
        limitedTimeOffer: { text: "Flash sale", has_expiration: true },
      },
    ),
    row(
      "mcp_lto",
      { category: "MARKETING", templateType: "LTO", vertical: "offers" },
      {
        data: "A deal made by gupshup-mcp.",
        buttons: [
          { type: "COPY_CODE", example: "MCP10" },
          { type: "URL", text: "Shop", url: "https://shop.example.com/m?c={{1}}", example: ["mcp10"] },
        ],
        limitedTimeOffer: { text: "MCP deal", has_expiration: false },
      },
    ),
    row(
      "our_picks",
      { category: "MARKETING", templateType: "PRODUCT", vertical: "catalog" },
      {
        header: "Our picks for you",
        data: "Hand-picked plants, {{1}}.",
        sampleText: "Hand-picked plants, Ana.",
        buttons: [{ type: "MPM", text: "View items" }],
      },
    ),
    row(
      "picks_no_header",
      { category: "MARKETING", templateType: "PRODUCT", vertical: "catalog" },
      { data: "New arrivals are in.", buttons: [{ type: "MPM", text: "View items" }] },
    ),
    row(
      "browse_catalog",
      { category: "MARKETING", templateType: "CATALOG", vertical: "catalog" },
      {
        data: "Browse our whole catalog.",
        footer: "Lucky Shrub",
        buttons: [{ type: "CATALOG", text: "View catalog" }],
      },
    ),
    row(
      "spring_banner",
      { category: "MARKETING", templateType: "IMAGE", vertical: "offers" },
      {
        data: "Spring is here, {{1}}.",
        sampleText: "Spring is here, Ana.",
        sampleMedia: "4::aW1hZ2UvcG5n:ARZspringBannerHandle",
      },
    ),
    row(
      "launch_video",
      { category: "MARKETING", templateType: "VIDEO", vertical: "offers" },
      { data: "Watch our launch.", sampleMedia: "4::dmlkZW8vbXA0:ARZlaunchVideoHandle" },
    ),
    row(
      "invoice_document",
      { templateType: "DOCUMENT" },
      {
        data: "Your invoice {{1}} is attached.",
        sampleText: "Your invoice INV-9 is attached.",
        sampleMedia: "4::YXBwbGljYXRpb24vcGRm:ARZinvoiceHandle",
      },
    ),
    row("store_location", { templateType: "LOCATION" }, { data: "Find us here.", footer: "Open 9 to 5" }),
    row(
      "login_code",
      { category: "AUTHENTICATION", vertical: "security" },
      {
        data: "{{1}} is your verification code.",
        sampleText: "482913 is your verification code.",
        buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }],
      },
    ),
    row(
      "order_help",
      {},
      {
        header: "Order {{1}}",
        sampleHeader: "Order 4512",
        data: "Need help with your order?",
        footer: "Reply STOP to opt out",
        buttons: [
          { type: "QUICK_REPLY", text: "Yes" },
          { type: "QUICK_REPLY", text: "No" },
          { type: "PHONE_NUMBER", text: "Call us", phone_number: "918016337728" },
        ],
      },
    ),
    // one name in three languages
    row("greeting", { languageCode: "en" }, { data: "Hello, {{1}}!", sampleText: "Hello, Ana!" }),
    row("greeting", { languageCode: "es" }, { data: "¡Hola, {{1}}!", sampleText: "¡Hola, Ana!" }),
    row("greeting", { languageCode: "pt_BR" }, { data: "Olá, {{1}}!", sampleText: "Olá, Ana!" }),
    // fields of the wrong type, fields nobody documented, a padded status
    {
      ...row("odd_types", { status: " Approved " }, { data: "Types are suggestions." }),
      createdOn: String(T2024),
      vertical: 42,
      buttonSupported: null,
      namespace: undefined,
      quality: { score: "HIGH" },
      futureField: [1, { nested: true }],
    },
    // rows waform cannot even name: skipped with a warning naming their position
    { ...row("ghost_no_id", {}, { data: "I have no id." }), id: undefined },
    { ...row("", {}, { data: "I have no name." }), elementName: undefined },
  ];
}

/** Years of ordinary notices (every fifth one from before 2023), so the list is longer than one page. */
function filler(count) {
  return Array.from({ length: count }, (_, i) => {
    const name = `notice_${String(i + 1).padStart(3, "0")}`;
    return i % 5 === 4
      ? legacy(name, "TRANSACTIONAL", {
          data: `Notice ${i + 1}: reference {{1}}.`,
          example: `Notice ${i + 1}: reference R${i}.`,
        })
      : row(
          name,
          {},
          {
            data: `Notice ${i + 1}: your reference is {{1}}.`,
            sampleText: `Notice ${i + 1}: your reference is R${i}.`,
          },
        );
  });
}

export function buildLegacyAccount() {
  n = 0;
  const templates = [...cases(), ...filler(96)].map((r) => JSON.parse(JSON.stringify(r)));
  return {
    description:
      "A Gupshup app that has existed since 2021, as its template list would show it (shared/reference/field-evidence.md). Load it with `waform sandbox --rows examples/accounts/legacy-account.json`; built by build-legacy-account.mjs.",
    apps: { [APP_ID]: { templates } },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = new URL("./legacy-account.json", import.meta.url);
  writeFileSync(out, `${JSON.stringify(buildLegacyAccount(), null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(out)}`);
}
