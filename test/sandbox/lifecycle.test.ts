import { beforeEach, describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, create, list, textForm } from "./api.js";

const DELAY = 30_000;
const DAY = 86_400_000;
const fx = useSandbox({ rateLimits: false, approvalDelayMs: DELAY });
let token: string;
beforeEach(async () => {
  token = await appToken(fx.url);
});

const row = async (name: string, language = "en") =>
  (await list(fx.url, token, `?elementName=${name}`)).body.templates.find(
    (t: { languageCode: string }) => t.languageCode === language,
  );
const edit = (id: string, form: Record<string, string>) =>
  call(fx.url, "PUT", `/partner/app/${APP}/templates/${id}`, { auth: token, form });
const fullEdit = (over: Record<string, string> = {}) => ({
  content: "Hi {{1}}, welcome back.",
  example: "Hi Ana, welcome back.",
  category: "MARKETING",
  ...over,
});
async function approved(name: string): Promise<string> {
  const id = await create(fx.url, token, textForm(name));
  fx.clock.advance(DELAY);
  expect((await row(name)).status).toBe("APPROVED");
  return id;
}

describe("Meta review", () => {
  it("keeps a template PENDING until the approval delay has passed on the sandbox clock, then APPROVES it", async () => {
    await create(fx.url, token, textForm("welcome"));
    fx.clock.advance(DELAY - 1);
    expect((await row("welcome")).status).toBe("PENDING");
    fx.clock.advance(1);
    const t = await row("welcome");
    expect(t.status).toBe("APPROVED");
    expect(t.externalId).toMatch(/^\d+$/);
  });

  it("REJECTS bodies matching a review rule, with its reason (default rule: REJECT_ME)", async () => {
    await create(fx.url, token, textForm("bad", { content: "REJECT_ME {{1}}", example: "REJECT_ME x" }));
    fx.clock.advance(DELAY);
    expect(await row("bad")).toMatchObject({ status: "REJECTED", reason: "INVALID_FORMAT" });
  });

  it("uses configured review rules and delay", async () => {
    fx.sandbox.configure({
      approvalDelayMs: 5,
      reviewRules: [{ pattern: "free money", flags: "i", reason: "SCAM" }],
    });
    await create(
      fx.url,
      token,
      textForm("scam", { content: "FREE MONEY for {{1}}", example: "FREE MONEY for x" }),
    );
    await create(
      fx.url,
      token,
      textForm("fine", { content: "REJECT_ME is allowed now {{1}}", example: "REJECT_ME is allowed now x" }),
    );
    fx.clock.advance(5);
    expect(await row("scam")).toMatchObject({ status: "REJECTED", reason: "SCAM" });
    expect((await row("fine")).status).toBe("APPROVED");
  });
});

describe("edit", () => {
  it("is refused while PENDING, and for an unknown id with the real message", async () => {
    const id = await create(fx.url, token, textForm("pending"));
    const r = await edit(id, fullEdit());
    expect([r.status, r.body.message]).toEqual([
      400,
      "Template in status PENDING cannot be edited; only APPROVED, REJECTED or PAUSED",
    ]);
    expect((await edit("nope", fullEdit())).body).toEqual({
      status: "error",
      message: "No Template found for given id",
    });
  });

  it("sends an edited template back to review with the new content, replacing the components", async () => {
    const id = await create(fx.url, token, textForm("edited", { footer: "old footer" }));
    fx.clock.advance(DELAY);
    const r = await edit(id, fullEdit());
    expect(r.body).toEqual({ status: "success" });
    const t = await row("edited");
    expect(t.status).toBe("PENDING");
    const meta = JSON.parse(t.containerMeta);
    expect([meta.data, meta.sampleText, meta.footer]).toEqual([
      "Hi {{1}}, welcome back.",
      "Hi Ana, welcome back.",
      undefined,
    ]);
    fx.clock.advance(DELAY);
    expect((await row("edited")).status).toBe("APPROVED");
  });

  it("never lets an APPROVED template change category", async () => {
    const id = await approved("locked_category");
    const r = await edit(id, fullEdit({ category: "UTILITY" }));
    expect([r.status, r.body.message]).toEqual([
      400,
      "The category of an APPROVED template cannot be changed",
    ]);
  });

  it("lets REJECTED and PAUSED templates be edited without quota, the category included", async () => {
    const id = await create(
      fx.url,
      token,
      textForm("rejected", { content: "REJECT_ME {{1}}", example: "REJECT_ME a" }),
    );
    fx.clock.advance(DELAY);
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await edit(
            id,
            fullEdit({ category: "UTILITY", content: `REJECT_ME ${i} {{1}}`, example: `REJECT_ME ${i} a` }),
          )
        ).status,
      ).toBe(200);
      fx.clock.advance(DELAY);
    }
    expect(await row("rejected")).toMatchObject({
      status: "REJECTED",
      category: "UTILITY",
      oldCategory: "MARKETING",
    });
    const paused = await approved("paused");
    fx.sandbox.setTemplateStatus(paused, "PAUSED");
    expect((await edit(paused, fullEdit())).status).toBe(200);
  });

  it("allows an APPROVED template at most 1 edit per 24 h and 10 per 30 days", async () => {
    const id = await approved("quota");
    expect((await edit(id, fullEdit())).status).toBe(200);
    fx.clock.advance(DELAY);
    const second = await edit(id, fullEdit());
    // Meta's refusal as Gupshup relays Meta errors (the real wording is unknown: sandbox choice)
    expect(second.status).toBe(400);
    expect(second.body).toEqual({
      status: "error",
      error: {
        code: 100,
        message: "(#100) Invalid parameter",
        error_user_title: "Message template edit limit reached",
        error_user_msg: "An approved message template can only be edited once in 24 hours.",
        type: "OAuthException",
        fbtrace_id: expect.stringMatching(/^[0-9a-f]{22}$/),
      },
    });
    for (let i = 2; i <= 10; i++) {
      fx.clock.advance(DAY);
      expect((await edit(id, fullEdit({ content: `Edit ${i} {{1}}`, example: `Edit ${i} a` }))).status).toBe(
        200,
      );
      fx.clock.advance(DELAY);
    }
    fx.clock.advance(DAY);
    const eleventh = await edit(id, fullEdit());
    expect(eleventh.body.error.error_user_msg).toBe(
      "An approved message template can only be edited 10 times in 30 days.",
    );
    fx.clock.advance(20 * DAY); // the first edits leave the 30-day window
    expect((await edit(id, fullEdit())).status).toBe(200);
  });
});

describe("delete", () => {
  it("by name removes every language of that name", async () => {
    await create(fx.url, token, textForm("bye"));
    await create(fx.url, token, textForm("bye", { languageCode: "es" }));
    await create(fx.url, token, textForm("stay"));
    const r = await call(fx.url, "DELETE", `/partner/app/${APP}/template/bye`, { auth: token });
    expect(r.body).toEqual({ status: "success" });
    expect(
      (await list(fx.url, token)).body.templates.map((t: { elementName: string }) => t.elementName),
    ).toEqual(["stay"]);
    const again = await call(fx.url, "DELETE", `/partner/app/${APP}/template/bye`, { auth: token });
    expect([again.status, again.body.message]).toEqual([400, "Template Does not exists."]);
  });

  it("by name and id removes one language, and refuses an id of another name", async () => {
    const en = await create(fx.url, token, textForm("one"));
    await create(fx.url, token, textForm("one", { languageCode: "es" }));
    const other = await create(fx.url, token, textForm("two"));
    const mismatch = await call(fx.url, "DELETE", `/partner/app/${APP}/template/one/${other}`, {
      auth: token,
    });
    expect([mismatch.status, mismatch.body.message]).toEqual([
      403,
      "Template ID and template name does not match",
    ]);
    expect(
      (await call(fx.url, "DELETE", `/partner/app/${APP}/template/one/${en}`, { auth: token })).status,
    ).toBe(200);
    expect(
      (await list(fx.url, token, "?elementName=one")).body.templates.map(
        (t: { languageCode: string }) => t.languageCode,
      ),
    ).toEqual(["es"]);
    expect(
      (await call(fx.url, "DELETE", `/partner/app/${APP}/template/one/${en}`, { auth: token })).body.message,
    ).toBe("Template Does not exists.");
  });

  it("locks the name of a deleted APPROVED template for 30 days", async () => {
    const id = await approved("promo");
    await call(fx.url, "DELETE", `/partner/app/${APP}/template/promo/${id}`, { auth: token });
    const blocked = await call(fx.url, "POST", `/partner/app/${APP}/templates`, {
      auth: token,
      form: textForm("promo", { languageCode: "es" }),
    });
    expect(blocked.status).toBe(400);
    expect(blocked.body.message).toMatch(
      /^Template name promo was deleted while approved and cannot be reused until 2030-/,
    );
    fx.clock.advance(30 * DAY);
    await create(fx.url, token, textForm("promo"));
  });

  it("does not lock the name of a deleted REJECTED or PENDING template", async () => {
    await create(fx.url, token, textForm("rej", { content: "REJECT_ME {{1}}", example: "REJECT_ME a" }));
    await create(fx.url, token, textForm("pend"));
    await call(fx.url, "DELETE", `/partner/app/${APP}/template/pend`, { auth: token });
    fx.clock.advance(DELAY);
    expect((await row("rej")).status).toBe("REJECTED");
    await call(fx.url, "DELETE", `/partner/app/${APP}/template/rej`, { auth: token });
    await create(fx.url, token, textForm("rej"));
    await create(fx.url, token, textForm("pend"));
  });

  it("refuses to delete a DISABLED template", async () => {
    const id = await approved("disabled");
    fx.sandbox.setTemplateStatus(id, "DISABLED");
    const r = await call(fx.url, "DELETE", `/partner/app/${APP}/template/disabled`, { auth: token });
    expect([r.status, r.body.message]).toEqual([400, "Template Cannot be deleted"]);
  });
});
