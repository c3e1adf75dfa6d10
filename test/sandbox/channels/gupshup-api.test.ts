// The Gupshup self-serve simulator refuses malformed sends with seed 002's error bodies.

import { describe, expect, it } from "vitest";
import { createSendChannel } from "../../../src/providers/senders/index.js";
import type { PreparedRequest } from "../../../src/providers/senders/port.js";
import { INVALID_KEY } from "../../../src/sandbox/channels/magic.js";
import { DAY_MS, ENV, NOW, requestOf, TEMPLATES } from "../../providers/senders/fixtures.js";
import { fakeContext, send, viewOf } from "./helpers.js";

const LTO = TEMPLATES["lto-expiry-image-url"];
const MPM = TEMPLATES["multi-product"];

async function prepared(t = LTO): Promise<PreparedRequest> {
  return createSendChannel("gupshup", { env: ENV }).prepare(requestOf(t));
}

/** The prepared request with its form fields changed: `undefined` removes a field. */
function withFields(req: PreparedRequest, changes: Record<string, string | undefined>): PreparedRequest {
  if (req.body.kind !== "form") throw new Error("not a form");
  const fields = req.body.fields.filter(([k]) => !(k in changes));
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) fields.push([k, v]);
  return { ...req, body: { kind: "form", fields } };
}

function withTemplateJson(
  req: PreparedRequest,
  change: (t: Record<string, unknown>) => void,
): PreparedRequest {
  if (req.body.kind !== "form") throw new Error("not a form");
  const t = JSON.parse(req.body.fields.find(([k]) => k === "template")![1]) as Record<string, unknown>;
  change(t);
  return withFields(req, { template: JSON.stringify(t) });
}

async function refusal(req: PreparedRequest, views = [viewOf(LTO), viewOf(MPM)]) {
  const ctx = fakeContext(views);
  const res = await send(req, ctx);
  expect(ctx.sends).toEqual([]);
  return { status: res.status, body: res.body as { status: string; message: string } };
}

describe("Gupshup self-serve simulator refuses", () => {
  it("a missing or invalid apikey with 401 Authentication Failed", async () => {
    const req = await prepared();
    for (const apikey of ["", INVALID_KEY]) {
      const res = await refusal({ ...req, headers: { ...req.headers, apikey } });
      expect(res).toEqual({ status: 401, body: { status: "error", message: "Authentication Failed" } });
    }
  });

  it("a destination that is not bare digits with 400 Invalid Destination", async () => {
    for (const destination of ["+918888998545", "98-12", "abc"]) {
      const res = await refusal(withFields(await prepared(), { destination }));
      expect(res).toEqual({ status: 400, body: { status: "error", message: "Invalid Destination" } });
    }
  });

  it("an LTO send without expiration, with a duration, or with a past time", async () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /template\.expiration is required/],
      [14 * DAY_MS, /looks like a duration/],
      [1209600000, /looks like a duration/],
      [NOW - 1000, /in the past/],
      ["1768435200000", /must be an integer/],
    ];
    for (const [expiration, message] of cases) {
      const req = withTemplateJson(await prepared(), (t) => {
        if (expiration === undefined) delete t["expiration"];
        else t["expiration"] = expiration;
      });
      const res = await refusal(req);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    }
  });

  it("a coupon code over 15 characters and a wrong number of params", async () => {
    const long = await refusal(
      withTemplateJson(await prepared(), (t) => {
        t["params"] = ["Pablo", "CARIBE25", "A_CODE_OF_16_CHR", "n3mtql"];
      }),
    );
    expect(long.body.message).toMatch(/longer than 15/);
    const short = await refusal(withTemplateJson(await prepared(), (t) => (t["params"] = ["Pablo"])));
    expect(short.body.message).toMatch(/params has 1 value\(s\); the template takes 4/);
  });

  it("a media template without its message, or with the wrong media type", async () => {
    const missing = await refusal(withFields(await prepared(), { message: undefined }));
    expect(missing.body.message).toMatch(/message is required: the template has a image header/);
    const video = await refusal(
      withFields(await prepared(), {
        message: JSON.stringify({ type: "video", video: { link: "https://x.io/a.mp4" } }),
      }),
    );
    expect(video.body.message).toMatch(/message.type must be "image"/);
  });

  it("an unknown, or not approved, template id", async () => {
    const unknown = await refusal(withTemplateJson(await prepared(), (t) => (t["id"] = "nope")));
    expect(unknown.body.message).toBe("template nope does not exist");
    const pending = await refusal(await prepared(), [viewOf(LTO, "PENDING")]);
    expect(pending.body.message).toMatch(/is not approved \(status PENDING\)/);
  });

  it("a multi-product send without sections, or with an unnamed section among several", async () => {
    const none = await refusal(withTemplateJson(await prepared(MPM), (t) => delete t["mpm"]));
    expect(none.body.message).toMatch(/template\.mpm\.sections must hold 1 to 10 sections/);
    const untitled = await refusal(
      withTemplateJson(await prepared(MPM), (t) => {
        t["mpm"] = { sections: [{ products: ["a"] }, { title: "B", products: ["b"] }] };
      }),
    );
    expect(untitled.body.message).toMatch(/sections\[0\]\.title is required/);
  });

  it("missing channel, source and src.name", async () => {
    const res = await refusal(withFields(await prepared(), { channel: undefined, source: "+91 89" }));
    expect(res.body.message).toMatch(/channel must be "whatsapp"; source must be the sender number/);
    const app = await refusal(withFields(await prepared(), { "src.name": "" }));
    expect(app.body).toEqual({ status: "error", message: "Invalid App Details" });
  });
});

describe("Gupshup self-serve simulator magic values", () => {
  it("answers 500 for a recipient starting with 999500", async () => {
    const res = await refusal(withFields(await prepared(), { destination: "999500123456" }));
    expect(res.status).toBe(500);
  });
});
