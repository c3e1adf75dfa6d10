import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/model/errors.js";
import { resolveBaseUrl } from "../../../src/providers/gupshup/base-url.js";

describe("base URL", () => {
  it("defaults to the real Partner API and honours GUPSHUP_BASE_URL, then the explicit option", () => {
    expect(resolveBaseUrl({}).href).toBe("https://partner.gupshup.io/");
    expect(resolveBaseUrl({ GUPSHUP_BASE_URL: "https://proxy.example.com/gs/" }).href).toBe(
      "https://proxy.example.com/gs",
    );
    expect(resolveBaseUrl({ GUPSHUP_BASE_URL: "https://a.example" }, "http://127.0.0.1:4010").href).toBe(
      "http://127.0.0.1:4010/",
    );
  });

  it("allows plain http only for loopback addresses", () => {
    for (const ok of [
      "http://127.0.0.1:1",
      "http://127.8.9.10",
      "http://localhost:4010",
      "http://[::1]:80",
    ]) {
      expect(() => resolveBaseUrl({ GUPSHUP_BASE_URL: ok })).not.toThrow();
    }
    for (const bad of ["http://partner.gupshup.io", "http://10.0.0.1", "http://127.example.com"]) {
      expect(() => resolveBaseUrl({ GUPSHUP_BASE_URL: bad })).toThrow(UserError);
    }
  });

  it("refuses what is not an https URL", () => {
    expect(() => resolveBaseUrl({ GUPSHUP_BASE_URL: "partner.gupshup.io" })).toThrow(/not a valid URL/);
    expect(() => resolveBaseUrl({ GUPSHUP_BASE_URL: "ftp://x.example" })).toThrow(UserError);
    expect(() => resolveBaseUrl({ GUPSHUP_BASE_URL: "https://u:p@x.example" })).toThrow(UserError);
  });
});
