// templates.yaml as data and node positions, through js-yaml: about ten times faster than composing
// a `yaml` document (which keeps every node's range, comments and tokens) on a file of 10,000
// templates. Positions come from js-yaml's node events (yaml-positions.ts) and are the ones `yaml`
// gives, which test/config/yaml-read.test.ts checks on the repository's files and on generated
// documents full of YAML's corner cases.
//
// CRLF line ends (a file saved on Windows, or checked out with git's autocrlf) are read as LF: YAML
// makes either one line break, so the data is the same, and offsets are mapped back to the file's
// own, so positions are too. Before, such a file took the `yaml` path: 3.4x slower and 2.3x the
// memory on 10,000 templates.
//
// This is the path for files that parse cleanly. On any error (syntax, duplicate keys, nesting
// deeper than js-yaml's limit, several documents…) and on anything whose positions are left to
// `yaml` (see yaml-positions.ts), it returns undefined, and parse.ts reads the file with `yaml`,
// whose diagnostics (every duplicate key, alias limits, line:col) are what users have always got.

import { load, type State } from "js-yaml";
import { linePos, type PositionIndex } from "./source.js";
import { YamlPositions } from "./yaml-positions.js";
import { CORE_AS_YAML } from "./yaml-schema.js";

export interface ReadYaml {
  data: unknown;
  index: PositionIndex;
}

/**
 * Characters js-yaml and `yaml` do not treat alike (a byte-order mark, which js-yaml drops and
 * so shifts every offset, control characters, tabs, a CR not followed by LF, Unicode line
 * separators): left to `yaml`.
 */
const LEFT_TO_YAML = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

export function readYaml(text: string): ReadYaml | undefined {
  const lf = text.includes("\r\n") ? withLfLineEnds(text) : { text, offsetInFile: (o: number) => o };
  if (LEFT_TO_YAML.test(lf.text)) return undefined;
  const positions = new YamlPositions(lf.text);
  let data: unknown;
  try {
    data = load(lf.text, {
      schema: CORE_AS_YAML,
      listener: (event, state) => {
        if (event === "open") positions.open(state.position, state.line, state.lineStart);
        else
          positions.close(
            state.kind as string | null,
            state.result,
            state.position,
            state.line,
            hasProperties(state),
          );
      },
    });
  } catch {
    return undefined;
  }
  // no document at all (an empty or comment-only file): `yaml` says so with its own words
  if (data === undefined || positions.irregular) return undefined;
  const lineStarts = lineStartsOf(text);
  return {
    data,
    index: {
      offsetOf: (path, at) => lf.offsetInFile(positions.offsetOf(path, at)),
      linePos: (offset) => linePos(lineStarts, offset),
    },
  };
}

/**
 * `text` with each CRLF made LF, and the way back from an offset in it to the same character's
 * offset in `text` (a line end maps to its CR, where `yaml` puts it). A lone CR stays.
 */
function withLfLineEnds(text: string): { text: string; offsetInFile: (offset: number) => number } {
  // offsets, in the LF text, of the LF of every CRLF: ascending
  const joined: number[] = [];
  for (let i = text.indexOf("\r\n"); i !== -1; i = text.indexOf("\r\n", i + 2))
    joined.push(i - joined.length);
  return {
    text: text.replaceAll("\r\n", "\n"),
    offsetInFile(offset) {
      // the CRs removed before `offset`: the joined line ends before it
      let low = 0;
      let high = joined.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (joined[mid]! < offset) low = mid + 1;
        else high = mid;
      }
      return offset + low;
    },
  };
}

/**
 * Whether the node has an anchor, or an explicit tag on an empty node (a tag on a node with
 * content shows as its first character); js-yaml's state holds both, its typings do not.
 */
function hasProperties(state: State): boolean {
  const { anchor, tag, kind } = state as State & { anchor?: string | null; tag?: string | null };
  return (anchor !== null && anchor !== undefined) || (kind === null && tag !== null && tag !== undefined);
}

/** Offset of the first character of every line (0, then each offset after a `\n`), as `yaml`'s LineCounter. */
function lineStartsOf(text: string): Int32Array {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  const starts = new Int32Array(lines);
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[line++] = i + 1;
  return starts;
}
