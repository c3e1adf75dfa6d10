// `waform preview` opened in a real browser: Debian's Chromium, headless, driven by playwright-core.
// It checks what the page draws (texts, buttons, the offer banner, right-to-left, dark mode), that
// the page asked the network for nothing, and saves screenshots to test/output/ (git-ignored).
// Without Chromium the test is skipped with a message, except in CI, where .ci/run installs it.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { parse } from "yaml";
import { ROOT, transcript } from "./cli.js";
import { BUILD_TIMEOUT_MS, prepareCli, test } from "./fixture.js";

const CHROMIUM = process.env["WAFORM_CHROMIUM"] ?? "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const OUTPUT = join(ROOT, "test", "output");

if (!HAS_CHROMIUM) {
  if (process.env["CI"]) throw new Error(`no Chromium at ${CHROMIUM}: .ci/run installs Debian's chromium`);
  process.stderr.write(
    `\npreview-browser.test.ts SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set WAFORM_CHROMIUM)\n\n`,
  );
}

let context: BrowserContext | undefined;
let profile: string | undefined;
/** Every URL any page of the browser asked for. */
const requested: string[] = [];

beforeAll(async () => {
  await prepareCli();
  if (!HAS_CHROMIUM) return;
  mkdirSync(OUTPUT, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "waform-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // every request is recorded; anything but the page's own file is refused, so a test can never
  // pass because the network happened to be unreachable
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requested.push(url);
    return url.startsWith("file:") ? route.continue() : route.abort();
  });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function open(file: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const page = await context!.newPage();
  await page.emulateMedia({ colorScheme });
  requested.length = 0;
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return page;
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

/** A computed style property of the first element `selector` finds (the test has no DOM types). */
function styleOf(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (e, p) =>
        (globalThis as unknown as { getComputedStyle(el: unknown): Record<string, string> }).getComputedStyle(
          e,
        )[p] ?? "",
      property,
    );
}

describe.skipIf(!HAS_CHROMIUM)("waform preview in Chromium", () => {
  test("draws all eleven templates of the root templates.yaml as WhatsApp shows them, fetching nothing", async ({
    e2e,
  }) => {
    copyFileSync(join(ROOT, "templates.yaml"), join(e2e.dir, "templates.yaml"));
    const r = await e2e.run(["preview", "-o", "preview.html"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stderr).toContain("Wrote preview.html (11 templates).");
    const file = join(e2e.dir, "preview.html");
    const page = await open(file);

    const declared = (
      parse(readFileSync(join(ROOT, "templates.yaml"), "utf8")) as {
        templates: { app: string; name: string; language?: string }[];
      }
    ).templates.map((t) => `${t.app}/${t.name}/${t.language ?? "en_US"}`);
    expect(
      await page.locator("section.template").evaluateAll((s) => s.map((e) => e.getAttribute("data-key"))),
    ).toEqual(declared);

    const section = (key: string) => page.locator(`section.template[data-key="${key}"]`);
    const lto = section("shop/summer_sale_lto/en_US");
    expect(await lto.locator(".header-media").getAttribute("data-kind")).toBe("image");
    expect(await lto.locator(".media-caption").textContent()).toBe("summer-sale.png");
    expect(await lto.locator(".lto-text").textContent()).toBe("Summer deal");
    expect(await lto.locator(".lto-expiry").textContent()).toBe("Ends in 14 days");
    expect(await lto.locator(".lto-code .coupon").textContent()).toBe("SUMMER25");
    expect(await lto.locator(".body").textContent()).toBe(
      "Hi Pablo, our summer sale is on!\nEnjoy 25% off everything in store with the code below.",
    );
    expect(await lto.locator(".var").allTextContents()).toEqual(["Pablo", "25%"]);
    expect(
      await lto.locator(".button").evaluateAll((b) => b.map((e) => e.getAttribute("data-type"))),
    ).toEqual(["copy_code", "url"]);
    expect(await texts(page, 'section[data-key="shop/summer_sale_lto/en_US"] .button')).toEqual([
      "Copy offer code SUMMER25",
      "Shop now",
    ]);
    expect(await section("shop/summer_sale_lto/hi").locator(".lto-expiry").textContent()).toBe(
      "Ends in 1 day",
    );
    expect(await section("shop/weekend_flash_sale/en_US").locator(".lto-expiry").count()).toBe(0);

    const refill = section("pharmacy/refill_reminder/en_US");
    expect(await refill.locator(".header-text").textContent()).toBe("Refill due: Metformin 500mg");
    expect(await refill.locator(".footer").textContent()).toBe("CarePharmacy");
    expect(await refill.locator(".button").allTextContents()).toEqual([
      "Yes, prepare it",
      "Not now",
      "Call the pharmacist",
    ]);
    const picks = section("shop/festive_picks/en_US");
    expect(await picks.locator(".product-tile").count()).toBe(3);
    expect(await picks.locator(".button").allTextContents()).toEqual(["View items"]);
    expect(await section("shop/browse_new_catalog/en_US").locator(".button").allTextContents()).toEqual([
      "View catalog",
    ]);
    expect(await section("shop/back_in_stock_single/en_US").locator(".product-card.single").count()).toBe(1);
    expect(await section("travel/boarding_pass/en_US").locator(".doc-name").textContent()).toBe(
      "sample-boarding-pass.pdf",
    );
    expect(await section("pharmacy/login_code/en_US").locator(".button").allTextContents()).toEqual([
      "Copy code",
    ]);

    // light, then dark: WhatsApp's bubble colours follow the reader's system setting
    const bubble = () =>
      styleOf(page, 'section[data-key="shop/summer_sale_lto/en_US"] .bubble', "backgroundColor");
    expect(await bubble()).toBe("rgb(255, 255, 255)");
    await page.screenshot({ path: join(OUTPUT, "preview-templates.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await bubble()).toBe("rgb(32, 44, 51)");
    await page.screenshot({ path: join(OUTPUT, "preview-templates-dark.png"), fullPage: true });

    expect(requested).toEqual([pathToFileURL(file).href]);
    await page.close();
  });

  test("draws right-to-left text on the right, WhatsApp formatting, and 'See all options' past three buttons", async ({
    e2e,
  }) => {
    e2e.write("rtl.yaml", {
      templates: [
        {
          name: "welcome_ar",
          app: "shop",
          language: "ar",
          category: "UTILITY",
          body: "مرحبا {{1}}، طلبك *جاهز* الآن. _شكرا_ لك ~اليوم~ ```A-12```",
          examples: { body: ["سارة"] },
          buttons: [
            { type: "quick_reply", text: "نعم" },
            { type: "quick_reply", text: "لا" },
            { type: "quick_reply", text: "لاحقا" },
            { type: "url", text: "تتبع", url: "https://shop.example.com/t/{{1}}", example: "A-12" },
          ],
        },
      ],
    });
    const r = await e2e.run(["preview", "-f", "rtl.yaml", "-o", "rtl.html"]);
    expect(r.code, transcript(r)).toBe(0);
    const page = await open(join(e2e.dir, "rtl.html"));
    const chat = page.locator(".chat");
    expect(await styleOf(page, ".chat", "direction")).toBe("rtl");
    const chatBox = (await chat.boundingBox())!;
    const bubbleBox = (await page.locator(".bubble").boundingBox())!;
    // a right-to-left message sits against the right edge of the chat, with room on its left
    expect(chatBox.x + chatBox.width - (bubbleBox.x + bubbleBox.width)).toBeLessThan(20);
    expect(bubbleBox.x - chatBox.x).toBeGreaterThan(20);
    expect(await page.locator(".body strong").textContent()).toBe("جاهز");
    expect(await page.locator(".body em").textContent()).toBe("شكرا");
    expect(await page.locator(".body s").textContent()).toBe("اليوم");
    expect(await page.locator(".body code").textContent()).toBe("A-12");
    expect(await page.locator(".body .var").textContent()).toBe("سارة");
    // four buttons: two shown, then "See all options", which opens the other two
    expect(await page.locator(".button[data-type]").count()).toBe(4);
    expect(await page.locator(".button[data-type]:visible").count()).toBe(2);
    await page.locator("summary.see-all").click();
    expect(await page.locator(".button[data-type]:visible").count()).toBe(4);
    await page.screenshot({ path: join(OUTPUT, "preview-rtl.png"), fullPage: true });
    expect(requested).toEqual([pathToFileURL(join(e2e.dir, "rtl.html")).href]);
    await page.close();
  });

  test("--plan shows only the changed templates, the remote beside the declaration", async ({ e2e }) => {
    const doc = {
      templates: [
        { name: "order_ready", body: "Hello {{1}}, your order is ready.", examples: { body: ["Asha"] } },
        { name: "steady", body: "Hi {{1}}, thanks for shopping with us.", examples: { body: ["Ravi"] } },
      ],
    };
    e2e.write("templates.yaml", doc);
    const applied = await e2e.run(["apply", "--auto-approve", "--no-verify"]);
    expect(applied.code, transcript(applied)).toBe(0);
    doc.templates[0]!.body = "Hello {{1}}, your order is *packed* and ready.";
    e2e.write("templates.yaml", doc);
    expect((await e2e.run(["plan", "--out", "plan.json"])).code).toBe(0);
    const r = await e2e.run(["preview", "--plan", "plan.json", "-o", "plan.html"]);
    expect(r.code, transcript(r)).toBe(0);
    expect(r.stderr).toContain("Wrote plan.html (1 changed template).");

    const page = await open(join(e2e.dir, "plan.html"));
    const change = page.locator("section.change");
    expect(await change.count()).toBe(1);
    expect(await change.getAttribute("data-key")).toBe("shop/order_ready/en_US");
    expect(await change.locator(".before .body").textContent()).toBe("Hello Asha, your order is ready.");
    expect(await change.locator(".after .body").textContent()).toBe(
      "Hello Asha, your order is packed and ready.",
    );
    expect(await change.locator(".after .body strong").textContent()).toBe("packed");
    await page.screenshot({ path: join(OUTPUT, "preview-plan.png"), fullPage: true });
    expect(requested).toEqual([pathToFileURL(join(e2e.dir, "plan.html")).href]);
    await page.close();
  });
});
