// The Kaleyra v1 simulator refuses malformed multipart sends with Kaleyra's error bodies.

import { describe, expect, it } from "vitest";
import { createSendChannel } from "../../../src/providers/senders/index.js";
import type { PreparedRequest } from "../../../src/providers/senders/port.js";
import { parseQuotedCsv } from "../../../src/sandbox/channels/kaleyra-v1.js";
import { INVALID_KEY } from "../../../src/sandbox/channels/magic.js";
import { DAY_MS, ENV, NOW, requestOf, TEMPLATES } from "../../providers/senders/fixtures.js";
import { fakeContext, send, viewOf } from "./helpers.js";

const LTO = TEMPLATES["lto-expiry-image-url"];

async function prepared(): Promise<PreparedRequest> {
  return createSendChannel("kaleyra-v1", { env: ENV }).prepare(requestOf(LTO));
}

function withFields(req: PreparedRequest, changes: Record<string, string | undefined>): PreparedRequest {
  if (req.body.kind !== "multipart") throw new Error("not multipart");
  const fields = req.body.fields.filter(([k]) => !(k in changes));
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) fields.push([k, v]);
  return { ...req, body: { kind: "multipart", fields } };
}

interface KaleyraBody {
  code: string;
  message: string;
  error: Record<string, string>;
}

async function refusal(req: PreparedRequest, views = [viewOf(LTO)]) {
  const ctx = fakeContext(views);
  const res = await send(req, ctx);
  expect(ctx.sends).toEqual([]);
  return { status: res.status, body: res.body as KaleyraBody };
}

const lto = (ms: unknown) =>
  JSON.stringify([{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: ms } }]);

describe("Kaleyra v1 simulator refuses", () => {
  it("a missing or invalid api-key with RBC201", async () => {
    const req = await prepared();
    for (const key of ["", INVALID_KEY]) {
      const res = await refusal({ ...req, headers: { "api-key": key } });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: "RBC201", message: "Incorrect SID or API key." });
    }
  });

  it("a coupon code without its literal quotes, or longer than 15", async () => {
    const bare = await refusal(withFields(await prepared(), { coupon_code: "CARIBE25" }));
    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe("WA400");
    expect(bare.body.error["payload"]).toMatch(/wrapped in literal double quotes/);
    const long = await refusal(withFields(await prepared(), { coupon_code: '"A_CODE_OF_16_CHR"' }));
    expect(long.body.error["payload"]).toMatch(/longer than 15/);
  });

  it("limited_time_offer missing, not a JSON array, a duration, or past", async () => {
    const cases: [string | undefined, RegExp][] = [
      [undefined, /limited_time_offer is required/],
      [
        JSON.stringify({
          type: "limited_time_offer",
          limited_time_offer: { expiration_time_ms: NOW + DAY_MS },
        }),
        /JSON-array string/,
      ],
      [lto(1209600000), /looks like a duration/],
      [lto(NOW - DAY_MS), /in the past/],
    ];
    for (const [value, message] of cases) {
      const res = await refusal(withFields(await prepared(), { limited_time_offer: value }));
      expect(res.body.code).toBe("WA400");
      expect(res.body.error["payload"]).toMatch(message);
    }
  });

  it("params that are not a quoted CSV of the right length, a missing media_url and param_url", async () => {
    const res = await refusal(
      withFields(await prepared(), { params: '"Pablo"', media_url: undefined, param_url: undefined }),
    );
    const payload = res.body.error["payload"];
    expect(payload).toMatch(/params has 1 value\(s\); the template body has 2/);
    expect(payload).toMatch(/media_url \(or a media file\) is required/);
    expect(payload).toMatch(/param_url is required/);
    const unquoted = await refusal(withFields(await prepared(), { params: "Pablo,CARIBE25" }));
    expect(unquoted.body.error["payload"]).toMatch(/quoted CSV/);
  });

  it("a wrong type or channel, and an unknown or unapproved template", async () => {
    const res = await refusal(withFields(await prepared(), { type: "template", channel: "sms" }));
    expect(res.body.error["payload"]).toMatch(/type must be "mediatemplate"; channel must be "whatsapp"/);
    const unknown = await refusal(withFields(await prepared(), { template_name: "nope" }));
    expect(unknown.body.error["payload"]).toMatch(/template nope does not exist/);
    const pending = await refusal(await prepared(), [viewOf(LTO, "REJECTED")]);
    expect(pending.body.error["payload"]).toMatch(/not approved \(status REJECTED\)/);
  });

  it("a body that is not a form", async () => {
    const req = await prepared();
    const res = await refusal({
      ...req,
      headers: { ...req.headers, "Content-Type": "application/json" },
      body: { kind: "json", value: {} },
    });
    expect(res.body.error["payload"]).toMatch(/multipart\/form-data/);
  });

  it("the same fields form-urlencoded: the page sends multipart (curl --form) only", async () => {
    const req = await prepared();
    if (req.body.kind !== "multipart") throw new Error("not multipart");
    const res = await refusal({
      ...req,
      headers: { ...req.headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: { kind: "form", fields: req.body.fields },
    });
    expect([res.status, res.body.code]).toEqual([400, "WA400"]);
    expect(res.body.error["payload"]).toMatch(/multipart\/form-data/);
  });
});

describe("Kaleyra v1 simulator magic values", () => {
  it("E110 for a recipient starting with 999110, WA401 for a sender starting with 999401", async () => {
    const balance = await refusal(withFields(await prepared(), { to: "+999110123456" }));
    expect(balance).toMatchObject({ status: 400, body: { code: "E110" } });
    expect(balance.body.message).toMatch(/low balance/);
    const sender = await refusal(withFields(await prepared(), { from: "+999401123456" }));
    expect(sender).toMatchObject({ status: 401, body: { code: "WA401" } });
  });

  it("one message id per comma-separated recipient", async () => {
    const ctx = fakeContext([viewOf(LTO)]);
    const res = await send(withFields(await prepared(), { to: "+918888998545,+14155550100" }), ctx);
    expect(res.status).toBe(200);
    const body = res.body as { data: { message_id: string; recipient: string }[] };
    expect(body.data.map((d) => d.recipient)).toEqual(["+918888998545", "+14155550100"]);
    expect(ctx.sends.map((s) => s.destination)).toEqual(["+918888998545", "+14155550100"]);
  });
});

describe("parseQuotedCsv", () => {
  it("reads quoted values with doubled quotes and refuses bare ones", () => {
    expect(parseQuotedCsv('"A","b ""c""", "d,e"')).toEqual(["A", 'b "c"', "d,e"]);
    expect(parseQuotedCsv("A,B")).toBeUndefined();
  });
});
