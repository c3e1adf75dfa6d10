// The HTML preview as a string: what it draws, that other people's text never becomes markup, and
// that the page can load nothing. (test/e2e/preview-browser.test.ts opens it in a real browser.)

import { describe, expect, it } from "vitest";
import { formattedText } from "../../src/render/preview-format.js";
import { renderPlanPreview, renderTemplatesPreview } from "../../src/render/preview-html.js";
import { countdown } from "../../src/render/preview-message.js";
import { DAY, ltoTemplate, NOW, plan, remoteOf, template } from "../plan/builders.js";

const opts = { now: NOW, source: "templates.yaml" };

/** The page's text with tags dropped and entities decoded (what a reader sees, roughly). */
function visible(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("WhatsApp formatting", () => {
  it("draws *bold*, _italic_, ~strike~ and ```monospace```, and fills variables with their examples", () => {
    expect(formattedText("Hi {{1}}, *big* _new_ ~old~ ```code```", ["Ana"])).toBe(
      'Hi <span class="var">Ana</span>, <strong>big</strong> <em>new</em> <s>old</s> <code>code</code>',
    );
  });

  it("leaves markers inside words and lone markers alone, and formats nothing inside monospace", () => {
    expect(formattedText("2*3*4 snake_case_name a * b ```*not bold*```", [])).toBe(
      "2*3*4 snake_case_name a * b <code>*not bold*</code>",
    );
  });

  it("escapes the text and the example values, which are never formatted", () => {
    expect(formattedText('<b>{{1}}</b> & "{{2}}"', ["*x* <i>", ""])).toBe(
      '&lt;b&gt;<span class="var">*x* &lt;i&gt;</span>&lt;/b&gt; &amp; &quot;<span class="var missing">{{2}}</span>&quot;',
    );
  });
});

describe("renderTemplatesPreview", () => {
  const lto = ltoTemplate("summer_sale", {
    test: {
      destinations: ["+919999900001"],
      params: ["Ana"],
      couponCode: "SUMMER25",
      expiry: { kind: "duration", ms: 14 * DAY },
    },
  });
  const html = renderTemplatesPreview(
    [
      lto,
      template("welcome", {
        language: "ar",
        body: "مرحبا {{1}}",
        buttons: [
          { type: "quick_reply", text: "1" },
          { type: "quick_reply", text: "2" },
          { type: "quick_reply", text: "3" },
          { type: "phone_number", text: "Call", phoneNumber: "+918000000000" },
        ],
      }),
    ],
    opts,
  );

  it("is one self-contained page: no script, nothing fetched, a policy that forbids both", () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    );
  });

  it("draws the LTO: media placeholder with the sample's name, offer text, countdown, coupon, buttons", () => {
    expect(html).toContain('data-kind="image"');
    expect(html).toContain('href="https://cdn.example/summer.png"');
    expect(visible(html)).toContain("Summer sale");
    expect(visible(html)).toContain("Ends in 14 days");
    expect(visible(html)).toContain("Code SUMMER25");
    expect(visible(html)).toContain("Copy offer code SUMMER25");
    expect(visible(html)).toContain("Hi Ana, the summer sale ends soon!");
  });

  it("writes right-to-left languages right to left", () => {
    expect(html).toContain('<div class="chat" dir="rtl" lang="ar">');
    expect(html).toContain('<div class="chat" dir="ltr" lang="en">');
  });

  it("shows two buttons and 'See all options' when there are more than three, the rest behind it", () => {
    const welcome = html.slice(html.indexOf('data-key="shop/welcome/ar"'));
    expect(welcome).toMatch(/<details class="more"><summary class="button see-all">/);
    expect((welcome.match(/class="button" data-type=/g) ?? []).length).toBe(4);
  });

  it("HTML-escapes every text a template carries", () => {
    const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const page = renderTemplatesPreview(
      [
        template(`x${evil}`.replace(/[^a-z]/g, "_"), {
          app: evil,
          language: evil,
          vertical: evil,
          header: { type: "text", text: evil },
          body: `{{1}} ${evil}`,
          bodyExamples: [evil],
          footer: evil,
          buttons: [
            { type: "quick_reply", text: evil },
            { type: "url", text: evil, url: `javascript:alert(3)//{{1}}`, example: evil },
          ],
        }),
        ltoTemplate("y", {
          header: { type: "image", example: `javascript:alert(4)/${evil}` },
          lto: { text: evil, hasExpiration: true },
          buttons: [{ type: "copy_code", example: evil }],
        }),
      ],
      { now: NOW, source: evil },
    );
    expect(page).not.toMatch(/<script|<img|href="javascript/i);
    expect(visible(page)).toContain(evil);
  });
});

describe("renderPlanPreview", () => {
  const welcome = template("welcome");
  const p = plan(
    [
      template("welcome", { body: "Hello {{1}}, your order shipped." }),
      template("new_one"),
      template("same"),
    ],
    [remoteOf(welcome), remoteOf(template("same"))],
  );
  const html = renderPlanPreview(p, opts);

  it("shows only the changed templates, the remote beside the declaration", () => {
    expect(html.match(/<section class="change"/g)).toHaveLength(2);
    expect(html).not.toContain('data-key="shop/same/en"');
    const update = html.slice(html.indexOf('data-key="shop/welcome/en"'));
    expect(visible(update)).toMatch(/Now \(remote, APPROVED\)Order updateHello Ana, welcome is ready\./);
    expect(visible(update)).toMatch(/After applyOrder updateHello Ana, your order shipped\./);
    const create = html.slice(
      html.indexOf('data-key="shop/new_one/en"'),
      html.indexOf('data-key="shop/welcome/en"'),
    );
    expect(visible(create)).toContain("not in the remote yet");
  });
});

describe("countdown", () => {
  it("counts days, then hours and minutes, from now to the test expiry", () => {
    expect(countdown({ kind: "duration", ms: DAY }, NOW).text).toBe("Ends in 1 day");
    expect(countdown({ kind: "absolute", epochMs: NOW + 5.5 * 3_600_000 }, NOW).text).toBe(
      "Ends in 5 h 30 min",
    );
    expect(countdown({ kind: "absolute", epochMs: NOW - 1 }, NOW).text).toBe("Offer ended");
    expect(countdown(undefined, NOW).text).toBe("Ends at the time given when sending");
  });
});
