import { describe, expect, it } from "vitest";
import { errorFromFailure, errorFromResponse } from "../../../src/providers/gupshup/errors.js";
import { SecretSet } from "../../../src/providers/gupshup/secrets.js";
import { retryAfterMs } from "../../../src/providers/retry-after.js";

const post = { method: "POST", path: "/partner/app/a/templates" };
const get = { method: "GET", path: "/partner/app/a/templates" };
const body = (message: string) => JSON.stringify({ status: "error", message });
const classify = (status: number, text: string, info = post, headers = {}) =>
  errorFromResponse(info, status, headers, text, new SecretSet(), 0);

describe("error classification", () => {
  it.each([
    [401, body("Authentication Failed"), "auth"],
    [403, body("Not App Owner"), "auth"],
    [403, body("Template ID and template name does not match"), "not_found"],
    [404, "", "not_found"],
    [400, body("No Template found for given id"), "not_found"],
    [400, body("Template Does not exists."), "not_found"],
    [400, body("Template Already exists with same namespace and elementName and languageCode"), "conflict"],
    [409, "", "conflict"],
    [
      400,
      body(
        "Invalid category provided, kindly use category from these option AUTHENTICATION, MARKETING, UTILITY.",
      ),
      "invalid",
    ],
    [400, body("Unable to delete the template, please try after sometime"), "transient"],
    [429, body("Too Many Requests"), "rate_limited"],
    [500, body("Internal server error."), "transient"],
    [503, "<html>bad gateway</html>", "transient"],
    [200, body("Invalid Destination"), "invalid"],
  ])("HTTP %i %s → %s", (status, text, kind) => {
    expect(classify(status, text).kind).toBe(kind);
  });

  it("quotes the provider's message verbatim, with the call it answered", () => {
    const e = classify(
      400,
      body(
        "Invalid category provided, kindly use category from these option AUTHENTICATION, MARKETING, UTILITY.",
      ),
    );
    expect(e.message).toBe(
      "Invalid category provided, kindly use category from these option AUTHENTICATION, MARKETING, UTILITY. (POST /partner/app/a/templates)",
    );
    expect(e.status).toBe(400);
  });

  it("marks a 5xx ambiguous for writes only", () => {
    expect(classify(500, "", post).ambiguous).toBe(true);
    expect(classify(500, "", get).ambiguous).toBe(false);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(classify(429, body("Too Many Requests"), post, { "retry-after": "7" }).retryAfterMs).toBe(7000);
    expect(classify(429, body("Too Many Requests")).retryAfterMs).toBeUndefined();
    expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(retryAfterMs("soon", 0)).toBeUndefined();
    // not a date: V8's Date.parse alone reads it as May 2001
    expect(retryAfterMs("-5", 0)).toBeUndefined();
    expect(retryAfterMs("Sunday, 06-Nov-94 08:49:37 GMT", Date.UTC(1994, 10, 6, 8, 49, 0))).toBe(37_000);
  });

  it("masks known secrets in quoted messages and cuts very long ones", () => {
    const secrets = new SecretSet();
    secrets.add("sk_secret_value");
    const e = errorFromResponse(
      post,
      400,
      {},
      body(`bad token sk_secret_value ${"x".repeat(2000)}`),
      secrets,
      0,
    );
    expect(e.message).not.toContain("sk_secret_value");
    expect(e.message.length).toBeLessThan(600);
  });

  it("classifies network failures as transient, ambiguous when a write may have been processed", () => {
    const refused = errorFromFailure(post, Object.assign(new Error("x"), { code: "ECONNREFUSED" }));
    expect([refused.kind, refused.ambiguous]).toEqual(["transient", false]);
    const reset = errorFromFailure(post, Object.assign(new Error("x"), { code: "UND_ERR_SOCKET" }));
    expect([reset.kind, reset.ambiguous]).toEqual(["transient", true]);
    const timeout = errorFromFailure(get, Object.assign(new Error("x"), { code: "UND_ERR_HEADERS_TIMEOUT" }));
    expect([timeout.kind, timeout.ambiguous]).toEqual(["transient", false]);
  });
});
