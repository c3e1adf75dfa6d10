// Declarations for the benchmark: N valid templates over a number of apps, in a realistic mix of
// kinds (LTOs with and without countdown, marketing and utility text, media headers, product and
// catalog templates, authentication). Deterministic: the same arguments give the same text, so
// runs are comparable. Each body carries the template's index, because Meta (DUP-001) rejects
// two templates with the same wording.

/** The kinds in the mix, with their share of every 20 templates. */
const MIX = [
  ["lto_countdown", 4],
  ["lto_open", 2],
  ["promo_text", 4],
  ["utility_header", 3],
  ["utility_link", 2],
  ["video", 1],
  ["multi_product", 1],
  ["catalog", 1],
  ["otp", 1],
  ["document", 1],
];
const CYCLE = MIX.flatMap(([kind, n]) => Array.from({ length: n }, () => kind));

/** Media samples are shared within an app (campaigns reuse a few banners). */
const IMAGES_PER_APP = 4;

export function appAlias(a) {
  return `app${String(a).padStart(2, "0")}`;
}

export function appIdOf(a) {
  return `bench-app-${String(a).padStart(4, "0")}-0000-4000-8000-000000000000`;
}

function q(text) {
  return JSON.stringify(text);
}

/** The name of template i (`<kind>_<index>`). */
export function templateName(i) {
  return `${CYCLE[i % CYCLE.length]}_${String(i).padStart(5, "0")}`;
}

/** One template as YAML lines (indented for `templates:`); `variant` changes its wording. */
function templateLines(i, app, variant) {
  const kind = CYCLE[i % CYCLE.length];
  const name = templateName(i);
  const v = variant ? ` ${variant}` : "";
  const image = `https://cdn.example.com/${app}/banner-${i % IMAGES_PER_APP}.png`;
  const head = [`  - name: ${name}`, `    app: ${app}`];
  switch (kind) {
    case "lto_countdown":
      return [
        ...head,
        "    kind: lto",
        `    header: { type: image, example: ${q(image)} }`,
        `    body: ${q(`Hi {{1}}, offer ${i} is on: enjoy {{2}} off everything in store with the code below.${v}`)}`,
        '    examples: { body: ["Pablo", "25%"] }',
        "    limitedOfferText: Summer deal",
        "    hasExpiration: true",
        "    buttons:",
        `      - { type: copy_code, example: SAVE${i} }`,
        `      - { type: url, text: Shop now, url: "https://shop.example.com/s?promo={{1}}", example: promo${i} }`,
        "    test: { expiresIn: 14d }",
      ];
    case "lto_open":
      return [
        ...head,
        "    kind: lto",
        `    body: ${q(`Hi {{1}}, flash sale ${i} is live. Fresh deals drop every hour until Sunday night.${v}`)}`,
        '    examples: { body: ["Asha"] }',
        "    limitedOfferText: Weekend only",
        "    hasExpiration: false",
        "    buttons:",
        `      - { type: url, text: See the deals, url: "https://shop.example.com/flash/${i}" }`,
      ];
    case "promo_text":
      return [
        ...head,
        "    body: |",
        `      The monsoon is the best time to see the Western Ghats in green (trip ${i}).`,
        `      Three-night stays start at {{1}} per person, breakfast included.${v}`,
        '    examples: { body: ["₹7,999"] }',
        "    footer: Reply STOP to opt out",
        "    buttons:",
        "      - { type: quick_reply, text: Show me stays }",
        "      - { type: quick_reply, text: Not interested }",
      ];
    case "utility_header":
      return [
        ...head,
        "    category: UTILITY",
        "    vertical: reminders",
        '    header: { type: text, text: "Refill due: {{1}}" }',
        '    examples: { header: Metformin 500mg, body: ["Anil", "Metformin 500mg", "12 March"] }',
        "    body: |",
        "      Hello {{1}},",
        `      your prescription ${i} for {{2}} runs out on {{3}}.`,
        `      Shall we prepare the refill for pickup?${v}`,
        "    footer: CarePharmacy",
        "    buttons:",
        '      - { type: quick_reply, text: "Yes, prepare it" }',
        "      - { type: quick_reply, text: Not now }",
        '      - { type: phone_number, text: Call the pharmacist, phoneNumber: "+91 80 4567 8900" }',
      ];
    case "utility_link":
      return [
        ...head,
        "    category: UTILITY",
        "    vertical: orders",
        `    body: ${q(`Your order {{1}} (batch ${i}) has shipped and should arrive by {{2}}. Track it below.${v}`)}`,
        '    examples: { body: ["CP-10423", "Friday"] }',
        "    buttons:",
        '      - { type: url, text: Track order, url: "https://care.example.com/track/{{1}}", example: CP-10423 }',
      ];
    case "video":
      return [
        ...head,
        `    header: { type: video, example: "https://cdn.example.com/${app}/teaser.mp4" }`,
        `    body: ${q(`Good news {{1}}: collection ${i} has just landed. Watch the teaser and tap below to see it.${v}`)}`,
        '    examples: { body: ["Ravi"] }',
        "    footer: Reply STOP to opt out",
        "    buttons:",
        `      - { type: url, text: See the collection, url: "https://shop.example.com/c/${i}" }`,
      ];
    case "multi_product":
      return [
        ...head,
        "    kind: multi_product",
        '    header: { type: text, text: "Festive picks for {{1}}" }',
        '    examples: { header: Diwali, body: ["Meera"] }',
        `    body: ${q(`Hi {{1}}, we picked festive favourites (set ${i}) we think you will love. Have a look!${v}`)}`,
        "    footer: Prices include taxes",
      ];
    case "catalog":
      return [
        ...head,
        "    kind: catalog",
        `    body: ${q(`Our new season catalog ${i} is here, {{1}}. Browse it right here in WhatsApp and order in a few taps.${v}`)}`,
        '    examples: { body: ["Kiran"] }',
      ];
    case "otp":
      // Meta fixes the wording of authentication templates: only the name tells them apart
      return [
        ...head,
        "    category: AUTHENTICATION",
        "    vertical: security",
        "    language: en",
        "    body: |",
        "      {{1}} is your verification code.",
        "      For your security, do not share this code.",
        '    examples: { body: ["482913"] }',
        "    buttons:",
        "      - { type: otp, otpType: COPY_CODE, text: Copy code }",
      ];
    default:
      return [
        ...head,
        "    category: UTILITY",
        "    vertical: itinerary",
        '    header: { type: document, example: "https://cdn.example.com/travel/boarding-pass.pdf" }',
        `    body: ${q(`Hi {{1}}, your boarding pass ${i} for flight {{2}} is attached. Gate closes 25 minutes before departure.${v}`)}`,
        '    examples: { body: ["Farah", "6E 2041"] }',
      ];
  }
}

/**
 * A whole templates.yaml: `templates` spread round-robin over `apps` apps. `variant(i)` may return
 * words appended to template i's body (to make a remote differ); `include(i)` false leaves it out.
 */
export function generateDeclaration({
  templates,
  apps,
  variant = () => "",
  include = () => true,
  rateLimitPerMinute,
}) {
  const lines = [
    "# generated by bench/generate.mjs",
    "version: 1",
    "apps:",
    ...Array.from({ length: apps }, (_, a) =>
      [
        `  ${appAlias(a)}:`,
        `    appId: ${appIdOf(a)}`,
        `    appName: benchapp${a}`,
        `    source: "+9189298${String(70000 + a).padStart(5, "0")}"`,
        ...(rateLimitPerMinute ? [`    rateLimit: { perMinute: ${rateLimitPerMinute} }`] : []),
      ].join("\n"),
    ),
    "defaults:",
    "  language: en_US",
    "  category: MARKETING",
    "  vertical: promotions",
    '  testDestinations: ["+919999900001"]',
    "templates:",
  ];
  for (let i = 0; i < templates; i++) {
    if (include(i)) lines.push(...templateLines(i, appAlias(i % apps), variant(i)));
  }
  return `${lines.join("\n")}\n`;
}
