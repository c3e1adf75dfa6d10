// Issue 12 item 5: logs mask every secret-looking value; data (plans, reports, imports, JUnit) is
// written verbatim and refused, naming the variable, when it would carry a credential waform reads.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CREDENTIAL_VARIABLES, checkData, credentialIn, redact } from "../../src/cli/secrets.js";
import { UserError } from "../../src/model/errors.js";
import { appTokenEnvName } from "../../src/providers/gupshup/auth.js";

const TOKEN = "tok-5f1e9a7c3b2d4e60";

describe("logs: redact", () => {
  it("masks the value of every secret-looking variable, waform's or not", () => {
    const env = { SHOP_API_KEY: "sweets", GUPSHUP_PARTNER_TOKEN: TOKEN, HOME: "/home/ana" };
    expect(redact(`welcome to the sweets shop, ${TOKEN}, /home/ana`, env)).toBe(
      "welcome to the *** shop, ***, /home/ana",
    );
  });
});

describe("data: checkData", () => {
  it("leaves an arbitrary secret-looking variable's value in data as written", () => {
    const env = { SHOP_API_KEY: "sweets" };
    const text = '{"body": "welcome to the sweets shop"}\n';
    expect(checkData(text, "plan.json", env)).toBe(text);
  });

  it.each([
    ["GUPSHUP_PARTNER_TOKEN", TOKEN],
    ["GUPSHUP_SECRET", "s3cret-password!"],
    ["GUPSHUP_UNIVERSAL_TOKEN", "eyJhbGciOi.universal"],
    ["GUPSHUP_APP_TOKEN_MY_SHOP", "sk_0123456789abcdef"],
    ["GUPSHUP_API_KEY", "selfserve-key-123"],
    ["KALEYRA_API_KEY", "Ac0ffee-kaleyra-key"],
  ])("refuses data carrying the value of %s, naming it and not the value", (name, value) => {
    const env = { [name]: value };
    let error: unknown;
    try {
      checkData(`body: "your code is ${value}"`, "plan.json", env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const { message, hint } = error as UserError;
    expect(message).toBe(`refusing to write plan.json: it would contain the value of ${name}`);
    expect(`${message} ${hint}`).not.toContain(value);
  });

  it("finds a credential in the forms JSON and URLs give it", () => {
    const value = 'pa"ss/word 42';
    const env = { GUPSHUP_SECRET: value };
    expect(credentialIn(JSON.stringify({ body: value }), env)).toBe("GUPSHUP_SECRET");
    expect(credentialIn(`https://x.example/?q=${encodeURIComponent(value)}`, env)).toBe("GUPSHUP_SECRET");
    expect(credentialIn("nothing here", env)).toBeUndefined();
  });

  it("ignores values too short to be a credential (the sandbox's `any`)", () => {
    expect(checkData("any company", "plan.json", { GUPSHUP_PARTNER_TOKEN: "any" })).toBe("any company");
  });
});

describe("the credential list is the variables waform reads as credentials", () => {
  /** Variables waform reads that are not secrets: addresses, ids, a login email. */
  const NOT_CREDENTIALS = new Set([
    "GUPSHUP_EMAIL",
    "GUPSHUP_BASE_URL",
    "GUPSHUP_API_BASE_URL",
    "KALEYRA_BASE_URL",
    "KALEYRA_SID",
    "KALEYRA_WABA_ID",
    "GITHUB_API_URL",
    "GITHUB_EVENT_PATH",
    "GITHUB_REPOSITORY",
    "GITHUB_RUN_ID",
    "GITHUB_SERVER_URL",
    "GITHUB_SHA",
  ]);

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
    );
  }

  it("every variable a provider or channel reads is either a credential or known not to be one", () => {
    const read = new Set<string>();
    for (const file of sources("src/providers")) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:envValue|requireEnv|baseUrl)\(env, "([A-Z0-9_]+)"/g)) read.add(m[1]!);
    }
    for (const file of sources("src/cli/github")) {
      for (const m of readFileSync(file, "utf8").matchAll(/env\["([A-Z0-9_]+)"\]/g)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(8);
    read.add(appTokenEnvName("my-shop"));
    const unclassified = [...read].filter((n) => !NOT_CREDENTIALS.has(n) && !CREDENTIAL_VARIABLES.test(n));
    expect(unclassified).toEqual([]);
    const misfiled = [...NOT_CREDENTIALS].filter((n) => CREDENTIAL_VARIABLES.test(n));
    expect(misfiled).toEqual([]);
    expect(CREDENTIAL_VARIABLES.test("SHOP_API_KEY")).toBe(false);
  });
});
