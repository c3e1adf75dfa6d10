// Issue 12 item 3: Meta's refusal of an edit for its quota is a `quota` RemoteError, recognised by
// tolerant patterns in one function (providers/gupshup/edit-quota.ts), since the real body is
// unknown; the sandbox answers a second edit within 24 h the way Gupshup relays Meta errors.

import { describe, expect, it } from "vitest";
import { EDIT_QUOTA_DAY_MS, EDIT_QUOTA_MONTH_MS } from "../../../src/model/edit-quota.js";
import { RemoteError } from "../../../src/model/errors.js";
import { editQuotaRefusal } from "../../../src/providers/gupshup/edit-quota.js";
import { errorFromResponse } from "../../../src/providers/gupshup/errors.js";
import { SecretSet } from "../../../src/providers/gupshup/secrets.js";
import { testApp, useSandbox } from "../../helpers/sandbox.js";
import { key, ltoContent } from "./content.js";

const relayed = (userMsg: string) => ({
  status: "error",
  error: {
    code: 100,
    message: "(#100) Invalid parameter",
    error_user_title: "Message template edit limit reached",
    error_user_msg: userMsg,
    type: "OAuthException",
    fbtrace_id: "AbCdEf",
  },
});

function recognised(body: unknown): ReturnType<typeof editQuotaRefusal> {
  return editQuotaRefusal(body, JSON.stringify(body));
}

describe("editQuotaRefusal: tolerant patterns (unverified against a live account)", () => {
  it.each([
    [
      "the sandbox's relayed Meta error, daily",
      relayed("can only be edited once in 24 hours."),
      EDIT_QUOTA_DAY_MS,
    ],
    [
      "the sandbox's relayed Meta error, 30 days",
      relayed("can only be edited 10 times in 30 days."),
      EDIT_QUOTA_MONTH_MS,
    ],
    ["a Gupshup envelope", { status: "error", message: "Edit limit reached for this template" }, undefined],
    [
      "a Meta phrasing",
      { status: "error", message: "You have exceeded the maximum number of edits" },
      undefined,
    ],
    [
      "a per-day phrasing",
      { error: { message: "Template can be edited only once per day" } },
      EDIT_QUOTA_DAY_MS,
    ],
    ["plain text", "Too many edits: 10 edits per month", EDIT_QUOTA_MONTH_MS],
  ])("recognises %s", (_what, body, windowMs) => {
    expect(recognised(body)).toEqual(windowMs === undefined ? {} : { windowMs });
  });

  it.each([
    ["an unknown id", { status: "error", message: "No Template found for given id" }],
    [
      "a status that allows no edit",
      { status: "error", message: "Template in status PENDING cannot be edited" },
    ],
    [
      "Meta's generic error alone",
      { status: "error", error: { code: 100, message: "(#100) Invalid parameter" } },
    ],
    ["a rate limit", { status: "error", message: "Too Many Requests" }],
    [
      "a category change",
      { status: "error", message: "The category of an APPROVED template cannot be changed" },
    ],
  ])("leaves %s alone", (_what, body) => {
    expect(recognised(body)).toBeUndefined();
  });

  it("is asked only about edits: the same words refusing a create are not the edit quota", () => {
    const body = JSON.stringify(relayed("can only be edited once in 24 hours."));
    const at = (method: string, path: string) =>
      errorFromResponse({ method, path }, 400, {}, body, new SecretSet(), 0);
    expect(at("PUT", "/partner/app/a/templates/t-1")).toMatchObject({
      kind: "quota",
      quotaWindowMs: EDIT_QUOTA_DAY_MS,
      retryable: false,
      ambiguous: false,
    });
    expect(at("POST", "/partner/app/a/templates").kind).toBe("invalid");
  });
});

describe("against the sandbox: a second edit within 24 h", () => {
  const fx = useSandbox({ rateLimits: false, approvalDelayMs: 1000 });
  const app = testApp();

  it("is a quota RemoteError naming Meta's words; a day later the edit goes through", async () => {
    const provider = fx.provider();
    const content = ltoContent();
    const created = await provider.createTemplate(app, key("weekly_offer"), content);
    fx.clock.advance(1000);
    const approved = (await provider.listTemplates(app)).templates.find((t) => t.id === created.id)!;
    expect(approved.status).toBe("APPROVED");
    await provider.updateTemplate(app, approved, { ...content, body: `${content.body} Hurry!` });
    fx.clock.advance(1000);
    const edited = (await provider.listTemplates(app)).templates.find((t) => t.id === created.id)!;
    expect(edited.status).toBe("APPROVED");
    // the row says it was edited (at its approval, the latest the edit can have been): this is
    // what lets plan block the next edit before apply
    expect(edited.editedOn).toBe(fx.clock.now());

    const refused = await provider
      .updateTemplate(app, edited, { ...content, body: `${content.body} Now!` })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(RemoteError);
    expect(refused).toMatchObject({ kind: "quota", status: 400, quotaWindowMs: EDIT_QUOTA_DAY_MS });
    expect((refused as RemoteError).message).toBe(
      `(#100) Invalid parameter — Message template edit limit reached: An approved message template can only be edited once in 24 hours. (PUT /partner/app/${app.appId}/templates/${created.id})`,
    );

    fx.clock.advance(EDIT_QUOTA_DAY_MS);
    await provider.updateTemplate(app, edited, { ...content, body: `${content.body} Now!` });
  });
});
