import { describe, expect, it } from "vitest";
import { renderVerifyJson } from "../../src/render/verify-json.js";
import { escapeAttr, escapeText, renderVerifyJunit } from "../../src/render/verify-junit.js";
import { renderVerifyText } from "../../src/render/verify-text.js";
import type { VerifyReport } from "../../src/verify/report.js";
import { expectGolden } from "../helpers/golden.js";
import { REJECTION, scenarioReport } from "../verify/scenario.js";

const report = await scenarioReport();

describe("verify report renders (golden)", () => {
  it("text", () => expectGolden("verify/report.txt", renderVerifyText(report)));
  it("json", () => expectGolden("verify/report.json", renderVerifyJson(report)));
  it("junit", () => expectGolden("verify/report.junit.xml", renderVerifyJunit(report)));
});

describe("text report", () => {
  it("shows each outcome, the message ids, and the verdict with its exit code", () => {
    const text = renderVerifyText(report);
    expect(text).toMatch(/^shop\/summer_offer\/en\s+APPROVED\s+approved in 1m33s$/m);
    expect(text).toMatch(/^\s+\+919800000001\s+gupshup-partner\s+sent, message id gupshup-partner-msg-1$/m);
    expect(text).toMatch(
      /^\s+\+919800000099\s+gupshup-partner\s+FAILED remote invalid \(HTTP 400\): Invalid Destination$/m,
    );
    expect(text).toContain(`shop/winter_offer/en   REJECTED  rejected: ${REJECTION}\n`);
    expect(text).toMatch(/^brand\/ghost\/en\s+-\s+not found/m);
    expect(text).toMatch(/Result: verification failed.*\(exit 3\)\.\n$/);
  });

  it("says so when there is nothing to verify", () => {
    const empty: VerifyReport = { formatVersion: 1, startedAt: 0, finishedAt: 0, templates: [], ok: true };
    expect(renderVerifyText(empty)).toBe("Nothing to verify.\n");
  });
});

describe("json report", () => {
  it("is versioned and carries the exit code and every send's message id or error", () => {
    const json = JSON.parse(renderVerifyJson(report));
    expect(json).toMatchObject({ format_version: 1, ok: false, exit_code: 3 });
    const summer = json.templates.find((t: { name: string }) => t.name === "summer_offer");
    expect(
      summer.sends.map((s: { message_id: string | null; error: unknown }) => [s.message_id, s.error]),
    ).toEqual([
      ["gupshup-partner-msg-1", null],
      [null, { kind: "invalid", message: "Invalid Destination", http_status: 400 }],
    ]);
  });
});

describe("junit report", () => {
  const xml = renderVerifyJunit(report);

  it("has one test case per template and per send (skipped when never approved), failures for rejections and failed sends", () => {
    expect(xml.match(/<testcase /g)).toHaveLength(7 + 3 + 3);
    expect(xml).toMatch(/<testsuites name="waform verify" tests="13" failures="3" errors="2" skipped="3"/);
    expect(xml).toContain(`<failure type="REJECTED" message="rejected: ${escapeAttr(REJECTION)}">`);
    expect(xml).toContain(`<error type="timeout" message="timed out: still PENDING after 5m">`);
  });

  it("escapes markup in provider text, and shows control and bidi characters as escapes", () => {
    expect(xml).not.toContain("<body>");
    expect(xml).toContain("&lt;body&gt; &amp; &quot;footer&quot;");
    expect(escapeText(`a<b>&"c"\u0001\u0007\u202e`)).toBe(`a&lt;b&gt;&amp;"c"\\u0001\\u0007\\u202e`);
    expect(escapeAttr(`it's\n"x"\t<y>`)).toBe("it&apos;s&#10;&quot;x&quot;&#9;&lt;y&gt;");
    expect(escapeText("lone \uD800 surrogate, emoji 🎉 kept")).toBe("lone  surrogate, emoji 🎉 kept");
  });
});
