// YAML text -> plain data, with every way that can fail turned into a diagnostic: syntax errors
// (the first one per file: later ones are usually echoes of it), duplicate keys (all of them),
// alias bombs, empty files. Never throws for bad input.

import type { Document } from "yaml";
import type { Diagnostic } from "../model/diagnostic.js";
import { CONFIG_CODES, type ConfigCode } from "./codes.js";
import { documentIndex, SourceFile } from "./source.js";
import { yamlLib } from "./yaml-lib.js";
import { readYaml } from "./yaml-read.js";

/** Alias expansions allowed per file: plenty for sharing a block, far too few for a billion laughs. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedFile {
  source?: SourceFile;
  /** Present only when the file parsed cleanly. */
  data?: unknown;
  diagnostics: Diagnostic[];
}

export function parseYaml(file: string, text: string): ParsedFile {
  // a file that reads cleanly takes js-yaml; `yaml` composes a document only for the others
  const read = readYaml(text);
  if (read) return { source: new SourceFile(file, read.index), data: read.data, diagnostics: [] };

  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
  });
  const source = new SourceFile(file, documentIndex(doc, lineCounter));
  const diagnostics: Diagnostic[] = [];
  const at = (code: ConfigCode, offset: number, message: string, hint?: string) => {
    const d: Diagnostic = {
      severity: CONFIG_CODES[code].severity,
      code,
      message,
      ...source.refAt(offset),
    };
    if (hint) d.hint = hint;
    diagnostics.push(d);
  };

  let syntaxReported = false;
  for (const e of doc.errors) {
    if (e.code === "DUPLICATE_KEY") {
      // e.pos covers only the key's first token; read the key up to its colon
      const key = (/^[^:\n]*/.exec(text.slice(e.pos[0], e.pos[0] + 80))?.[0] ?? "").trim();
      at(
        "YAML-DUPKEY",
        e.pos[0],
        `duplicate key ${JSON.stringify(key)}`,
        "each key may appear once in a mapping",
      );
    } else if (!syntaxReported) {
      syntaxReported = true;
      const quote = unclosedQuote(e.code, e.message);
      if (quote) {
        at(
          "YAML-SYNTAX",
          lastIndexOr(text, quote, e.pos[0]),
          `invalid YAML: the ${quote === '"' ? "double" : "single"}-quoted string starting here is never closed`,
          `add the closing ${quote}`,
        );
      } else {
        at("YAML-SYNTAX", e.pos[0], `invalid YAML: ${firstLine(e.message)}`, syntaxHint(e.code));
      }
    }
  }
  if (doc.errors.length) return { source, diagnostics };

  if (doc.contents === null) {
    at("SCHEMA", 0, "the file is empty", "start with `version: 1`, then `apps:` and/or `templates:`");
    return { source, diagnostics };
  }

  try {
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { source, data, diagnostics };
  } catch (err) {
    // toJS throws a ReferenceError when aliases expand past maxAliasCount
    at(
      "YAML-ALIAS",
      firstAliasOffset(doc),
      `too many alias expansions (more than ${MAX_ALIAS_COUNT})`,
      err instanceof ReferenceError ? "use fewer `*anchor` references; nested aliases multiply" : undefined,
    );
    return { source, diagnostics };
  }
}

/** The quote character of an "unclosed quoted string" error (yaml reports it at the end of the file). */
function unclosedQuote(code: string, message: string): '"' | "'" | undefined {
  if (code !== "MISSING_CHAR") return undefined;
  if (/closing "quote/.test(message)) return '"';
  if (/closing 'quote/.test(message)) return "'";
  return undefined;
}

/** The quote that opened the string is what the user needs to see. */
function lastIndexOr(text: string, quote: string, before: number): number {
  const open = text.lastIndexOf(quote, before - 1);
  return open === -1 ? before : open;
}

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}

function syntaxHint(code: string): string | undefined {
  switch (code) {
    case "TAB_AS_INDENT":
      return "indent with spaces, not tabs";
    case "MISSING_CHAR":
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN":
    case "MULTILINE_IMPLICIT_KEY":
      return "check the indentation and quoting on this line and the one before";
    case "MULTIPLE_DOCS":
      return "one YAML document per file: remove the `---` separator or split the file";
    default:
      return undefined;
  }
}

function firstAliasOffset(doc: Document): number {
  const { isAlias, visit } = yamlLib();
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.range) {
        offset = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}
