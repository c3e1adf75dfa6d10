// Raw list rows (partner/raw-rows.ts): a real account's rows, loaded verbatim, listed verbatim,
// and seen by the other endpoints through what can be read from them.

import { beforeEach, describe, expect, it } from "vitest";
import { useSandbox } from "../helpers/sandbox.js";
import { APP, appToken, call, create, list, textForm } from "./api.js";

const fx = useSandbox({ rateLimits: false, approvalDelayMs: 0 });
let token: string;
beforeEach(async () => {
  token = await appToken(fx.url);
});

/** sendbee's recorded 2021 create answer (field-evidence.md §3), as a list row. */
const LEGACY = {
  category: "AUTO_REPLY",
  createdOn: 1625843483030,
  data: "Your order {{1}} is confirmed.",
  elementName: "legacy_auto_reply",
  id: "3b1b7c1e-0a6e-4d5e-9a3b-1c2d3e4f5a6b",
  languageCode: "en",
  languagePolicy: "deterministic",
  master: true,
  meta: '{"example":"Your order 42 is confirmed."}',
  modifiedOn: 1625843483030,
  status: "approved",
  templateType: "TEXT",
  vertical: "Order",
};

const load = (templates: unknown, appId = APP) =>
  call(fx.url, "POST", `/__sandbox/apps/${appId}/rows`, { json: { templates } });

describe("raw rows", () => {
  it("are listed exactly as loaded, odd fields, lower-case status and nameless rows included", async () => {
    const nameless = { id: "no-name", status: "APPROVED" };
    const damaged = {
      ...LEGACY,
      id: "d1",
      elementName: "damaged",
      category: "MARKETING",
      containerMeta: "{not json",
    };
    expect((await load([LEGACY, nameless, damaged])).body).toEqual({ status: "success", loaded: 3 });
    const rows = (await list(fx.url, token)).body.templates;
    // in creation order: a row without createdOn was created when it was loaded
    expect(rows).toEqual([LEGACY, damaged, nameless]);
  });

  it("page like any other rows, in creation order", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({
      ...LEGACY,
      id: `r${i}`,
      elementName: `r${i}`,
      createdOn: i,
    }));
    await load(rows);
    const page = (await list(fx.url, token, "?pageNo=1&pageSize=2")).body.templates;
    expect(page.map((r: { id: string }) => r.id)).toEqual(["r2", "r3"]);
  });

  it("show a status the sandbox was told to set, and are otherwise never reviewed", async () => {
    await load([{ ...LEGACY, status: "PENDING" }]);
    fx.clock.advance(86_400_000);
    expect((await list(fx.url, token)).body.templates[0].status).toBe("PENDING");
    await call(fx.url, "POST", `/__sandbox/templates/${LEGACY.id}/status`, {
      json: { status: "FAILED", reason: "Meta rejected the submission" },
    });
    expect((await list(fx.url, token)).body.templates[0]).toMatchObject({
      status: "FAILED",
      reason: "Meta rejected the submission",
      category: "AUTO_REPLY",
    });
  });

  it("count for the duplicate check, whatever their status", async () => {
    await load([{ ...LEGACY, category: "MARKETING", status: "REJECTED" }]);
    const r = await call(fx.url, "POST", `/partner/app/${APP}/templates`, {
      auth: token,
      form: textForm("legacy_auto_reply"),
    });
    expect([r.status, r.body.message]).toEqual([
      400,
      "Template Already exists with same namespace and elementName and languageCode",
    ]);
  });

  it("can be edited (then they are the sandbox's own) and deleted", async () => {
    const row = {
      ...LEGACY,
      category: "MARKETING",
      status: "REJECTED",
      containerMeta: JSON.stringify({ data: LEGACY.data, sampleText: "Your order 42 is confirmed." }),
    };
    await load([row]);
    const edited = await call(fx.url, "PUT", `/partner/app/${APP}/templates/${LEGACY.id}`, {
      auth: token,
      form: { content: "Order {{1}} confirmed.", example: "Order 42 confirmed.", category: "MARKETING" },
    });
    expect(edited.status).toBe(200);
    const [listed] = (await list(fx.url, token)).body.templates;
    expect(JSON.parse(listed.containerMeta).data).toBe("Order {{1}} confirmed.");
    expect(listed.master).toBeUndefined();
    const gone = await call(fx.url, "DELETE", `/partner/app/${APP}/template/legacy_auto_reply/${LEGACY.id}`, {
      auth: token,
    });
    expect(gone.status).toBe(200);
    expect((await list(fx.url, token)).body.templates).toEqual([]);
  });

  it("accept an edit that sends the row's own sample handle back", async () => {
    const handle = "4::aW1hZ2UvanBlZw==:ARLegacySample";
    await load([
      {
        ...LEGACY,
        category: "MARKETING",
        templateType: "IMAGE",
        containerMeta: JSON.stringify({ data: "Look {{1}}", sampleText: "Look here", sampleMedia: handle }),
      },
    ]);
    const r = await call(fx.url, "PUT", `/partner/app/${APP}/templates/${LEGACY.id}`, {
      auth: token,
      form: {
        content: "Look at {{1}}",
        example: "Look at this",
        templateType: "IMAGE",
        exampleMedia: handle,
      },
    });
    expect([r.status, r.body]).toEqual([200, { status: "success" }]);
  });

  it("refuses a load that is not a list of objects, loading nothing", async () => {
    const r = await load([LEGACY, 7]);
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/row 2 is not a JSON object/);
    expect((await list(fx.url, token)).body.templates).toEqual([]);
    expect((await call(fx.url, "POST", `/__sandbox/apps/${APP}/rows`, { json: { rows: [] } })).status).toBe(
      400,
    );
  });

  it("do not disturb templates created through the API", async () => {
    await create(fx.url, token, textForm("made_here"));
    await load([LEGACY]);
    const names = (await list(fx.url, token)).body.templates.map(
      (r: { elementName: string }) => r.elementName,
    );
    expect(names.sort()).toEqual(["legacy_auto_reply", "made_here"]);
  });
});
