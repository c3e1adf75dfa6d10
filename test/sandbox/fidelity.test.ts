// What the field evidence taught the sandbox (field-evidence.md): undocumented form fields are
// reported and, under `strict`, refused; how an edit treats omitted fields is a setting; the
// duplicate check holds whatever the existing template's status.

import { beforeEach, describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, create, list, textForm } from "./api.js";

const fx = useSandbox({ rateLimits: false, approvalDelayMs: 0 });
let token: string;
beforeEach(async () => {
  token = await appToken(fx.url);
});

const post = (form: Record<string, string>) =>
  call(fx.url, "POST", `/partner/app/${APP}/templates`, { auth: token, form });

describe("undocumented form fields", () => {
  it("are named in a response header and counted in the stats", async () => {
    const r = await post(textForm("extra", { mediaUrl: "https://x/y.png", appId: APP }));
    expect(r.status).toBe(200);
    expect(r.headers.get("x-sandbox-undocumented-fields")).toBe("appId,mediaUrl");
    expect(fx.sandbox.stats().undocumentedFields).toEqual({
      [`POST /partner/app/${APP}/templates`]: { appId: 1, mediaUrl: 1 },
    });
  });

  it("are refused with 400 under strict, before anything is created", async () => {
    fx.sandbox.configure({ strict: true });
    const r = await post(textForm("extra", { headerType: "PRODUCT" }));
    expect([r.status, r.body.message]).toEqual([400, "Undocumented field: headerType (sandbox strict mode)"]);
    expect((await list(fx.url, token)).body.templates).toEqual([]);
    expect((await post(textForm("plain"))).status).toBe(200);
  });

  it("are checked per endpoint: mediaUrl is documented for edits", async () => {
    fx.sandbox.configure({ strict: true });
    const id = await create(fx.url, token, textForm("pic"));
    const r = await call(fx.url, "PUT", `/partner/app/${APP}/templates/${id}`, {
      auth: token,
      form: { content: "Hi {{1}}", example: "Hi Bo", category: "MARKETING", mediaUrl: "https://x/y.png" },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-sandbox-undocumented-fields")).toBeNull();
  });
});

describe("form endpoints take form-urlencoded bodies only (the Content-Type of every sample)", () => {
  it("refuse a JSON or multipart body on create, edit, login, UAT mint and revoke, and /template/msg, before anything happens", async () => {
    const id = await create(fx.url, token, textForm("formonly"));
    const endpoints: [string, string, string | undefined][] = [
      ["POST", `/partner/app/${APP}/templates`, token],
      ["PUT", `/partner/app/${APP}/templates/${id}`, token],
      ["POST", "/partner/account/login", undefined],
      ["POST", `/partner/app/${APP}/token`, "Bearer some-universal-token"],
      ["POST", `/partner/app/${APP}/token/revoke`, "Bearer some-universal-token"],
      ["POST", `/partner/app/${APP}/template/msg`, token],
    ];
    const multipart = new FormData();
    multipart.set("elementName", "as_multipart");
    for (const [method, path, auth] of endpoints) {
      const json = await call(fx.url, method, path, { ...(auth && { auth }), json: textForm("as_json") });
      expect([path, json.status, json.body.message]).toEqual([
        path,
        400,
        'Content-Type must be application/x-www-form-urlencoded, got "application/json"',
      ]);
      const multi = await call(fx.url, method, path, { ...(auth && { auth }), multipart });
      expect([path, multi.status]).toEqual([path, 400]);
      expect(multi.body.message).toContain('got "multipart/form-data"');
    }
    const names = (await list(fx.url, token)).body.templates.map(
      (t: { elementName: string }) => t.elementName,
    );
    expect(names).toEqual(["formonly"]);
    expect((await post(textForm("as_form"))).status).toBe(200);
  });
});

describe("what an edit does with omitted fields (editOmitted)", () => {
  // REJECTED templates can be edited again and again (no 24 h quota)
  const withParts = textForm("parts", {
    content: "REJECT_ME {{1}}",
    example: "REJECT_ME a",
    footer: "Reply STOP",
    buttons: JSON.stringify([{ type: "QUICK_REPLY", text: "Yes" }]),
  });
  const contentOnly = {
    content: "REJECT_ME, hello {{1}}",
    example: "REJECT_ME, hello Bo",
    category: "MARKETING",
  };
  const meta = async () => JSON.parse((await list(fx.url, token)).body.templates[0].containerMeta);

  it("keep: an omitted part keeps its value, an empty one is cleared", async () => {
    fx.sandbox.configure({ editOmitted: "keep" });
    const id = await create(fx.url, token, withParts);
    await call(fx.url, "PUT", `/partner/app/${APP}/templates/${id}`, { auth: token, form: contentOnly });
    expect(await meta()).toMatchObject({
      data: "REJECT_ME, hello {{1}}",
      footer: "Reply STOP",
      buttons: [{ type: "QUICK_REPLY" }],
    });
    await call(fx.url, "PUT", `/partner/app/${APP}/templates/${id}`, {
      auth: token,
      form: { ...contentOnly, footer: "", buttons: "[]" },
    });
    const after = await meta();
    expect([after.footer, after.buttons]).toEqual([undefined, undefined]);
  });

  it("clear: an omitted part is removed, as Meta replaces all components", async () => {
    fx.sandbox.configure({ editOmitted: "clear" });
    const id = await create(fx.url, token, withParts);
    await call(fx.url, "PUT", `/partner/app/${APP}/templates/${id}`, { auth: token, form: contentOnly });
    const after = await meta();
    expect([after.data, after.footer, after.buttons]).toEqual([
      "REJECT_ME, hello {{1}}",
      undefined,
      undefined,
    ]);
  });
});

describe("duplicate create", () => {
  it("answers the documented error also when the existing template is REJECTED", async () => {
    await create(fx.url, token, textForm("again", { content: "REJECT_ME {{1}}", example: "REJECT_ME a" }));
    expect((await list(fx.url, token)).body.templates[0].status).toBe("REJECTED");
    const r = await post(textForm("again"));
    expect([r.status, r.body]).toEqual([
      400,
      {
        status: "error",
        message: "Template Already exists with same namespace and elementName and languageCode",
      },
    ]);
  });
});

describe("the self-serve send on the older /sm path (glific)", () => {
  it("answers like /wa/api/v1/template/msg, and reports undocumented fields there too", async () => {
    const id = await create(fx.url, token, textForm("hello"));
    const form = {
      channel: "whatsapp",
      source: "918929874278",
      destination: "918888998545",
      "src.name": "shopapp",
      template: JSON.stringify({ id, params: ["Ana"] }),
    };
    const answers = [];
    for (const path of ["/wa/api/v1/template/msg", "/sm/api/v1/template/msg"]) {
      const res = await fetch(`${fx.url}${path}`, {
        method: "POST",
        headers: { apikey: "k", "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...form, appId: APP }).toString(),
      });
      answers.push([res.status, res.headers.get("x-sandbox-undocumented-fields")]);
    }
    expect(answers).toEqual([
      [202, "appId"],
      [202, "appId"],
    ]);
    expect(fx.sandbox.sends().map((s) => s.channel)).toEqual(["gupshup", "gupshup"]);
  });
});
