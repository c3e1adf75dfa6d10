// Issue 12 item 4: the endpoint a plan records, so a plan is applied only where it was made.

import { describe, expect, it } from "vitest";
import { endpointOf } from "../../src/cli/planning.js";
import { UserError } from "../../src/model/errors.js";

describe("endpointOf", () => {
  it("is `sandbox` for the embedded simulator, whatever the environment says", () => {
    expect(endpointOf({ sandbox: true }, { GUPSHUP_BASE_URL: "https://partner.gupshup.io" })).toBe("sandbox");
  });

  it.each([
    [undefined, "https://partner.gupshup.io"],
    ["HTTPS://Partner.Gupshup.IO:443/", "https://partner.gupshup.io"],
    ["https://proxy.example/gupshup//", "https://proxy.example/gupshup"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
  ])("normalises the base URL %s to %s", (given, endpoint) => {
    expect(endpointOf({}, given === undefined ? {} : { GUPSHUP_BASE_URL: given })).toBe(endpoint);
  });

  it("never records credentials: a base URL carrying them is refused", () => {
    expect(() => endpointOf({}, { GUPSHUP_BASE_URL: "https://user:pw@partner.gupshup.io" })).toThrow(
      UserError,
    );
  });
});
