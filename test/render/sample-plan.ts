// A representative plan for the renderer tests and golden files: two apps, every action, the
// common reasons, warnings, notes, undeclared and unmanageable templates.

import { makePlan } from "../../src/plan/make-plan.js";
import type { Plan } from "../../src/plan/types.js";
import { app, HOUR, ltoTemplate, NOW, remoteOf, template, unmanageableOf } from "../plan/builders.js";

export function samplePlan(): Plan {
  const welcome = template("welcome");
  const flash = ltoTemplate("flash_sale");
  const order = template("order_update", { category: "UTILITY" });
  const review = template("in_review");
  const synced = template("synced");
  const labelled = template("labelled");
  const spring = ltoTemplate("spring_sale", { app: "brand" });
  const oldBrand = template("old_brand", {
    app: "brand",
    body: "News from the {{1}} brand",
    footer: undefined,
  });

  const desired = [
    template("new_arrivals", {
      header: { type: "text", text: "New in | {{1}}", example: "June" },
      buttons: [{ type: "url", text: "See all", url: "https://shop.example/new", example: undefined }],
      source: { file: "templates.yaml", line: 4, col: 3 },
    }),
    template("welcome", {
      body: "Hello {{1}},\nyour order is ready.\nSee you soon!",
      footer: "Thanks for shopping",
    }),
    ltoTemplate("flash_sale", { lto: { text: "Summer sale", hasExpiration: false } }),
    template("order_update", { category: "MARKETING" }),
    template("in_review", { footer: "Reply STOP to unsubscribe" }),
    synced,
    template("labelled", { vertical: "fashion" }),
    ltoTemplate("spring_sale", { app: "brand", lto: { text: "Spring sale", hasExpiration: true } }),
    template("brand_news", { app: "brand", body: oldBrand.body, footer: undefined }),
  ];
  const remote = [
    remoteOf(welcome, { modifiedOn: NOW - 48 * HOUR }, { body: "Hello {{1}},\nyour order is ready." }),
    remoteOf(flash, { status: "REJECTED", reason: "INVALID_FORMAT" }),
    remoteOf(order),
    remoteOf(review, { status: "PENDING", createdOn: NOW - HOUR, modifiedOn: NOW - HOUR }),
    remoteOf(synced),
    remoteOf(labelled),
    remoteOf(template("legacy_promo")),
    remoteOf(template("disabled_old"), { status: "DISABLED" }),
    remoteOf(spring),
    remoteOf(oldBrand),
  ];
  const plan = makePlan(desired, remote, {
    apps: [
      app("shop", { prune: true }),
      app("brand", { channel: "gupshup-partner", rateLimitPerMinute: 10 }),
    ],
    now: NOW,
    endpoint: "https://partner.gupshup.io",
    unmanageable: [
      unmanageableOf("legacy_auto_reply"),
      unmanageableOf("promo_carousel", {
        status: "PAUSED",
        unmanageable: { reason: "unknown_type", detail: 'template type "CAROUSEL" is not one waform models' },
        raw: { category: "MARKETING", templateType: "CAROUSEL" },
      }),
    ],
  });
  // the CLI adds the configuration's warnings to the plan, with their source positions
  plan.diagnostics.unshift({
    severity: "warning",
    code: "HDR-004",
    message: "a text header should not contain `|`",
    file: "templates.yaml",
    line: 5,
    col: 13,
    template: "shop/new_arrivals/en",
  });
  return plan;
}
