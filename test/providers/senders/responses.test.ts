// Send responses are read tolerantly and failures get the kind that drives verify's retries.

import { describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import {
  interpretGupshupResponse,
  interpretKaleyraResponse,
  tolerantJson,
} from "../../../src/providers/senders/responses.js";

const KEY = "Akal-canary-9f8e7d6c5b4a";
const ctx = { channel: "kaleyra-v2", secrets: [KEY] };

function res(status: number, text: string, headers: Record<string, string> = {}) {
  return { status, headers, text };
}

function failure(fn: () => unknown): RemoteError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RemoteError);
    return err as RemoteError;
  }
  throw new Error("expected a RemoteError");
}

// seeds 000 and 004 print the success body without commas
const SEED_WA202 = `{
"code":"WA202"
"message":"Request Accepted",
"data":{
  "message_id":"AXXXXXXXXXXXXXXXXXXX"
}
"error":{}
}`;

describe("Kaleyra responses", () => {
  it("accepts seed 000's malformed WA202 body, a WA200 code and v1's data array", () => {
    expect(interpretKaleyraResponse(res(202, SEED_WA202), ctx)).toEqual({
      messageId: "AXXXXXXXXXXXXXXXXXXX",
    });
    expect(
      interpretKaleyraResponse(res(200, JSON.stringify({ code: "WA200", data: { message_id: "m2" } })), ctx),
    ).toEqual({ messageId: "m2" });
    const v1 = {
      id: "08a7",
      type: "mediatemplate",
      data: [{ message_id: "08a7:0", recipient: "xx" }],
      error: {},
    };
    expect(interpretKaleyraResponse(res(200, JSON.stringify(v1)), ctx)).toEqual({ messageId: "08a7:0" });
  });

  it.each([
    [401, "RBC001", "auth", false],
    [401, "RBC201", "auth", false],
    [401, "WA401", "auth", false],
    [400, "WA400", "invalid", false],
    [400, "E110", "invalid", false],
    [500, "WA500", "transient", false],
    [503, "XX999", "transient", true],
    [429, "XX429", "rate_limited", false],
  ] as const)("HTTP %i %s is %s (ambiguous: %s)", (status, code, kind, ambiguous) => {
    const body = { code, message: "m", data: {}, error: { payload: "Incorrect payload format" } };
    const err = failure(() => interpretKaleyraResponse(res(status, JSON.stringify(body)), ctx));
    expect(err).toMatchObject({ kind, status, ambiguous });
    expect(err.message).toContain(code);
  });

  it("surfaces the low-balance message of E110 with what to do", () => {
    const message = "Please check your balance, You have a low balance!";
    const body = { code: "E110", message, data: {}, error: { balance: message } };
    const err = failure(() => interpretKaleyraResponse(res(400, JSON.stringify(body)), ctx));
    expect(err.message).toBe(`kaleyra-v2: E110 ${message} - top up the Kaleyra balance, then retry`);
  });

  it("shows the error details and refuses a 2xx without a message id", () => {
    const wa400 = {
      code: "WA400",
      message: "Refer to correct payload format",
      error: { payload: "coupon too long" },
    };
    expect(failure(() => interpretKaleyraResponse(res(400, JSON.stringify(wa400)), ctx)).message).toContain(
      "(payload: coupon too long)",
    );
    expect(failure(() => interpretKaleyraResponse(res(202, "{}"), ctx)).message).toMatch(
      /without a message id/,
    );
  });

  it("never repeats the API key, even when the provider echoes it", () => {
    const body = {
      code: "RBC001",
      message: `Incorrect key ${KEY}`,
      error: { error: `key=${encodeURIComponent(KEY)}` },
    };
    const err = failure(() => interpretKaleyraResponse(res(401, JSON.stringify(body)), ctx));
    expect(err.message).not.toContain(KEY);
    expect(err.message).toContain("***");
  });

  it("reads Retry-After on a 429", () => {
    const err = failure(() =>
      interpretKaleyraResponse(res(429, "Too Many Requests", { "retry-after": "7" }), ctx),
    );
    expect(err).toMatchObject({ kind: "rate_limited", retryAfterMs: 7000 });
  });

  it.each([
    [{ "x-rate-limit-retry-after-seconds": "12" }, 12_000],
    [{ "retry-after": " " }, undefined],
    [{ "retry-after": "-5" }, undefined],
    [{ "retry-after": "soon" }, undefined],
  ])("429 wait headers %j → %s ms", (headers, wait) => {
    const err = failure(() => interpretKaleyraResponse(res(429, "Too Many Requests", headers), ctx));
    expect(err).toMatchObject({ kind: "rate_limited" });
    expect(err.retryAfterMs).toBe(wait);
  });
});

describe("Gupshup responses", () => {
  const g = { channel: "gupshup", secrets: [KEY] };

  it("accepts 202 success and 200 submitted with a messageId", () => {
    expect(interpretGupshupResponse(res(202, '{"status":"success","messageId":"a"}'), g)).toEqual({
      messageId: "a",
    });
    expect(interpretGupshupResponse(res(200, '{"status":"submitted","messageId":"b"}'), g)).toEqual({
      messageId: "b",
    });
  });

  it.each([
    [401, '{"status":"error","message":"Authentication Failed"}', "auth"],
    [400, '{"message":"Invalid Destination","status":"error"}', "invalid"],
    [429, '{"status":"error","message":"Too Many Requests"}', "rate_limited"],
    [500, '{"status":"error","message":"Internal server error."}', "transient"],
    [502, "<html>Bad gateway</html>", "transient"],
  ] as const)("HTTP %i is %s with the provider's message", (status, text, kind) => {
    const err = failure(() => interpretGupshupResponse(res(status, text), g));
    expect(err.kind).toBe(kind);
    expect(err.message.startsWith("gupshup: ")).toBe(true);
  });
});

describe("tolerantJson", () => {
  it("repairs missing commas between lines and leaves other text alone", () => {
    expect(tolerantJson(SEED_WA202)).toMatchObject({
      code: "WA202",
      data: { message_id: "AXXXXXXXXXXXXXXXXXXX" },
    });
    expect(tolerantJson("not json")).toBeUndefined();
  });
});
