// render/inert.ts: the one place that makes other people's text harmless, per medium. The CLI-level
// proof (each output of each command) is test/security/hostile-corpus.test.ts; these pin the rules.

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderCurl } from "../../src/render/curl.js";
import {
  hasActiveCharacters,
  hasWorkflowCommand,
  inertJson,
  inertLine,
  inertText,
  mdCell,
  mdCode,
  mdFence,
  mdHtml,
  mdText,
  neutraliseWorkflowCommands,
} from "../../src/render/inert.js";

const HOSTILE = "a\u001b[2Jb\u0000c\u202ed\u009be\u2028f\u2066g\u007fh";

describe("terminal text", () => {
  it("spells every control and bidi character as a visible escape, keeping newlines and tabs", () => {
    expect(inertText(`${HOSTILE}\n\tnext`)).toBe(
      "a\\u001b[2Jb\\u0000c\\u202ed\\u009be\\u2028f\\u2066g\\u007fh\n\tnext",
    );
    expect(inertLine("one\ntwo\tthree\r")).toBe("one\\u000atwo\\u0009three\\u000d");
    expect(hasActiveCharacters(inertText(HOSTILE))).toBe(false);
    expect(inertText(inertText(HOSTILE))).toBe(inertText(HOSTILE));
  });

  it("leaves ordinary text, emoji, accents and right-to-left scripts alone", () => {
    const fine = "Olá 👋 مرحبا {{1}} ₹499 — ok";
    expect(inertText(fine)).toBe(fine);
    expect(hasActiveCharacters(fine)).toBe(false);
  });
});

describe("JSON", () => {
  it("spells the characters JSON leaves raw, and parses back to the same value", () => {
    const value = { body: HOSTILE, [`k\u202e`]: ["\u0085", "\u2029"] };
    const json = inertJson(JSON.stringify(value, null, 2));
    expect(hasActiveCharacters(json)).toBe(false);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe("Markdown", () => {
  it("prose: HTML, emphasis, links, code and pipes render as the characters they are", () => {
    expect(mdText("<img src=x onerror=alert(1)> *b* _i_ [l](http://x) a|b ~s~ &amp; ` \\")).toBe(
      "&lt;img src=x onerror=alert(1)&gt; \\*b\\* \\_i\\_ \\[l\\](http://x) a&#124;b \\~s\\~ &amp;amp; \\` \\\\",
    );
    // a quoted run stays code (waform's messages quote commands so), inert like any code span
    expect(mdText("run `waform plan` <now>, or `<b>|`")).toBe("run `waform plan` &lt;now&gt;, or `<b>|`");
    expect(mdCell(mdText("x `a|b` y|z"))).toBe("x `a\\|b` y&#124;z");
    // the escapes' own backslashes are escaped, so the page shows `line\u000aone\u001b`
    expect(mdText("line\none\u001b")).toBe("line\\\\u000aone\\\\u001b");
  });

  it("inline code: a fence longer than any backtick run; pipes escaped only in tables", () => {
    expect(mdCode("plain")).toBe("`plain`");
    expect(mdCode("a ``b`` c")).toBe("```a ``b`` c```");
    expect(mdCode("`edge`")).toBe("`` `edge` ``");
    expect(mdCode("a|b", true)).toBe("`a\\|b`");
    expect(mdCode("a|b")).toBe("`a|b`");
    expect(mdCode("\u001b")).toBe("`\\u001b`");
  });

  it("code block: no line closes the fence, every line inert", () => {
    const block = mdFence("diff", ["+ ```", "+ ````", `+ ${HOSTILE}`]);
    const lines = block.split("\n");
    expect(lines[0]).toBe("`````diff");
    expect(lines.at(-1)).toBe("`````");
    expect(hasActiveCharacters(block)).toBe(false);
  });

  it("HTML element text and table cells", () => {
    expect(mdHtml('<b>"x" & y</b>\n')).toBe("&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;\\u000a");
    expect(mdCell("a\nb | c \\| d")).toBe("a b \\| c \\| d");
  });
});

describe("GitHub Actions workflow commands", () => {
  it("neutralises every line the runner would execute, leading whitespace or not", () => {
    const text = "ok\n::error file=x::pwned\n   ::add-mask::x\n##[error]old style\nmid ::error:: fine";
    const out = neutraliseWorkflowCommands(text);
    expect(out).toBe(
      "ok\n\\u003a:error file=x::pwned\n   \\u003a:add-mask::x\n\\u0023#[error]old style\nmid ::error:: fine",
    );
    expect(hasWorkflowCommand(text)).toBe(true);
    expect(hasWorkflowCommand(out)).toBe(false);
  });
});

describe("curl previews", () => {
  /** The arguments sh (dash here) would pass to curl. */
  const argv = (command: string) =>
    execFileSync("sh", ["-c", `curl() { printf '%s\\0' "$@"; }\n${command}`], { encoding: "utf8" })
      .split("\0")
      .slice(0, -1);

  it("spell control and bidi characters in POSIX shell syntax: inert on screen, exact when run", () => {
    const value = "x\u001b[2Jy'z\u202e!\u0085";
    const text = renderCurl({
      method: "POST",
      url: "https://api.example.com/send",
      headers: {},
      secretHeaders: [],
      body: { kind: "form", fields: [["param", value]] },
    });
    expect(hasActiveCharacters(text)).toBe(false);
    expect(argv(text)).toContain(`param=${value}`);
  });
});
