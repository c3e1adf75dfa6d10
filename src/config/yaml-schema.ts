// The YAML 1.2 core schema exactly as the `yaml` package resolves plain scalars (its schema/core),
// for js-yaml: js-yaml's own CORE_SCHEMA also reads `0b101`, `1_000` and `.5e3`-style forms that
// `yaml` keeps as strings, and a value must not change with the reader that happened to take the
// file. Quoted and block scalars are always strings; these types only see plain ones.

import { FAILSAFE_SCHEMA, type Schema, Type } from "js-yaml";

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function int(text: string): number {
  if (INT_OCT_RE.test(text)) return Number.parseInt(text.substring(2), 8);
  if (INT_HEX_RE.test(text)) return Number.parseInt(text.substring(2), 16);
  return Number.parseInt(text, 10);
}

function float(text: string): number {
  if (!FLOAT_NAN_RE.test(text)) return Number.parseFloat(text);
  if (text.slice(-3).toLowerCase() === "nan") return Number.NaN;
  return text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

const scalar = (tag: string, test: (s: string) => boolean, construct: (s: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (data: unknown) => typeof data === "string" && test(data),
    construct: (data: string) => construct(data),
  });

// The first character rules most types out: the plain scalars of a templates file are mostly
// words and sentences, and each would otherwise meet eight regular expressions.
const maybeNull = (s: string) => s.length <= 4 && (s === "" || "~nN".includes(s[0]!));
const maybeBool = (s: string) => (s.length === 4 || s.length === 5) && "tTfF".includes(s[0]!);
const maybeNumber = (s: string) => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // 0-9 + - .
};

/** Strings, sequences and mappings, plus `yaml`'s core null, bool, int and float, in its order. */
export const CORE_AS_YAML: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar(
      "null",
      (s) => maybeNull(s) && NULL_RE.test(s),
      () => null,
    ),
    scalar(
      "bool",
      (s) => maybeBool(s) && BOOL_RE.test(s),
      (s) => s[0] === "t" || s[0] === "T",
    ),
    scalar("int", (s) => maybeNumber(s) && (INT_OCT_RE.test(s) || INT_RE.test(s) || INT_HEX_RE.test(s)), int),
    scalar(
      "float",
      (s) => maybeNumber(s) && (FLOAT_NAN_RE.test(s) || FLOAT_EXP_RE.test(s) || FLOAT_RE.test(s)),
      float,
    ),
  ],
});
