// One spelling of options across commands, as `waform COMMAND --help` shows them: `-o, --out` for
// every file a command writes (former spellings still accepted, not shown), the choices of every
// `--format`, and `-v, --verbose` in every command's help.

import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { CHANNEL_NAMES } from "../../src/model/template.js";

const program = buildProgram();

function all(cmd: Command, path: string[] = []): { path: string; cmd: Command }[] {
  return cmd.commands.flatMap((c) => [
    { path: [...path, c.name()].join(" "), cmd: c },
    ...all(c, [...path, c.name()]),
  ]);
}

const commands = all(program);
const named = (path: string) => commands.find((c) => c.path === path)!.cmd;
const option = (path: string, flag: string) =>
  named(path).options.find((o) => o.long === flag || o.short === flag);

describe("options", () => {
  it("every command's help lists -v, --verbose", () => {
    for (const { path, cmd } of commands) expect(cmd.helpInformation(), path).toMatch(/^\s+-v, --verbose\s/m);
  });

  it("every --channel lists every test-send channel in the help", () => {
    const withChannel = commands.filter(({ cmd }) => cmd.options.some((o) => o.long === "--channel"));
    expect(withChannel.map((c) => c.path).sort()).toEqual(["apply", "send-preview", "verify"]);
    for (const { path, cmd } of withChannel) {
      const help = cmd.helpInformation().replace(/\s+/g, " ");
      for (const channel of CHANNEL_NAMES) expect(help, path).toContain(`"${channel}"`);
    }
  });

  it("every --format lists its choices in the help", () => {
    const formats = commands.filter(({ cmd }) => cmd.options.some((o) => o.long === "--format"));
    expect(formats.map((c) => c.path).sort()).toEqual([
      "apply",
      "drift",
      "plan",
      "plan merge",
      "validate",
      "verify",
    ]);
    for (const { path, cmd } of formats) {
      const o = cmd.options.find((x) => x.long === "--format")!;
      expect(o.argChoices, path).toEqual(expect.arrayContaining(["text", "json"]));
      expect(cmd.helpInformation(), path).toMatch(
        /--format <format>\s+output format \(choices: "text", "json"/,
      );
    }
  });

  it("every command that writes a file takes -o, --out", () => {
    for (const path of ["init", "import", "plan", "plan merge", "drift", "preview"]) {
      const o = option(path, "--out");
      expect(o?.short, path).toBe("-o");
      expect(named(path).helpInformation(), path).toMatch(/-o, --out <file>/);
    }
  });

  it("keeps former spellings as hidden aliases: import --output, init -f/--file", () => {
    expect(option("import", "--output")?.hidden).toBe(true);
    expect(named("import").helpInformation()).not.toContain("--output");
    expect(option("init", "--file")?.hidden).toBe(true);
    expect(option("init", "--file")?.short).toBe("-f");
    expect(named("init").helpInformation()).not.toContain("--file");
  });

  it("drift takes --detailed-exitcode like plan (exit 2 on drift is its default)", () => {
    expect(option("drift", "--detailed-exitcode")).toBeDefined();
    expect(named("drift").options.some((o) => o.long === "--no-detailed-exitcode")).toBe(true);
  });
});
