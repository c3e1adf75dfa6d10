// loadDeclaration: the canonical form it produces (defaults, normalisation), positions, several
// files, and its promise never to throw on bad input.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadDeclaration } from "../../src/config/load.js";
import { BASE, codes, errors, loadTemplates, loadText, NOW, SHOP, tempDir } from "./helpers.js";

const dirs = tempDir();
afterAll(() => dirs.cleanup());

describe("canonical form", () => {
  it("applies defaults and fills the canonical template", async () => {
    const welcome = { name: "welcome", body: "Welcome to the shop, {{1}}!", examples: { body: ["Asha"] } };
    const { declaration, diagnostics } = await loadTemplates([welcome]);
    const line =
      stringify({ ...BASE, templates: [welcome] })
        .split("\n")
        .findIndex((l) => l.includes("- name: welcome")) + 1;
    expect(diagnostics).toEqual([]);
    const [t] = declaration.templates;
    expect(t).toMatchObject({
      app: "shop",
      name: "welcome",
      language: "en_US",
      category: "MARKETING",
      kind: "standard",
      vertical: "promotions",
      body: "Welcome to the shop, {{1}}!",
      bodyExamples: ["Asha"],
      buttons: [],
      allowCategoryChange: false,
      protect: false,
      source: { line, col: 5 },
    });
    expect(t).not.toHaveProperty("header");
    expect(t).not.toHaveProperty("footer");
    expect(t).not.toHaveProperty("lto");
    expect(t).not.toHaveProperty("test");
  });

  it("normalises text: NFC, \\n line endings, trailing spaces, outer blank lines; empty footer is absent", async () => {
    const decomposed = "Cafe\u0301"; // e + combining acute
    const { declaration } = await loadTemplates([
      {
        name: "menu",
        body: `\n\n${decomposed} opens at {{1}}.   \r\nSee you soon!\t\n\n`,
        examples: { body: [" 9am "] },
        footer: "   ",
        buttons: [{ type: "quick_reply", text: "  Book a table  " }],
      },
    ]);
    const [t] = declaration.templates;
    expect(t?.body).toBe("Café opens at {{1}}.\nSee you soon!");
    expect(t?.body.includes("\u0301")).toBe(false);
    expect(t?.bodyExamples).toEqual(["9am"]);
    expect(t).not.toHaveProperty("footer");
    expect(t?.buttons).toEqual([{ type: "quick_reply", text: "Book a table" }]);
  });

  it("keeps buttons in declared order and gives product kinds their default header and button", async () => {
    const { declaration } = await loadTemplates([
      {
        name: "mixed",
        body: "Our new store opens this weekend.",
        buttons: [
          { type: "url", text: "Visit", url: "https://shop.example.com" },
          { type: "quick_reply", text: "Later" },
          { type: "quick_reply", text: "Never" },
        ],
      },
      {
        name: "picks",
        kind: "multi_product",
        header: { type: "text", text: "Picks" },
        body: "Our picks for you.",
      },
      { name: "browse", kind: "catalog", body: "Browse our catalog." },
      { name: "item", kind: "single_product", body: "Back in stock." },
    ]);
    const [mixed, picks, browse, item] = declaration.templates;
    expect(mixed?.buttons.map((b) => b.type)).toEqual(["url", "quick_reply", "quick_reply"]);
    expect(picks?.buttons).toEqual([{ type: "mpm", text: "View items" }]);
    expect(browse?.buttons).toEqual([{ type: "catalog", text: "View catalog" }]);
    expect(item?.header).toEqual({ type: "product" });
    expect(item?.buttons).toEqual([{ type: "spm", text: "View" }]);
  });

  it("stores the header example substituted, the URL example as the value, phone numbers in E.164", async () => {
    const { declaration, diagnostics } = await loadTemplates(
      [
        {
          name: "refill",
          header: { type: "text", text: "Refill: {{1}}" },
          examples: { header: "Metformin", body: ["Anil"] },
          body: "Hello {{1}}, your refill is ready.",
          buttons: [
            {
              type: "url",
              text: "Track",
              url: "https://care.example.com/t/{{1}}",
              example: "https://care.example.com/t/CP-1",
            },
            { type: "phone_number", text: "Call", phoneNumber: "0091 80-4567-8900" },
          ],
        },
      ],
      { apps: { shop: { ...SHOP, source: 918929874278 } } },
    );
    const [t] = declaration.templates;
    expect(t?.header).toEqual({ type: "text", text: "Refill: {{1}}", example: "Refill: Metformin" });
    expect(t?.buttons[0]).toMatchObject({ type: "url", example: "CP-1" });
    expect(t?.buttons[1]).toMatchObject({ phoneNumber: "+918045678900" });
    expect(declaration.apps[0]?.source).toBe("+918929874278");
    expect(codes({ declaration, diagnostics, files: [] })).toEqual(["BTN-010"]);
  });

  it("builds the test block, defaulting values to the declared examples", async () => {
    const { declaration, diagnostics } = await loadTemplates(
      [
        {
          name: "spring_lto",
          kind: "lto",
          header: { type: "image", example: "https://cdn.example.com/s.png" },
          body: "Hi {{1}}, {{2}} off today.",
          examples: { body: ["Pablo", "20%"] },
          limitedOfferText: "Today only",
          hasExpiration: true,
          buttons: [
            { type: "copy_code", example: "SPRING20" },
            { type: "url", text: "Shop", url: "https://shop.example.com/?p={{1}}", example: "spring" },
          ],
          test: { expiresIn: "1d12h", channel: "kaleyra-v2" },
        },
        {
          name: "autumn_lto",
          kind: "lto",
          body: "Hi {{1}}, autumn deals today.",
          examples: { body: ["Pablo"] },
          limitedOfferText: "Autumn",
          hasExpiration: true,
          buttons: [
            { type: "copy_code", example: "AUTUMN" },
            { type: "url", text: "Shop", url: "https://shop.example.com/autumn" },
          ],
          test: {
            destinations: ["+91 99999 00009"],
            params: ["Ana"],
            expiresAt: "2030-02-01T00:00:00+05:30",
          },
        },
      ],
      { defaults: { ...BASE.defaults, testDestinations: ["919999900001"] } },
    );
    expect(errors({ declaration, diagnostics, files: [] })).toEqual([]);
    const [spring, autumn] = declaration.templates;
    expect(spring?.test).toEqual({
      destinations: ["+919999900001"],
      params: ["Pablo", "20%"],
      headerMedia: { link: "https://cdn.example.com/s.png" },
      couponCode: "SPRING20",
      urlSuffix: "spring",
      expiry: { kind: "duration", ms: 36 * 3_600_000 },
      channel: "kaleyra-v2",
    });
    expect(autumn?.test).toEqual({
      destinations: ["+919999900009"],
      params: ["Ana"],
      couponCode: "AUTUMN",
      expiry: { kind: "absolute", epochMs: Date.UTC(2030, 0, 31, 18, 30) },
    });
  });

  it("maps apps with their options and the default channel", async () => {
    const { declaration } = await loadText(
      stringify({
        version: 1,
        apps: {
          shop: { ...SHOP, prune: true, rateLimit: { perMinute: 5 } },
          travel: { ...SHOP, appName: "travelapp", channel: "gupshup" },
        },
        defaults: { channel: "gupshup-partner" },
      }),
    );
    expect(declaration.apps).toEqual([
      { alias: "shop", ...SHOP, prune: true, rateLimitPerMinute: 5, channel: "gupshup-partner" },
      { alias: "travel", ...SHOP, appName: "travelapp", prune: false, channel: "gupshup" },
    ]);
  });
});

describe("positions", () => {
  it("points at the offending node: value, unknown key, missing key", async () => {
    const text = [
      "version: 1", //                                              1
      "apps:", //                                                   2
      "  shop: { appId: a, appName: b, source: '+918929874278' }", // 3
      "defaults: { language: en_US, category: MARKETING, vertical: v }", // 4
      "templates:", //                                              5
      "  - name: ok_template", //                                   6
      "    body: Hello there, how are you?", //                     7
      "    footer: 'a footer that is definitely longer than the sixty characters allowed'", // 8
      "  - name: second", //                                        9
      "    bdy: oops", //                                           10
    ].join("\n");
    const { diagnostics } = await loadText(text);
    const at = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => [d.line, d.col]);
    expect(at("FTR-001")).toEqual([[8, 13]]);
    expect(diagnostics.find((d) => d.message.includes('"bdy"'))).toMatchObject({
      line: 10,
      col: 5,
      code: "SCHEMA",
    });
    expect(diagnostics.find((d) => d.code === "BODY-001")).toMatchObject({ line: 9, col: 5 });
  });

  it("reports a YAML syntax error once, with its position", async () => {
    const { diagnostics, declaration } = await loadText(
      "version: 1\ntemplates:\n  - name: 'unclosed\n    body: x\n",
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "YAML-SYNTAX", severity: "error", line: 3 });
    expect(declaration.templates).toEqual([]);
  });

  it("reports every duplicate key", async () => {
    const { diagnostics } = await loadText("version: 1\nversion: 1\ntemplates: []\ntemplates: []\n");
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ["YAML-DUPKEY", 2, 'duplicate key "version"'],
      ["YAML-DUPKEY", 4, 'duplicate key "templates"'],
    ]);
  });
});

describe("several files", () => {
  function writeDir(name: string, files: Record<string, string>): string {
    const dir = join(dirs.dir, name);
    mkdirSync(dir);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    return dir;
  }

  it("merges a directory's *.yaml and *.yml in name order, and reports duplicates with both places", async () => {
    const template = (body: string) => stringify({ version: 1, templates: [{ name: "promo", body }] });
    const dir = writeDir("merged", {
      "b-second.yml": template("The second promo of the week."),
      "a-first.yaml": stringify(BASE),
      "c-third.yaml": template("The third promo of the week."),
      "notes.txt": "not yaml",
    });
    const result = await loadDeclaration([dir], { now: NOW, cwd: dirs.dir });
    expect(result.files).toEqual(["merged/a-first.yaml", "merged/b-second.yml", "merged/c-third.yaml"]);
    const dup = result.diagnostics.filter((d) => d.code === "NAME-004");
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ file: "merged/c-third.yaml", line: 3, col: 11 });
    expect(dup[0]?.message).toContain("merged/b-second.yml:3:5");
  });

  it("accepts -f several times and reads a file given twice once", async () => {
    const dir = writeDir("repeated", {
      "apps.yaml": stringify(BASE),
      "t.yaml": stringify({ version: 1, templates: [{ name: "promo", body: "A promo for everyone." }] }),
    });
    const apps = join(dir, "apps.yaml");
    const t = join(dir, "t.yaml");
    const result = await loadDeclaration([apps, t, t], { now: NOW, cwd: dir });
    expect(result.files).toEqual(["apps.yaml", "t.yaml"]);
    expect(result.diagnostics).toEqual([]);
    expect(result.declaration.templates.map((x) => x.name)).toEqual(["promo"]);
  });
});

describe("robustness", () => {
  it("skips a template with a structural error but still lints the others", async () => {
    const { declaration, diagnostics } = await loadTemplates([
      { name: "broken", body: "Fine body.", buttons: "not a list" },
      { name: "Bad Name", body: "Another body." },
    ]);
    expect(codes({ declaration, diagnostics, files: [] })).toEqual(["SCHEMA", "NAME-001"]);
    expect(declaration.templates.map((t) => t.name)).toEqual(["Bad Name"]);
  });

  it("never echoes the value of a secret-looking key", async () => {
    const secret = "sk_live_abcdef0123456789";
    const { diagnostics } = await loadTemplates([], { apps: { shop: { ...SHOP, partnerToken: secret } } });
    expect(codes({ declaration: { apps: [], templates: [] }, diagnostics, files: [] })).toEqual([
      "SECRET-001",
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain(secret);
  });

  it("never throws, whatever the file holds", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => stringify(v)),
          fc.jsonValue().map((v) => stringify({ version: 1, templates: [v] })),
        ),
        async (text) => {
          const result = await loadText(text);
          expect(Array.isArray(result.diagnostics)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
