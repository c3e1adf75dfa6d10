// The `waform …` command lines of the example pipelines, and a check of each against the real
// commander program: the command path exists and every flag is one the command (or a parent)
// declares, with its value when it takes one.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Command, Option } from "commander";
import { parse } from "yaml";
import { ROOT } from "./runner/shell.js";

export const EXAMPLES = join(ROOT, "examples", "ci");

export interface Invocation {
  file: string;
  /** The words after `waform`, up to the end of the command (a redirection, pipe or ||). */
  argv: string[];
  line: string;
}

export function pipelineFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  return walk(EXAMPLES)
    .map((f) => relative(EXAMPLES, f))
    .sort();
}

/** Every shell script of a pipeline file: GitHub `run:` steps, GitLab `script`-like lists. */
export function scriptsOf(doc: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) {
      if (key && ["script", "before_script", "after_script"].includes(key))
        out.push(...node.filter((s): s is string => typeof s === "string"));
      else for (const n of node) visit(n);
    } else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "run" && typeof v === "string") out.push(v);
        else visit(v, k);
      }
    }
  };
  visit(doc);
  return out;
}

/** Shell words, keeping `${{ … }}`, `$VAR` and quoted parts inside their word; stops at an operator. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let started = false;
  let i = 0;
  const flush = () => {
    if (started) words.push(word);
    word = "";
    started = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (text.startsWith("${{", i)) {
      const end = text.indexOf("}}", i);
      word += text.slice(i, end + 2);
      started = true;
      i = end + 2;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      word += text.slice(i + 1, end);
      started = true;
      i = end + 1;
    } else if (/\s/.test(c)) {
      flush();
      i++;
    } else if (/[|&;<>]/.test(c) || (/[0-9]/.test(c) && !started && text[i + 1] === ">")) {
      break;
    } else {
      word += c;
      started = true;
      i++;
    }
  }
  flush();
  return words;
}

/** How the examples refer to waform's action (action.yml at the repository root). */
export const ACTION_REF = "your-org/waform@v1";
export const ACTION_FILE = join(ROOT, "action.yml");

/**
 * The `waform …` command lines of action.yml's scripts (`"$WAFORM" plan …`), with each array
 * expansion (`"${f[@]}"`, `"${extra[@]}"`: the inputs, checked separately) left out. For the case
 * line of a command (`plan) … cmd=(plan …)`), the words of `cmd=( … )`.
 */
export function actionCommandLines(): { command?: string; argv: string[]; line: string }[] {
  const doc = parse(readFileSync(ACTION_FILE, "utf8")) as { runs: { steps: { run?: string }[] } };
  const out: { command?: string; argv: string[]; line: string }[] = [];
  for (const script of doc.runs.steps.flatMap((s) => (s.run ? [s.run] : []))) {
    for (const raw of script.replace(/\\\n\s*/g, " ").split("\n")) {
      const line = raw.trim();
      if (line.startsWith("#")) continue;
      const words = (text: string) => shellWords(text.replace(/"\$\{[a-z]+\[@\]\}"/g, ""));
      const c = /^([a-z]+)\).*\bcmd=\(([^)]*)\)/.exec(line);
      if (c) out.push({ command: c[1]!, argv: words(c[2]!), line });
      for (const m of line.matchAll(/"\$WAFORM"\s+(.*)/g)) out.push({ argv: words(m[1] ?? ""), line });
    }
  }
  return out;
}

interface ActionStep {
  uses?: string;
  with?: Record<string, unknown>;
}

/**
 * The argv waform's action runs for a step of an example (`uses: your-org/waform@v1`): the command
 * line action.yml builds for its `command`, with `files` as `-f` flags and `args` split on spaces,
 * as action.yml splits them.
 */
export function actionInvocations(file: string): Invocation[] {
  const doc = parse(readFileSync(join(EXAMPLES, file), "utf8")) as {
    jobs?: Record<string, { steps?: ActionStep[] }>;
  };
  const built = new Map(
    actionCommandLines().flatMap((l) => (l.command ? [[l.command, l.argv] as const] : [])),
  );
  const out: Invocation[] = [];
  for (const step of Object.values(doc.jobs ?? {}).flatMap((j) => j.steps ?? [])) {
    if (step.uses !== ACTION_REF) continue;
    const w = step.with ?? {};
    const command = String(w["command"] ?? "");
    const split = (v: unknown) =>
      String(v ?? "")
        .split(/\s+/)
        .filter(Boolean);
    const base = built.get(command) ?? [command];
    const files = split(w["files"]).flatMap((f) => ["-f", f]);
    out.push({
      file,
      argv: [...base, ...files, ...split(w["args"])],
      line: `uses ${ACTION_REF}: ${JSON.stringify(w)}`,
    });
  }
  return out;
}

export function invocations(file: string): Invocation[] {
  const doc = parse(readFileSync(join(EXAMPLES, file), "utf8"));
  const out: Invocation[] = [...actionInvocations(file)];
  for (const script of scriptsOf(doc)) {
    for (const line of script.replace(/\\\n/g, " ").split("\n")) {
      if (/^\s*#/.test(line)) continue;
      for (const m of line.matchAll(/\bnpx\s+waform\b(.*)/g))
        out.push({ file, argv: shellWords(m[1] ?? ""), line: line.trim() });
    }
  }
  return out;
}

function findOption(options: readonly Option[], flag: string): Option | undefined {
  return options.find((o) => o.long === flag || o.short === flag || (o.negate && o.long === flag));
}

/** What is wrong with `waform ARGV` for this program (empty when commander would accept it). */
export function problems(program: Command, argv: readonly string[]): string[] {
  const found: string[] = [];
  let cmd = program;
  const options: Option[] = [...program.options];
  let i = 0;
  while (i < argv.length && !argv[i]!.startsWith("-")) {
    const sub = cmd.commands.find((c) => c.name() === argv[i] || c.aliases().includes(argv[i]!));
    if (!sub) break;
    cmd = sub;
    options.push(...cmd.options);
    i++;
  }
  if (cmd === program) return [`no waform command in: ${argv.join(" ")}`];
  const operands: string[] = [];
  for (; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith("-") || word === "-") {
      operands.push(word);
      continue;
    }
    const [flag, inline] =
      word.startsWith("--") && word.includes("=") ? [word.slice(0, word.indexOf("=")), true] : [word, false];
    const option = findOption(options, flag);
    if (!option) {
      found.push(`${cmd.name()}: unknown option ${flag}`);
      continue;
    }
    if (!option.required) continue;
    const value = inline ? word.slice(word.indexOf("=") + 1) : argv[++i];
    if (value === undefined || (!inline && value.startsWith("-"))) {
      found.push(`${cmd.name()}: ${flag} needs a value`);
    } else if (option.argChoices && !option.argChoices.includes(value)) {
      found.push(`${cmd.name()}: ${flag} '${value}' is not one of ${option.argChoices.join(", ")}`);
    }
  }
  const args = cmd.registeredArguments;
  const variadic = args.some((a) => a.variadic);
  const required = args.filter((a) => a.required).length;
  if (operands.length < required)
    found.push(`${cmd.name()}: needs ${required} argument(s), got ${operands.length}`);
  if (!variadic && operands.length > args.length)
    found.push(`${cmd.name()}: too many arguments: ${operands.join(" ")}`);
  return found;
}

/** The command path of an invocation (`plan merge`, `apply`), for coverage checks. */
export function commandPath(program: Command, argv: readonly string[]): string {
  const names: string[] = [];
  let cmd = program;
  for (const word of argv) {
    const sub = cmd.commands.find((c) => c.name() === word);
    if (!sub) break;
    names.push(word);
    cmd = sub;
  }
  return names.join(" ");
}
