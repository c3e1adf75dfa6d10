// The Kaleyra v2 simulator refuses malformed Meta-shaped sends with Kaleyra's error bodies.

import { describe, expect, it } from "vitest";
import { createSendChannel, type KaleyraV2Options } from "../../../src/providers/senders/index.js";
import type { PreparedRequest } from "../../../src/providers/senders/port.js";
import { INVALID_KEY } from "../../../src/sandbox/channels/magic.js";
import type { SandboxTemplateView } from "../../../src/sandbox/route.js";
import { ENV, NOW, requestOf, TEMPLATES } from "../../providers/senders/fixtures.js";
import { fakeContext, send, viewOf } from "./helpers.js";

const LTO = TEMPLATES["lto-expiry-image-url"];
const SPM = TEMPLATES["single-product"];
const MPM = TEMPLATES["multi-product"];
const VIEWS = [viewOf(LTO), viewOf(SPM), viewOf(MPM)];

// biome-ignore lint/suspicious/noExplicitAny: the tests edit deep paths of a JSON payload they just built
type Json = Record<string, any>;

async function prepared(t = LTO, options?: KaleyraV2Options): Promise<PreparedRequest> {
  return createSendChannel("kaleyra-v2", { env: ENV, ...(options && { kaleyraV2: options }) }).prepare(
    requestOf(t),
  );
}

/** The prepared request with its JSON body changed in place by `change`. */
function mutate(req: PreparedRequest, change: (body: Json) => void): PreparedRequest {
  if (req.body.kind !== "json") throw new Error("not json");
  const value = structuredClone(req.body.value) as Json;
  change(value);
  return { ...req, body: { kind: "json", value } };
}

const components = (body: Json): Json[] => body["messaging_object"]["template"]["components"];
const component = (body: Json, type: string, subType?: string): Json =>
  components(body).find((c) => c["type"] === type && (subType === undefined || c["sub_type"] === subType))!;

async function refusal(req: PreparedRequest, views: SandboxTemplateView[] = VIEWS) {
  const ctx = fakeContext(views);
  const res = await send(req, ctx);
  expect(ctx.sends).toEqual([]);
  return {
    status: res.status,
    body: res.body as { code: string; message: string; error: Record<string, string> },
  };
}

async function payloadProblem(req: PreparedRequest): Promise<string> {
  const res = await refusal(req);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe("WA400");
  return res.body.error["payload"]!;
}

describe("Kaleyra v2 simulator refuses", () => {
  it("a missing or invalid api-key with RBC001", async () => {
    const req = await prepared();
    for (const key of ["", INVALID_KEY]) {
      const res = await refusal({ ...req, headers: { ...req.headers, "api-key": key } });
      expect(res).toMatchObject({
        status: 401,
        body: { code: "RBC001", message: "Incorrect SID or API key." },
      });
    }
  });

  it("seed 000's own expiration_time_ms (1209600000) as a duration, and a past one", async () => {
    const seed = mutate(await prepared(), (b) => {
      component(b, "limited_time_offer")["parameters"][0]["limited_time_offer"]["expiration_time_ms"] =
        1209600000;
    });
    expect(await payloadProblem(seed)).toMatch(/expiration_time_ms 1209600000 looks like a duration/);
    const past = mutate(await prepared(), (b) => {
      component(b, "limited_time_offer")["parameters"][0]["limited_time_offer"]["expiration_time_ms"] =
        NOW - 1;
    });
    expect(await payloadProblem(past)).toMatch(/is in the past/);
    const missing = mutate(await prepared(), (b) => {
      b["messaging_object"]["template"]["components"] = components(b).filter(
        (c) => c["type"] !== "limited_time_offer",
      );
    });
    expect(await payloadProblem(missing)).toMatch(/limited_time_offer component is required/);
  });

  it("a button index written as a string, or pointing at the wrong button", async () => {
    const asString = mutate(await prepared(), (b) => {
      component(b, "button", "url")["index"] = "1";
    });
    expect(await payloadProblem(asString)).toMatch(/index must be a number, got "1"/);
    const zero = mutate(await prepared(), (b) => {
      component(b, "button", "url")["index"] = 0;
    });
    const problem = await payloadProblem(zero);
    expect(problem).toMatch(/index 0 is not a url button/);
    expect(problem).toMatch(/a url button component with index 1 is required/);
  });

  it("a coupon code over 15 characters, and a missing copy-code component", async () => {
    const long = mutate(await prepared(), (b) => {
      component(b, "button", "copy_code")["parameters"][0]["coupon_code"] = "A_CODE_OF_16_CHR";
    });
    expect(await payloadProblem(long)).toMatch(/coupon_code "A_CODE_OF_16_CHR" is longer than 15/);
    const none = mutate(await prepared(), (b) => {
      b["messaging_object"]["template"]["components"] = components(b).filter(
        (c) => c["sub_type"] !== "copy_code",
      );
    });
    expect(await payloadProblem(none)).toMatch(/copy_code button component with index 0 is required/);
  });

  it("product ids sent as numbers, or missing", async () => {
    const numeric = mutate(await prepared(SPM), (b) => {
      component(b, "header")["parameters"][0]["product"] = {
        product_retailer_id: 1234,
        catalog_id: 194000000003835,
      };
    });
    const problem = await payloadProblem(numeric);
    expect(problem).toMatch(/product_retailer_id must be a string/);
    expect(problem).toMatch(/catalog_id must be a string/);
    const none = mutate(await prepared(SPM), (b) => {
      b["messaging_object"]["template"]["components"] = components(b).filter((c) => c["type"] !== "header");
    });
    expect(await payloadProblem(none)).toMatch(
      /header component is required: the template has a product header/,
    );
  });

  it("a body with the wrong number of parameters, or an empty one", async () => {
    const req = mutate(await prepared(), (b) => {
      component(b, "body")["parameters"] = [{ type: "text", text: "" }];
    });
    const problem = await payloadProblem(req);
    expect(problem).toMatch(/the body has 1 parameter\(s\); the template body has 2/);
    expect(problem).toMatch(/body\.parameters\[0\] must be/);
  });

  it("a wrapper-less body with no Meta fields, a missing type, and a bad language policy", async () => {
    const empty = mutate(await prepared(), (b) => {
      b["messaging"] = b["messaging_object"];
      delete b["messaging_object"];
    });
    expect(await payloadProblem(empty)).toMatch(/messaging_object is required/);
    const untyped = mutate(await prepared(), (b) => {
      delete b["messaging_object"]["type"];
      b["messaging_object"]["template"]["language"]["policy"] = "fallback";
    });
    const problem = await payloadProblem(untyped);
    expect(problem).toMatch(/type must be "template" \(it defaults to text\)/);
    expect(problem).toMatch(/language\.policy must be "deterministic"/);
  });

  it("a template in another language, or not approved", async () => {
    const other = mutate(await prepared(), (b) => {
      b["messaging_object"]["template"]["language"]["code"] = "pt_BR";
    });
    expect(await payloadProblem(other)).toMatch(/template summer_lto \(pt_BR\) does not exist/);
    const res = await refusal(await prepared(), [viewOf(LTO, "PAUSED")]);
    expect(res.body.error["payload"]).toMatch(/not approved \(status PAUSED\)/);
  });

  it("a multi-product send with more than 30 products or no thumbnail", async () => {
    const req = mutate(await prepared(MPM), (b) => {
      const action = component(b, "button", "mpm")["parameters"][0]["action"];
      action["sections"] = [
        { product_items: Array.from({ length: 31 }, (_, i) => ({ product_retailer_id: `p${i}` })) },
      ];
      delete action["thumbnail_product_retailer_id"];
    });
    const problem = await payloadProblem(req);
    expect(problem).toMatch(/holds 31 products; at most 30/);
    expect(problem).toMatch(/thumbnail_product_retailer_id is required/);
  });

  it("a body that is not JSON", async () => {
    const req = await prepared();
    const res = await refusal({
      ...req,
      headers: { "api-key": "k" },
      body: { kind: "form", fields: [["a", "b"]] },
    });
    expect(res.body.error["payload"]).toMatch(/Content-Type must be application\/json/);
  });
});

describe("Kaleyra v2 simulator magic values and variants", () => {
  it("WA401 for a sender path number starting with 999401", async () => {
    const req = await prepared();
    const res = await refusal({ ...req, url: req.url.replace("+918929874278", "+999401123456") });
    expect(res).toMatchObject({ status: 401, body: { code: "WA401" } });
  });

  it("E110 and WA500 for recipients starting with 999110 and 999500", async () => {
    const balance = await refusal(
      mutate(await prepared(), (b) => (b["messaging_object"]["to"] = "+999110123456")),
    );
    expect(balance).toMatchObject({ status: 400, body: { code: "E110" } });
    const down = await refusal(
      mutate(await prepared(), (b) => (b["messaging_object"]["to"] = "+999500123456")),
    );
    expect(down).toMatchObject({ status: 500, body: { code: "WA500" } });
  });

  it("answers 202 WA202 with a message id for the flat body on a WABA path", async () => {
    const ctx = fakeContext(VIEWS);
    const req = await createSendChannel("kaleyra-v2", {
      env: { ...ENV, KALEYRA_WABA_ID: "109000000000001" },
      kaleyraV2: { body: "flat", path: "waba" },
    }).prepare(requestOf(SPM));
    const res = await send(req, ctx);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      code: "WA202",
      message: "Request Accepted",
      data: { message_id: ctx.sends[0]!.messageId },
      error: {},
    });
  });
});
