import { describe, expect, it } from "vitest";
import { contentOf } from "../../../src/model/content.js";
import { diffContent } from "../../../src/plan/content-diff.js";
import { testApp, useSandbox } from "../../helpers/sandbox.js";
import {
  catalogContent,
  imageContent,
  key,
  ltoContent,
  multiProductContent,
  singleProductContent,
  standardContent,
} from "./content.js";

const DELAY = 60_000;
const fx = useSandbox({ rateLimits: false, approvalDelayMs: DELAY });
const app = testApp();

describe("Gupshup provider against the sandbox", () => {
  it.each([
    ["lto", ltoContent()],
    ["standard with text header, footer and buttons", standardContent()],
    ["image header (uploaded sample)", imageContent()],
    ["multi-product", multiProductContent()],
    ["catalog", catalogContent()],
    ["single-product", singleProductContent()],
  ])("creates a %s template that lists back as the same canonical content", async (_name, content) => {
    const provider = fx.provider();
    const created = await provider.createTemplate(app, key("round_trip"), content);
    expect(created).toMatchObject({ app: "shop", name: "round_trip", language: "en", status: "PENDING" });
    // equal as plan compares them: a media sample's URL is write-only (only its handle comes back)
    expect(diffContent(created, content)).toEqual([]);
    const [listed] = (await provider.listTemplates(app)).templates;
    expect(listed).toEqual(created);
  });

  it("uploads a media header's example once per URL and sends its handle", async () => {
    const provider = fx.provider();
    await provider.createTemplate(app, key("pic_a"), imageContent());
    await provider.createTemplate(app, key("pic_b"), imageContent());
    const uploads = fx.sandbox.stats().byPath[`POST /partner/app/${app.appId}/upload/media`];
    expect(uploads).toBe(1);
    const stored = fx.sandbox.state().templates.map((t) => [t.exampleMedia, t.mediaUrl]);
    expect(stored[0]?.[0]).toMatch(/^4::/);
    // the undocumented mediaUrl is not sent
    expect(stored).toEqual([[stored[0]?.[0], undefined], stored[0]]);
  });

  it("a body-only edit of an LTO with an image header sends the row's handle back and uploads nothing (14.8)", async () => {
    const lto = ltoContent({ header: { type: "image", example: "https://cdn.example.com/summer.jpg" } });
    const created = await fx.provider().createTemplate(app, key("flash_lto"), lto);
    fx.clock.advance(DELAY);
    const uploads = () => fx.sandbox.stats().byPath[`POST /partner/app/${app.appId}/upload/media`] ?? 0;
    expect(uploads()).toBe(1);
    // a later run: a new process, so no handle cached in memory
    const later = fx.provider();
    const [row] = (await later.listTemplates(app)).templates;
    await later.updateTemplate(app, row!, { ...lto, body: "Hi {{1}}, the deal is on till Sunday." });
    expect(uploads()).toBe(1);
    const stored = fx.sandbox.state().templates[0]!;
    expect([stored.content, stored.exampleMedia]).toEqual([
      "Hi {{1}}, the deal is on till Sunday.",
      created.header?.type === "image" ? created.header.handle : "",
    ]);
    // a header that changes media type is uploaded again (a day later: one edit a day once APPROVED)
    fx.clock.advance(DELAY + 86_400_000);
    await later.updateTemplate(app, row!, {
      ...lto,
      header: { type: "video", example: "https://cdn.example.com/a.mp4" },
    });
    expect(uploads()).toBe(2);
  });

  it("lists every page and follows the status through review", async () => {
    const provider = fx.provider({ pageSize: 3 });
    for (let i = 0; i < 7; i++) await provider.createTemplate(app, key(`t${i}`), standardContent());
    await provider.createTemplate(
      app,
      key("t_rejected"),
      standardContent({ body: "REJECT_ME {{1}}", bodyExamples: ["x"] }),
    );
    fx.clock.advance(DELAY);
    const listed = (await provider.listTemplates(app)).templates;
    expect(listed.map((t) => `${t.name}:${t.status}`)).toEqual([
      ...Array.from({ length: 7 }, (_, i) => `t${i}:APPROVED`),
      "t_rejected:REJECTED",
    ]);
    expect(listed.at(-1)?.reason).toBe("INVALID_FORMAT");
    expect(fx.sandbox.stats().byBucket["templates"]).toBe(8 + 3);
  });

  it("lists every row from a 1-based sandbox too", async () => {
    fx.sandbox.configure({ pageBase: 1 });
    const provider = fx.provider({ pageSize: 2 });
    for (let i = 0; i < 5; i++) await provider.createTemplate(app, key(`p${i}`), catalogContent());
    expect((await provider.listTemplates(app)).templates.map((t) => t.name)).toEqual([
      "p0",
      "p1",
      "p2",
      "p3",
      "p4",
    ]);
  });

  it("updates a template in place: new content, back to PENDING", async () => {
    const provider = fx.provider();
    const created = await provider.createTemplate(app, key("upd"), standardContent());
    fx.clock.advance(DELAY);
    const next = standardContent({ body: "Hello {{1}}, order {{2}} is on its way.", footer: undefined });
    await provider.updateTemplate(app, created, next);
    const [listed] = (await provider.listTemplates(app)).templates;
    expect(listed?.status).toBe("PENDING");
    expect(contentOf(listed!)).toEqual(next);
  });

  it("deletes one language by name and id", async () => {
    const provider = fx.provider();
    const en = await provider.createTemplate(app, key("gone"), catalogContent());
    await provider.createTemplate(app, key("gone", "es"), catalogContent());
    await provider.createTemplate(app, key("kept"), catalogContent());
    await provider.deleteTemplate(app, en);
    expect((await provider.listTemplates(app)).templates.map((t) => `${t.name}/${t.language}`)).toEqual([
      "gone/es",
      "kept/en",
    ]);
  });

  it("sends a template message and returns the message id", async () => {
    const provider = fx.provider();
    const t = await provider.createTemplate(app, key("hello"), ltoContent());
    fx.clock.advance(DELAY);
    const form = new URLSearchParams({
      source: "918929874278",
      destination: "918888998545",
      "src.name": app.appName,
      template: JSON.stringify({
        id: t.id,
        params: ["Pablo", "250FF"],
        expiration: fx.clock.now() + 3_600_000,
      }),
    });
    const { messageId } = await provider.sendTemplate(app, form);
    expect(fx.sandbox.sends().map((s) => s.messageId)).toEqual([messageId]);
  });

  it("fetches the app token once per app and reuses the connection", async () => {
    const provider = fx.provider();
    await Promise.all([
      provider.listTemplates(app),
      provider.listTemplates(app),
      provider.listTemplates(testApp({ alias: "b", appId: "app-b" })),
    ]);
    await provider.listTemplates(app);
    const stats = fx.sandbox.stats();
    expect(stats.byPath[`GET /partner/app/${app.appId}/token`]).toBe(1);
    expect(stats.byPath["GET /partner/app/app-b/token"]).toBe(1);
  });
});
