import { beforeEach, describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, create, ltoForm, textForm } from "./api.js";

const DELAY = 1000;
const fx = useSandbox({ rateLimits: false, approvalDelayMs: DELAY });
let token: string;
beforeEach(async () => {
  token = await appToken(fx.url);
});

function upload(fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return call(fx.url, "POST", `/partner/app/${APP}/upload/media`, { auth: token, multipart: form });
}

describe("upload media", () => {
  it("turns a public URL or a file into a handle that an IMAGE template can use as exampleMedia", async () => {
    const byUrl = await upload({ file_type: "image/jpeg", file: "https://cdn.example.com/a.jpg" });
    expect(byUrl.status).toBe(200);
    expect(byUrl.body).toMatchObject({
      status: "success",
      handleId: { message: expect.stringMatching(/^4::/) },
    });
    const byFile = await upload({ file_type: "image/png", file: new Blob([new Uint8Array([1, 2, 3])]) });
    expect(byFile.body.handleId.message).not.toBe(byUrl.body.handleId.message);
    await create(
      fx.url,
      token,
      textForm("pic", { templateType: "IMAGE", exampleMedia: byUrl.body.handleId.message }),
    );
  });

  it("needs multipart with a MIME type and a file or URL", async () => {
    expect(
      (
        await call(fx.url, "POST", `/partner/app/${APP}/upload/media`, {
          auth: token,
          form: { file_type: "image/jpeg" },
        })
      ).status,
    ).toBe(400);
    expect((await upload({ file_type: "jpeg", file: "https://x/a.jpg" })).body.message).toBe(
      "file_type must be a MIME type",
    );
    expect((await upload({ file_type: "image/jpeg", file: "not a url" })).status).toBe(400);
  });
});

describe("send (/template/msg)", () => {
  const send = (template: unknown, over: Record<string, string> = {}) =>
    call(fx.url, "POST", `/partner/app/${APP}/template/msg`, {
      auth: token,
      form: {
        source: "918929874278",
        destination: "918888998545",
        "src.name": "shopapp",
        template: JSON.stringify(template),
        ...over,
      },
    });

  it("refuses a template that is not APPROVED, and sends once it is", async () => {
    const id = await create(fx.url, token, textForm("hello"));
    const early = await send({ id, params: ["Ana"] });
    expect([early.status, early.body.message]).toEqual([400, "Template is not approved (status PENDING)"]);
    fx.clock.advance(DELAY);
    const ok = await send({ id, params: ["Ana"] });
    expect(ok.body).toMatchObject({ status: "submitted", messageId: expect.any(String) });
    expect(fx.sandbox.sends()).toEqual([
      {
        channel: "gupshup-partner",
        templateId: id,
        templateName: "hello",
        destination: "918888998545",
        messageId: ok.body.messageId,
        at: fx.clock.now(),
      },
    ]);
  });

  it("needs an absolute, future expiration in ms for an LTO with expiry", async () => {
    const id = await create(fx.url, token, ltoForm("offer"));
    fx.clock.advance(DELAY);
    const now = fx.clock.now();
    const message = async (expiration?: unknown) =>
      (await send({ id, params: ["250FF"], expiration })).body.message;
    expect(await message()).toBe("template.expiration is required for a limited time offer with expiration");
    expect(await message(Math.floor(now / 1000) + 3600)).toBe(
      "template.expiration must be an absolute UNIX time in milliseconds",
    );
    expect(await message(3_600_000)).toBe(
      "template.expiration must be an absolute UNIX time in milliseconds",
    );
    expect(await message(String(now + 3_600_000))).toBe(
      "template.expiration must be an absolute UNIX time in milliseconds",
    );
    expect(await message(now)).toBe("template.expiration must be in the future");
    expect((await send({ id, params: ["250FF"], expiration: now + 3_600_000 })).body.status).toBe(
      "submitted",
    );
  });

  it("does not need an expiration for an LTO without expiry", async () => {
    const id = await create(fx.url, token, ltoForm("no_expiry", { hasExpiration: "false", buttons: "[]" }));
    fx.clock.advance(DELAY);
    expect((await send({ id, params: [] })).body.status).toBe("submitted");
  });

  it("checks the sender, the destination and the template reference", async () => {
    const id = await create(fx.url, token, textForm("checks"));
    fx.clock.advance(DELAY);
    expect((await send({ id }, { "src.name": "" })).body.message).toBe("Invalid App Details");
    expect((await send({ id }, { destination: "+91 888" })).body.message).toBe("Invalid Destination");
    expect((await send({ id }, { template: "{oops" })).body.message).toBe("template must be a JSON string");
    expect((await send({ id: "unknown" })).body.message).toBe("Invalid Template Id");
    const other = await appToken(fx.url, "other-app");
    const foreign = await call(fx.url, "POST", "/partner/app/other-app/template/msg", {
      auth: other,
      form: {
        source: "918929874278",
        destination: "918888998545",
        "src.name": "x",
        template: JSON.stringify({ id }),
      },
    });
    expect(foreign.body.message).toBe("Invalid Template Id");
  });

  it("holds the documented fields to their documented form: digits-only source, string params, JSON message", async () => {
    const id = await create(fx.url, token, textForm("forms"));
    fx.clock.advance(DELAY);
    const refused = async (template: unknown, over: Record<string, string>) => {
      const r = await send(template, over);
      return [r.status, r.body.message];
    };
    expect(await refused({ id, params: ["Ana"] }, { source: "+918929874278" })).toEqual([
      400,
      "Invalid App Details",
    ]);
    expect(await refused({ id, params: [1] }, {})).toEqual([
      400,
      "template.params must be an array of strings",
    ]);
    expect(await refused({ id, params: ["Ana"] }, { channel: "WhatsApp Business" })).toEqual([
      400,
      'channel must be "whatsapp"',
    ]);
    expect(await refused({ id, params: ["Ana"] }, { sandbox: "no" })).toEqual([
      400,
      "sandbox must be true or false",
    ]);
    for (const message of ["https://x/y.png", '{"type":"image","image":"https://x/y.png"}']) {
      expect((await refused({ id, params: ["Ana"] }, { message }))[0]).toBe(400);
    }
    expect(await refused({ id, params: ["Ana"] }, { postbackTexts: "hello" })).toEqual([
      400,
      "postbackTexts must be a JSON array string",
    ]);
    expect(fx.sandbox.sends()).toEqual([]);
    const ok = await send(
      { id, params: ["Ana"] },
      { channel: "whatsapp", sandbox: "false", postbackTexts: '[{"index":0,"text":"hi"}]' },
    );
    expect(ok.body.status).toBe("submitted");
  });
});
