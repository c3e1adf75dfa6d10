// Issue 13: the hostile corpus. Each case is input someone other than the operator controls — a
// file from a pull request, a flag, the environment, an answer from the API — run through the real
// CLI (a separate process) against one sandbox (behind a proxy that can rewrite the API's answers),
// asserting what a person sees: the exit code, the message, the file written, the absence of raw
// control characters, of workflow commands, of live Markdown. SECURITY.md's threat model names
// these cases; test/fuzz/cli-hostile.test.ts (random files, bad flags, unreadable paths) and the
// other test/security files hold the rest.

import { execFile, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDeclaration } from "../../src/config/load.js";
import { contentOf } from "../../src/model/content.js";
import { DEFAULT_REVIEW_RULES } from "../../src/sandbox/config.js";
import { builtCli } from "../e2e/build.js";
import { type CliResult, HAS_TTY, transcript } from "../e2e/cli.js";
import { BUILD_TIMEOUT_MS, prepareCli } from "../e2e/fixture.js";
import {
  Case,
  CRASH,
  hasRaw,
  type Kit,
  markdownOutsideCode,
  startKit,
  tableCells,
  waitForOutput,
  workflowCommands,
  yq,
} from "./hostile-kit.js";

let kit: Kit;
beforeAll(async () => {
  await prepareCli();
  kit = await startKit();
  // Meta's reason for one body, chosen by the test: every kind of hostile text at once
  kit.sandbox.configure({
    reviewRules: [...DEFAULT_REVIEW_RULES, { pattern: "HOSTILE_REVIEW", reason: REASON }],
  });
}, BUILD_TIMEOUT_MS);
afterAll(() => kit?.close());

/** Runs `body` in a fresh case, closing it after. */
function inCase(body: (c: Case) => Promise<void>): () => Promise<void> {
  return async () => {
    const c = new Case(kit);
    try {
      await body(c);
    } finally {
      await c.close();
    }
  };
}

/** Every run of every case: never a crash, never a raw control character (NO_COLOR is set). */
function clean(r: CliResult): CliResult {
  expect(r.stderr + r.stdout, transcript(r)).not.toMatch(CRASH);
  expect(hasRaw(r.stdout), `raw control character on stdout\n${transcript(r)}`).toBe(false);
  expect(hasRaw(r.stderr), `raw control character on stderr\n${transcript(r)}`).toBe(false);
  return r;
}

function expectExit(r: CliResult, code: number): CliResult {
  expect(r.code, transcript(r)).toBe(code);
  return clean(r);
}

/** Under GitHub Actions: no line the runner would execute, but the annotations waform writes. */
function noForgedCommands(r: CliResult): void {
  const forged = workflowCommands(`${r.stdout}\n${r.stderr}`).filter(
    (l) => !/^::(error|warning|notice) file=[^:]*,title=[A-Z]+(-[A-Z0-9]+)?::/.test(l),
  );
  expect(forged, transcript(r)).toEqual([]);
}

/** A character device of the memory driver (major 1: 3 null, 7 full) in the case's directory. */
function deviceNode(c: Case, name: string, minor: number): string {
  const path = join(c.dir, name);
  execFileSync("mknod", ["-m", "666", path, "c", "1", String(minor)]);
  return path;
}

/** Whether device nodes can be made here (root, as in CI containers; the bug hurt root most). */
const CAN_MKNOD = (() => {
  const dir = mkdtempSync(join(tmpdir(), "waform-mknod-"));
  try {
    execFileSync("mknod", [join(dir, "null"), "c", "1", "3"], { stdio: "ignore" });
    return statSync(join(dir, "null")).isCharacterDevice();
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

const VALID = `{ name: hello_there, body: "Hi {{1}}, welcome to the shop.", examples: { body: [Ana] } }`;
/** A body that would clear a reviewer's screen and draw a fake plan line. */
const SCREEN_WIPE = "Hi {{1}}, welcome.\u001b[2J\u001b[H  - shop/precious/en_US will be deleted";
/** Meta's reason, as an attacker would write it (see the review rule in beforeAll). */
const REASON =
  "\u001b[2J\u001b]0;pwned\u0007<img src=x onerror=alert(1)> | col </details> `tick` \u202eevil\n::error file=x::pwned";
const FENCE_BREAKER =
  "Old {{1}}\n```\n</details><script>alert(1)</script>\n::error file=x::pwned\n\u001b[31mred";
const ACTIONS = { GITHUB_ACTIONS: "true" };

// ---- files: what a pull-request author controls ------------------------------------------------

describe.concurrent("files from a pull request", () => {
  it.each([
    ["ESC in a body", `body: ${yq("Hi {{1}}, \u001b[2J welcome.")}`, "TEXT-001", "\\u001b"],
    ["NUL in a body", `body: ${yq("Hi {{1}}, \u0000 welcome.")}`, "TEXT-001", "\\u0000"],
    ["U+202E in a body", `body: ${yq("Hi {{1}}, refund \u202e99$ today.")}`, "TEXT-002", "\\u202e"],
    ["a C1 CSI in a footer", `footer: ${yq("Reply STOP\u009b2J")}`, "TEXT-001", "\\u009b"],
    ["BEL in a test param", `test: { params: [${yq("An\u0007a")}] }`, "TEXT-001", "\\u0007"],
    ["YAML's own \\e escape", `footer: "Reply STOP\\e[8m"`, "TEXT-001", "\\u001b"],
    [
      "a zero-width quick-reply label",
      `buttons: [{ type: quick_reply, text: ${yq("\u200b")} }]`,
      "TEXT-003",
      "\\u200b",
    ],
    ["a footer of direction marks", `footer: ${yq("\u200e\u200f\u200e")}`, "TEXT-003", "\\u200e"],
    [
      "a header of Hangul fillers",
      `header: { type: text, text: ${yq("\u3164\u3164")} }`,
      "TEXT-003",
      "\\u3164",
    ],
    [
      "an override in a button label",
      `buttons: [{ type: quick_reply, text: ${yq("Yes\u202d")} }]`,
      "TEXT-002",
      "\\u202d",
    ],
  ])("%s fails validate, shown escaped", (_name, field, code, shown) =>
    inCase(async (c) => {
      const body = field.startsWith("body:") ? "" : `body: "Hi {{1}}, welcome to the shop.", `;
      c.declare([`{ name: hostile, ${body}${field}, examples: { body: [Ana] } }`]);
      const r = expectExit(await c.run(["validate"]), 1);
      expect(r.stdout).toMatch(new RegExp(`templates\\.yaml:\\d+:\\d+ error ${code} `));
      expect(r.stdout).toContain(shown);
    })(),
  );

  it(
    "plan and apply refuse what validate refuses, and write nothing",
    inCase(async (c) => {
      c.declare([
        `{ name: hostile, body: ${yq("Hi {{1}}, \u001b[2J welcome.")}, examples: { body: [Ana] } }`,
      ]);
      const r = expectExit(await c.run(["plan"]), 1);
      expect(r.stderr).toMatch(/error TEXT-001 body contains the control character \\u001b/);
      // a rule check, not the schema: the remote may be read while it runs, nothing is written
      const apply = expectExit(await c.run(["apply", "--auto-approve"]), 1);
      expect(apply.stderr).toMatch(/nothing was written to the remote/);
      expect(c.writes()).toBe(0);
    }),
  );

  it(
    "a bidi isolate in right-to-left text is a warning, not an error",
    inCase(async (c) => {
      c.declare([
        `{ name: rtl_offer, body: ${yq("مرحبا \u2068{{1}}\u2069، تبدأ التخفيضات اليوم في كل المتاجر.")}, examples: { body: [Ana] } }`,
      ]);
      const r = expectExit(await c.run(["validate"]), 0);
      expect(r.stdout).toMatch(/warning TEXT-002 .*\\u2068/);
    }),
  );

  it(
    "a body line `::error …` under GitHub Actions: the plan shows it, the runner does not execute it",
    inCase(async (c) => {
      c.declare([
        `{ name: workflow_lines, body: ${yq("Hi {{1}},\n::error file=templates.yaml,line=1::approved by security\n##[error]old style\n  ::add-mask::Hi")}, examples: { body: [Ana] } }`,
      ]);
      const r = expectExit(await c.run(["plan"], { env: ACTIONS }), 0);
      noForgedCommands(r);
      expect(r.stdout).toContain("\\u003a:error file=templates.yaml,line=1::approved by security");
      expect(r.stdout).toContain("\\u0023#[error]old style");
    }),
  );

  it(
    "validate under GitHub Actions: the only workflow commands are waform's annotations, one per finding",
    inCase(async (c) => {
      c.declare([
        `{ name: hostile, body: ${yq("Hi {{1}},\n::warning::\u001b[2Jok")}, examples: { body: [Ana] } }`,
      ]);
      const r = expectExit(await c.run(["validate"], { env: ACTIONS }), 1);
      noForgedCommands(r);
      const annotations = workflowCommands(r.stderr);
      expect(annotations).toHaveLength(1);
      expect(annotations[0]).toMatch(
        /^::error file=templates\.yaml,line=\d+,col=\d+,title=TEXT-001::.*\\u001b/,
      );
    }),
  );

  it(
    "a file over 64 MiB is refused before it is read (FILE-004)",
    inCase(async (c) => {
      const big = c.write("big.yaml", "");
      truncateSync(big, 64 * 1024 * 1024 + 1); // sparse: no disk used
      const r = expectExit(await c.run(["validate", "-f", "big.yaml"]), 1);
      expect(r.stdout).toMatch(
        /^big\.yaml error FILE-004 file is 64\.0 MiB; waform reads declaration files of at most 64\.0 MiB/m,
      );
    }),
  );

  it.each([
    // `templates` is level 1: the 64th bracket is level 65
    ["200,000 open brackets", `version: 1\ntemplates: ${"[".repeat(200_000)}\n`, "2:75"],
    ["200,000 nested sequence entries", `version: 1\ntemplates:\n${"- ".repeat(200_000)}x\n`, "3:129"],
    [
      "a staircase of mappings",
      `version: 1\n${Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")} 1\n`,
      "66:65",
    ],
  ])("%s: YAML-DEPTH at the line, in bounded time, with no request", (_name, text, at) =>
    inCase(async (c) => {
      c.write("deep.yaml", text);
      const started = Date.now();
      const r = expectExit(await c.run(["plan", "-f", "deep.yaml"]), 1);
      expect(r.stderr).toContain(`deep.yaml:${at} error YAML-DEPTH nesting deeper than 64 levels`);
      expect(c.requests()).toBe(0);
      // bounded: the pre-scan stops at level 65 (generous: a busy machine, process start-up)
      expect(Date.now() - started).toBeLessThan(15_000);
    })(),
  );

  it(
    "directory mode skips dot-files: an editor's lock link and a backup are not read",
    inCase(async (c) => {
      mkdirSync(join(c.dir, "decl"));
      c.declare([VALID], { file: "decl/shop.yaml" });
      symlinkSync("user@host.1234:1700000000", join(c.dir, "decl", ".#shop.yaml")); // emacs lock
      c.write("decl/.shop.yaml", "this: is: [not yaml"); // a broken backup
      const r = expectExit(await c.run(["plan", "-f", "decl"]), 0);
      expect(r.stdout).toContain("+ shop/hello_there/en_US will be created");
    }),
  );

  it(
    "directory mode follows a symbolic link to a file, and reports one that leads nowhere",
    inCase(async (c) => {
      mkdirSync(join(c.dir, "decl"));
      mkdirSync(join(c.dir, "shared"));
      c.declare([VALID], { file: "shared/common.yaml" });
      symlinkSync("../shared/common.yaml", join(c.dir, "decl", "common.yaml"));
      const r = expectExit(await c.run(["plan", "-f", "decl"]), 0);
      expect(r.stdout).toContain("+ shop/hello_there/en_US will be created");

      symlinkSync("../shared/gone.yaml", join(c.dir, "decl", "gone.yaml"));
      const broken = expectExit(await c.run(["validate", "-f", "decl"]), 1);
      expect(broken.stdout).toContain(
        "decl/gone.yaml error FILE-001 file not found: the symbolic link leads nowhere",
      );
    }),
  );

  it(
    "directory mode refuses a link to a file outside the working directory (the CI machine's files)",
    inCase(async (c) => {
      mkdirSync(join(c.dir, "decl"));
      const outside = join(c.dir, "..", `${c.appId}-gh-hosts.yml`);
      writeFileSync(outside, "github.com:\n  oauth_token: gho_0123456789abcdef\n  user: octocat\n");
      symlinkSync(outside, join(c.dir, "decl", "hosts.yaml"));
      try {
        const r = expectExit(await c.run(["validate", "-f", "decl"]), 1);
        expect(r.stdout).toContain(
          "decl/hosts.yaml error FILE-002 cannot read: the link leads outside the working directory",
        );
        expect(r.stdout).not.toMatch(/octocat|github\.com|oauth_token/);
      } finally {
        rmSync(outside, { force: true });
      }
    }),
  );

  it(
    "a file name with ESC and a newline in directory mode is shown escaped, on one line",
    inCase(async (c) => {
      mkdirSync(join(c.dir, "decl"));
      c.write("decl/\u001b[2Jx\n::error file=y::z.yaml", "version: 1\ntemplates: [\n");
      const r = expectExit(await c.run(["validate", "-f", "decl"], { env: ACTIONS }), 1);
      expect(r.stdout).toContain("decl/\\u001b[2Jx\\u000a::error file=y::z.yaml:");
      noForgedCommands(r);
    }),
  );

  it(
    "a template name with ESC: NAME-001, the name escaped in every message",
    inCase(async (c) => {
      c.declare([
        `{ name: ${yq("promo\u001b[8m")}, body: "Hi {{1}}, welcome to the shop.", examples: { body: [Ana] } }`,
      ]);
      const r = expectExit(await c.run(["validate"]), 1);
      expect(r.stdout).toMatch(/error NAME-001 .*promo\\u001b\[8m/);
    }),
  );

  it(
    "an HTML and fence-breaking body stays inside its code block in the plan comment",
    inCase(async (c) => {
      c.declare([
        `{ name: fences, body: ${yq("Hi {{1}}\n````\n</details><script>alert(1)</script> | a | b |\n<!-- waform:plan -->")}, examples: { body: [Ana] } }`,
      ]);
      const r = expectExit(await c.run(["plan", "--format", "markdown"]), 0);
      const live = markdownOutsideCode(r.stdout);
      expect(live).not.toMatch(/<script|<!-- waform:plan -->[\s\S]*<!-- waform:plan -->/);
      expect(live.match(/<details>/g)).toHaveLength(1);
      expect(live.match(/<\/details>/g)).toHaveLength(1);
      expect(r.stdout).toContain("`````diff");
    }),
  );

  it(
    "a YAML alias bomb is refused (YAML-ALIAS) without a request",
    inCase(async (c) => {
      c.write(
        "templates.yaml",
        'a: &a ["x","x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
      );
      const r = expectExit(await c.run(["plan"]), 1);
      expect(r.stderr).toContain("YAML-ALIAS");
      expect(c.requests()).toBe(0);
    }),
  );

  it(
    "a byte-order mark and CRLF line ends are text, not an attack: accepted",
    inCase(async (c) => {
      const path = c.declare([VALID]);
      writeFileSync(path, `\ufeff${readFileSync(path, "utf8").replace(/\n/g, "\r\n")}`);
      expectExit(await c.run(["validate"]), 0);
    }),
  );
});

// ---- flags: what the operator (or a script built from untrusted values) controls ----------------

describe.concurrent("output targets", () => {
  const plan = async (c: Case, out: string) => {
    c.declare([VALID]);
    return c.run(["plan", "--out", out]);
  };
  const isPlan = (text: string) => JSON.parse(text).format_version === 3;

  it(
    "--out DIR: exit 1, a user error, not a bug",
    inCase(async (c) => {
      mkdirSync(join(c.dir, "plans"));
      const r = expectExit(await plan(c, "plans"), 1);
      expect(r.stderr).toBe(
        "Error: cannot write plans: it is a directory\n  hint: give a file name, e.g. DIR/plan.json\n",
      );
    }),
  );

  it(
    "--out in a missing directory: exit 1 before the remote is read, nothing created",
    inCase(async (c) => {
      const r = expectExit(await plan(c, "nowhere/plan.json"), 1);
      expect(r.stderr).toMatch(/cannot write nowhere\/plan\.json: directory .*nowhere does not exist/);
      expect(() => statSync(join(c.dir, "nowhere"))).toThrow();
      expect(c.requests()).toBe(0);
    }),
  );

  it(
    "--out through a symbolic link: the link stays, its target gets the plan",
    inCase(async (c) => {
      mkdirSync(join(c.dir, "artifacts"));
      symlinkSync("artifacts/plan.json", join(c.dir, "plan.json"));
      expectExit(await plan(c, "plan.json"), 0);
      expect(lstatSync(join(c.dir, "plan.json")).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(c.dir, "plan.json"))).toBe("artifacts/plan.json");
      expect(isPlan(readFileSync(join(c.dir, "artifacts", "plan.json"), "utf8"))).toBe(true);
    }),
  );

  it(
    "--out a FIFO: the reader gets the plan, the FIFO stays a FIFO",
    inCase(async (c) => {
      const fifo = join(c.dir, "plan.fifo");
      execFileSync("mkfifo", [fifo]);
      const reader = spawn("cat", [fifo]);
      let got = "";
      reader.stdout.setEncoding("utf8").on("data", (s: string) => {
        got += s;
      });
      const read = new Promise((r) => reader.on("close", r));
      expectExit(await plan(c, "plan.fifo"), 0);
      await read;
      expect(isPlan(got)).toBe(true);
      expect(statSync(fifo).isFIFO()).toBe(true);
    }),
  );

  it(
    "--out -: the plan alone on stdout, the report on stderr",
    inCase(async (c) => {
      const r = expectExit(await plan(c, "-"), 0);
      expect(isPlan(r.stdout)).toBe(true);
      expect(r.stderr).toContain("+ shop/hello_there/en_US will be created");
    }),
  );

  // Never the machine's own /dev/stdout, /dev/null or /dev/full: a waform with the bug this guards
  // against (rename over the target) would replace them for every process on the machine. The
  // descriptor link and device nodes made in the case's directory are as real, and disposable.
  it(
    "--out /dev/fd/1 is stdout too",
    inCase(async (c) => {
      const r = expectExit(await plan(c, "/dev/fd/1"), 0);
      expect(isPlan(r.stdout)).toBe(true);
    }),
  );

  it.skipIf(!CAN_MKNOD)(
    "--out a null device: written to, not replaced",
    inCase(async (c) => {
      const dev = deviceNode(c, "null", 3);
      expectExit(await plan(c, dev), 0);
      expect(statSync(dev).isCharacterDevice()).toBe(true);
    }),
  );

  it.skipIf(!CAN_MKNOD)(
    "--out a full device: the write fails with a clear error, the device stays",
    inCase(async (c) => {
      const dev = deviceNode(c, "full", 7);
      const r = expectExit(await plan(c, dev), 1);
      expect(r.stderr).toContain(`Error: cannot write ${dev}: no space left on device`);
      expect(statSync(dev).isCharacterDevice()).toBe(true);
    }),
  );

  it(
    "--out over an existing file keeps its permissions",
    inCase(async (c) => {
      c.write("plan.json", "old");
      chmodSync(join(c.dir, "plan.json"), 0o644);
      expectExit(await plan(c, "plan.json"), 0);
      expect(statSync(join(c.dir, "plan.json")).mode & 0o777).toBe(0o644);
      expect(isPlan(readFileSync(join(c.dir, "plan.json"), "utf8"))).toBe(true);
    }),
  );

  it(
    "plan merge -o DIR: exit 1 before the shards are merged",
    inCase(async (c) => {
      c.declare([VALID]);
      expectExit(await c.run(["plan", "--shard", "1/1", "--out", "shard.json"]), 0);
      mkdirSync(join(c.dir, "merged"));
      const r = expectExit(await c.run(["plan", "merge", "shard.json", "-o", "merged"]), 1);
      expect(r.stderr).toContain("cannot write merged: it is a directory");
    }),
  );

  it(
    "verify --junit DIR: exit 1 before any request",
    inCase(async (c) => {
      c.declare([VALID]);
      mkdirSync(join(c.dir, "reports"));
      const r = expectExit(await c.run(["verify", "--junit", "reports"]), 1);
      expect(r.stderr).toContain("cannot write reports: it is a directory");
      expect(c.requests()).toBe(0);
    }),
  );

  it(
    "drift -o DIR: exit 1 before any request, a user error, not a bug",
    inCase(async (c) => {
      c.declare([VALID]);
      mkdirSync(join(c.dir, "reports"));
      const r = expectExit(await c.run(["drift", "-o", "reports"]), 1);
      expect(r.stderr).toBe(
        "Error: cannot write reports: it is a directory\n  hint: give a file name, e.g. DIR/plan.json\n",
      );
      expect(c.requests()).toBe(0);
    }),
  );

  it(
    "drift -o -: the JSON report alone on stdout, the text report on stderr, no file named '-'",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(await c.run(["drift", "-o", "-"]), 2);
      expect(JSON.parse(r.stdout).missing).toHaveLength(1);
      expect(r.stderr).toContain("Drift: 0 changed, 1 missing");
      expect(existsSync(join(c.dir, "-"))).toBe(false);
    }),
  );

  it(
    "preview -o DIR or into a missing directory: exit 1, a user error, not a bug",
    inCase(async (c) => {
      c.declare([VALID]);
      mkdirSync(join(c.dir, "pages"));
      const dir = expectExit(await c.run(["preview", "-o", "pages"]), 1);
      expect(dir.stderr).toContain("Error: cannot write pages: it is a directory");
      const missing = expectExit(await c.run(["preview", "-o", "no/such/page.html"]), 1);
      expect(missing.stderr).toContain(
        "Error: cannot write no/such/page.html: directory no/such does not exist",
      );
    }),
  );

  it(
    "--junit - with --format json: refused, both want stdout",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(await c.run(["verify", "--junit", "-", "--format", "json"]), 1);
      expect(r.stderr).toContain("--junit - and --format json both write to stdout");
    }),
  );

  it(
    "import -o --force through a symbolic link: the link stays",
    inCase(async (c) => {
      c.declare([]);
      c.write("real.yaml", "old");
      symlinkSync("real.yaml", join(c.dir, "imported.yaml"));
      const refused = expectExit(await c.run(["import", "-o", "imported.yaml"]), 1);
      expect(refused.stderr).toContain("imported.yaml already exists");
      expectExit(await c.run(["import", "-o", "imported.yaml", "--force"]), 0);
      expect(lstatSync(join(c.dir, "imported.yaml")).isSymbolicLink()).toBe(true);
      expect(readFileSync(join(c.dir, "real.yaml"), "utf8")).toContain("version: 1");
    }),
  );

  it(
    "import -o into a missing directory: exit 1 before the remote is read",
    inCase(async (c) => {
      c.declare([]);
      const r = expectExit(await c.run(["import", "-o", "no/such/dir/x.yaml"]), 1);
      expect(r.stderr).toContain("does not exist");
      expect(c.requests()).toBe(0);
    }),
  );

  it(
    "init --force through a symbolic link: the link stays, its target is the scaffold",
    inCase(async (c) => {
      c.write("mine.yaml", "old");
      symlinkSync("mine.yaml", join(c.dir, "templates.yaml"));
      expectExit(await c.run(["init", "--force"]), 0);
      expect(lstatSync(join(c.dir, "templates.yaml")).isSymbolicLink()).toBe(true);
      expect(readFileSync(join(c.dir, "mine.yaml"), "utf8")).toContain("version: 1");
    }),
  );
});

describe.concurrent("flags", () => {
  it(
    "a mistyped --target is exit 1 with the closest names, not 'No changes'",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(await c.run(["plan", "--target", "hello_tehre", "--detailed-exitcode"]), 1);
      expect(r.stderr).toBe(
        "Error: --target 'hello_tehre' matches no template\n  hint: did you mean 'hello_there'?\n",
      );
    }),
  );

  it(
    "a --target in app/name/language form is matched and suggested in that form",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(await c.run(["apply", "--target", "shop/hello_there/en_GB", "--auto-approve"]), 1);
      expect(r.stderr).toContain("did you mean 'shop/hello_there/en_US'?");
      expect(c.requests()).toBeGreaterThan(0); // the remote was read (a target may name a remote template)
      expect(c.kit.sandbox.state().templates.filter((t) => t.appId === c.appId)).toEqual([]);
    }),
  );

  it(
    "a --target that names only a remote template is valid (it can be deleted with prune)",
    inCase(async (c) => {
      c.declare([VALID], { prune: true });
      const content = contentOf(
        (await loadDeclaration([join(c.dir, "templates.yaml")], { now: Date.now() })).declaration
          .templates[0]!,
      );
      await c
        .provider()
        .createTemplate(c.app, { app: "shop", name: "old_promo", language: "en_US" }, content);
      const r = expectExit(await c.run(["plan", "--target", "old_promo"]), 0);
      expect(r.stdout).toContain("- shop/old_promo/en_US will be deleted");
    }),
  );

  it(
    "a mistyped --app is exit 1 with the closest names",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(await c.run(["verify", "--app", "shpo"]), 1);
      expect(r.stderr).toContain("unknown app 'shpo'\n  hint: did you mean 'shop'?");
    }),
  );

  it(
    "a --target far from every name: exit 1, and the hint says how targets are written",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(await c.run(["verify", "--target", "zzzzzzzz"]), 1);
      expect(r.stderr).toContain("hint: a target is name, app/name or app/name/language");
    }),
  );

  it(
    "control characters in a flag value come back escaped in the error",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(await c.run(["plan", "--format", "\u001b[2Jjson"]), 1);
      expect(r.stderr).toContain("unknown format '\\u001b[2Jjson'");
      const t = expectExit(await c.run(["plan", "--target", "\u001b]0;owned\u0007"]), 1);
      expect(t.stderr).toContain("--target '\\u001b]0;owned\\u0007' matches no template");
    }),
  );

  it(
    "send-preview of a test param with a bidi isolate: shell-escaped, and still the exact bytes",
    inCase(async (c) => {
      c.declare([
        `{ name: rtl_offer, body: ${yq("مرحبا {{1}}، تبدأ التخفيضات اليوم في كل المتاجر.")}, examples: { body: [Ana] }, test: { params: [${yq("\u2068Ana\u2069")}] } }`,
      ]);
      const r = expectExit(await c.run(["send-preview", "rtl_offer", "--channel", "gupshup"]), 0);
      expect(r.stdout).toContain(`'"$(printf '\\342\\201\\250')"'`);
    }),
  );
});

// ---- the environment -----------------------------------------------------------------------------

describe.concurrent("the environment", () => {
  it(
    "GITHUB_ACTIONS with stdout redirected to a file: data is written verbatim, the log is guarded",
    inCase(async (c) => {
      c.declare([]);
      const content = {
        ...contentOf(
          (await loadDeclaration([c.declare([VALID], { file: "one.yaml" })], { now: Date.now() })).declaration
            .templates[0]!,
        ),
        body: "Hi {{1}},\n::error file=x::pwned",
      };
      await c
        .provider()
        .createTemplate(c.app, { app: "shop", name: "remote_one", language: "en_US" }, content);
      const piped = expectExit(await c.run(["import"], { env: ACTIONS }), 0);
      noForgedCommands(piped);
      // the same run with stdout a file: what the user asked for, byte for byte
      const env = { PATH: process.env["PATH"], HOME: process.env["HOME"], ...c.env(ACTIONS), NO_COLOR: "1" };
      const bin = await builtCli();
      // asynchronously: the sandbox answering it lives on this process's event loop
      await promisify(execFile)("sh", ["-c", `"${process.execPath}" "${bin}" import > imported.yaml`], {
        cwd: c.dir,
        env,
      });
      const file = readFileSync(join(c.dir, "imported.yaml"), "utf8");
      expect(file).toMatch(/^\s+::error file=x::pwned$/m);
      expect(piped.stdout.replace("\\u003a:error", "::error")).toBe(file);
    }),
  );

  it(
    "FORCE_COLOR: the only escape sequences are waform's own colours",
    inCase(async (c) => {
      c.declare([VALID]);
      const remote = await c.provider().createTemplate(
        c.app,
        { app: "shop", name: "paused_one", language: "en_US" },
        {
          ...contentOf(
            (await loadDeclaration([join(c.dir, "templates.yaml")], { now: Date.now() })).declaration
              .templates[0]!,
          ),
          body: "Other {{1}} text here.",
        },
      );
      c.kit.sandbox.setTemplateStatus(remote.id, "paused\u001b[8m\u001b]52;c;cHduZWQ=\u0007");
      const r = await c.run(["plan"], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
      expect(r.code, transcript(r)).toBe(0);
      const sequences = r.stdout.match(/\u001b[^m]*m|\u001b./g) ?? [];
      expect(sequences.length).toBeGreaterThan(0);
      for (const s of sequences) expect(s).toMatch(/^\u001b\[\d+m$/);
      expect(r.stdout).toContain("PAUSED\\u001b[8M\\u001b]52;C;CHDUZWQ=\\u0007");
    }),
  );

  it(
    "GITHUB_STEP_SUMMARY gets the plan as inert Markdown",
    inCase(async (c) => {
      c.declare([
        `{ name: summary_body, body: ${yq("Hi {{1}} <img src=x onerror=alert(1)>\n```\n</details>")}, examples: { body: [Ana] } }`,
      ]);
      const summary = c.write("summary.md", "");
      expectExit(await c.run(["plan"], { env: { ...ACTIONS, GITHUB_STEP_SUMMARY: summary } }), 0);
      const md = readFileSync(summary, "utf8");
      expect(md).toContain("### waform plan");
      expect(markdownOutsideCode(md)).not.toMatch(/<img|<\/details>[\s\S]*<\/details>/);
    }),
  );

  it(
    "a GITHUB_STEP_SUMMARY that cannot be written is a warning, not a failed plan",
    inCase(async (c) => {
      c.declare([VALID]);
      mkdirSync(join(c.dir, "summary-dir"));
      const r = expectExit(
        await c.run(["plan"], { env: { GITHUB_STEP_SUMMARY: join(c.dir, "summary-dir") } }),
        0,
      );
      expect(r.stderr).toContain("warning: could not append to $GITHUB_STEP_SUMMARY: EISDIR");
    }),
  );

  it(
    "an environment value with control characters is quoted escaped in its error",
    inCase(async (c) => {
      c.declare([VALID]);
      const r = expectExit(
        await c.run(["plan", "--sandbox"], { env: { WAFORM_SANDBOX_APPROVAL_DELAY: "\u001b[2J\u009b" } }),
        1,
      );
      expect(r.stderr).toContain("WAFORM_SANDBOX_APPROVAL_DELAY is not a duration");
      expect(r.stderr).toContain("\\u001b[2J");
    }),
  );
});

// ---- answers from the API --------------------------------------------------------------------------

/** One app whose template Meta rejected with REASON (the review rule in beforeAll): apply once. */
let rejected: Promise<{ c: Case; apply: CliResult }> | undefined;
function rejectedApp(): Promise<{ c: Case; apply: CliResult }> {
  rejected ??= (async () => {
    const c = new Case(kit);
    c.declare([
      `{ name: refund_notice, body: "Hi {{1}}, HOSTILE_REVIEW your refund is on its way.", examples: { body: [Ana] } }`,
    ]);
    const apply = await c.run(["apply", "--auto-approve", "--junit", "junit.xml"]);
    return { c, apply };
  })();
  return rejected;
}
afterAll(async () => (await rejected)?.c.close());

describe.concurrent("a rejection reason with ESC, HTML, | and a workflow command, from the sandbox", () => {
  it("apply and verify show it escaped, on one line", async () => {
    const { apply } = await rejectedApp();
    expectExit(apply, 3);
    expect(apply.stdout).toMatch(
      /shop\/refund_notice\/en_US\s+REJECTED\s+rejected: \\u001b\[2J\\u001b\]0;pwned\\u0007<img src=x onerror=alert\(1\)> \| col <\/details> `tick` \\u202eevil\\u000a::error file=x::pwned$/m,
    );
  });

  it("the JUnit report carries it escaped, as well-formed XML", async () => {
    const { c } = await rejectedApp();
    const xml = readFileSync(join(c.dir, "junit.xml"), "utf8");
    expect(hasRaw(xml)).toBe(false);
    expect(xml).toContain(
      'message="rejected: \\u001b[2J\\u001b]0;pwned\\u0007&lt;img src=x onerror=alert(1)&gt; | col &lt;/details&gt;',
    );
    expect(xml).toMatch(/<testsuite name="apply shop" tests="1" failures="0"/);
  });

  it("verify --format json keeps the exact reason (data), spelled without raw controls", async () => {
    const { c } = await rejectedApp();
    const r = expectExit(await c.run(["verify", "--format", "json"]), 3);
    expect(JSON.parse(r.stdout).templates[0].reason).toBe(REASON);
  });

  it("drift (text) shows it escaped", async () => {
    const { c } = await rejectedApp();
    const r = expectExit(await c.run(["drift"]), 2);
    expect(r.stdout).toContain("! shop/refund_notice/en_US [REJECTED]: \\u001b[2J");
  });

  it("the drift issue (Markdown): the table keeps its columns, the HTML does not render", async () => {
    const { c } = await rejectedApp();
    const r = expectExit(await c.run(["drift", "--format", "markdown"]), 2);
    const row = r.stdout.split("\n").find((l) => l.includes("refund_notice"))!;
    expect(tableCells(row)).toHaveLength(4);
    expect(markdownOutsideCode(r.stdout)).not.toMatch(/<img|<\/details>|::error/);
  });

  it("the plan comment (Markdown) notes it inert", async () => {
    const { c } = await rejectedApp();
    const r = expectExit(await c.run(["plan", "--format", "markdown"]), 0);
    expect(r.stdout).toContain("Meta rejected this template");
    expect(markdownOutsideCode(r.stdout)).not.toMatch(/<img|<\/details>/);
  });

  it("under GitHub Actions, its `::error` never starts a line (plan, drift, verify)", async () => {
    const { c } = await rejectedApp();
    for (const args of [["plan"], ["drift"], ["verify"]])
      noForgedCommands(clean(await c.run(args, { env: ACTIONS })));
  });
});

describe.concurrent("other answers from the API", () => {
  /** A remote template of this case's app, made out of band with `body`. */
  const remoteWith = async (c: Case, name: string, body: string) => {
    const base = contentOf(
      (await loadDeclaration([c.declare([VALID], { file: "base.yaml" })], { now: Date.now() })).declaration
        .templates[0]!,
    );
    return c.provider().createTemplate(c.app, { app: "shop", name, language: "en_US" }, { ...base, body });
  };

  it(
    "a remote body that wipes the screen: the text plan's diff shows escapes",
    inCase(async (c) => {
      await remoteWith(c, "hello_there", SCREEN_WIPE);
      c.declare([VALID]);
      const r = expectExit(await c.run(["plan"]), 0);
      expect(r.stdout).toContain(
        "-Hi {{1}}, welcome.\\u001b[2J\\u001b[H  - shop/precious/en_US will be deleted",
      );
      expect(r.stdout).toContain("~ shop/hello_there/en_US will be updated in place");
    }),
  );

  it(
    "a remote body that breaks fences and HTML: the plan comment keeps it in its block",
    inCase(async (c) => {
      await remoteWith(c, "old_promo", FENCE_BREAKER);
      c.declare([VALID], { prune: true });
      const r = expectExit(await c.run(["plan", "--format", "markdown"]), 0);
      expect(r.stdout).toContain("- shop/old_promo/en_US");
      const live = markdownOutsideCode(r.stdout);
      expect(live).not.toMatch(/<script|::error/);
      expect(live.match(/<\/details>/g)).toHaveLength(2);
    }),
  );

  it(
    "the JSON plan keeps the remote body exactly",
    inCase(async (c) => {
      await remoteWith(c, "hello_there", `${SCREEN_WIPE}\u202e\u0085`);
      c.declare([VALID]);
      const r = expectExit(await c.run(["plan", "--format", "json"]), 0);
      const change = JSON.parse(r.stdout).changes[0];
      expect(change.fields.find((f: { path: string }) => f.path === "body").before).toBe(
        `${SCREEN_WIPE}\u202e\u0085`,
      );
    }),
  );

  it(
    "a remote status with control characters and a pipe: escaped in the plan, cells kept in the drift issue",
    inCase(async (c) => {
      const t = await remoteWith(c, "hello_there", "Other {{1}} words.");
      c.kit.sandbox.setTemplateStatus(t.id, "approved\u001b[2J|<b>bold</b>");
      c.declare([VALID]);
      const text = expectExit(await c.run(["plan"]), 0);
      expect(text.stdout).toContain("[APPROVED\\u001b[2J|<B>BOLD</B>]");
      const md = expectExit(await c.run(["drift", "--format", "markdown"]), 2);
      const row = md.stdout.split("\n").find((l) => l.includes("hello_there"))!;
      expect(tableCells(row)).toHaveLength(4);
      expect(markdownOutsideCode(md.stdout)).not.toMatch(/<B>/);
    }),
  );

  it(
    "a template name from the API with ESC and a pipe: escaped in the undeclared list",
    inCase(async (c) => {
      await remoteWith(c, "legacy_x", "Legacy {{1}} body.");
      c.kit.rewrite(c.appId, (a) => ({
        ...a,
        body: a.body.replaceAll('"legacy_x"', JSON.stringify("legacy\u001b[2J|x")),
      }));
      c.declare([VALID]);
      const text = expectExit(await c.run(["plan"]), 0);
      expect(text.stdout).toContain("shop/legacy\\u001b[2J|x/en_US");
      const md = expectExit(await c.run(["plan", "--format", "markdown"]), 0);
      expect(md.stdout).toContain("- `shop/legacy\\u001b[2J|x/en_US`");
    }),
  );

  it(
    "an API error message with ESC and a workflow command: one escaped line, exit 1",
    inCase(async (c) => {
      c.kit.rewrite(c.appId, (a) =>
        a.path.includes("/templates")
          ? {
              status: 400,
              body: JSON.stringify({
                status: "error",
                message: "\u001b[2JBad request\n::error file=x::pwned",
              }),
            }
          : a,
      );
      c.declare([VALID]);
      const r = expectExit(await c.run(["plan"], { env: ACTIONS }), 1);
      // the client already folds the message onto one line; the ESC is escaped on the way out
      expect(r.stderr).toContain("\\u001b[2JBad request ::error file=x::pwned");
      noForgedCommands(r);
    }),
  );

  it(
    "an API answer of 200 with a garbled body: a remote error, not a crash",
    inCase(async (c) => {
      c.kit.rewrite(c.appId, (a) =>
        a.path.includes("/templates") ? { status: 200, body: "\u001b[2J{not json" } : a,
      );
      c.declare([VALID]);
      const r = expectExit(await c.run(["plan"]), 1);
      expect(r.stderr).toMatch(/^Error: remote /);
    }),
  );
});

// ---- apply's report of what it found ------------------------------------------------------------

describe.concurrent("adopted templates", () => {
  /** Starts `apply` on a terminal, creates the template out of band at the prompt, then says yes. */
  const adoptAtPrompt = async (c: Case, args: string[]) => {
    const decl = c.declare([VALID]);
    const content = contentOf((await loadDeclaration([decl], { now: Date.now() })).declaration.templates[0]!);
    const run = c.start(["apply", "--no-verify", ...args], { tty: { input: "yes\n", when: "\u0000never" } });
    await waitForOutput(run, "Only 'yes' is accepted");
    await c
      .provider()
      .createTemplate(c.app, { app: "shop", name: "hello_there", language: "en_US" }, content);
    run.child.stdin?.end("yes\n");
    return run.done;
  };

  it.skipIf(!HAS_TTY)(
    "a template a colleague created meanwhile is reported adopted, in the summary line and JUnit",
    inCase(async (c) => {
      const r = await adoptAtPrompt(c, ["--junit", "junit.xml"]);
      expect(r.code, transcript(r)).toBe(0);
      expect(r.stdout).toContain(
        "  = shop/hello_there/en_US: adopted (already existed with the declared content: adopted)",
      );
      expect(r.stdout).toContain(
        "Apply complete: 0 created, 1 adopted, 0 updated, 0 replaced, 0 deleted, 0 blocked, 0 failed.",
      );
      expect(readFileSync(join(c.dir, "junit.xml"), "utf8")).toContain(
        "<system-out>shop/hello_there/en_US: adopted (already existed with the declared content: adopted)</system-out>",
      );
    }),
  );

  it.skipIf(!HAS_TTY)(
    "…and in the JSON report",
    inCase(async (c) => {
      const r = await adoptAtPrompt(c, ["--format", "json"]);
      expect(r.code, transcript(r)).toBe(0);
      const json = r.stdout.replace(/\r/g, "").slice(r.stdout.replace(/\r/g, "").indexOf("\n{\n") + 1);
      const doc = JSON.parse(json);
      expect(doc.summary).toMatchObject({ created: 0, adopted: 1 });
      expect(doc.outcomes[0]).toMatchObject({ name: "hello_there", outcome: "adopted" });
    }),
  );
});
