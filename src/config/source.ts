// Source positions: every diagnostic points at the YAML node it is about. A SourceFile resolves a
// JSON-style path (`templates/3/buttons/1`) to a line and column. When the node does not exist (a
// value that came from `defaults:`, or a key that is missing), it points at the nearest ancestor
// that does. Positions come from js-yaml's node events (yaml-read.ts), or from the `yaml` document
// for files only `yaml` reads; both give the same answers.

import type { Document, LineCounter, Node } from "yaml";
import type { SourceRef } from "../model/template.js";
import { yamlLib } from "./yaml-lib.js";

export type Path = readonly (string | number)[];

/** Where the nodes of one parsed file are. */
export interface PositionIndex {
  /** Offset of the value at `path` (or of its key), or of its nearest existing ancestor. */
  offsetOf(path: Path, at: "value" | "key"): number;
  /** 1-based line and column of an offset. */
  linePos(offset: number): { line: number; col: number };
}

export class SourceFile {
  constructor(
    /** The file as shown to the user (relative to the working directory when inside it). */
    readonly file: string,
    private readonly index: PositionIndex,
  ) {}

  /** Position of the value at `path`, or of its key when `at` is "key". */
  locate(path: Path, at: "value" | "key" = "value"): SourceRef {
    return this.refAt(this.index.offsetOf(path, at));
  }

  refAt(offset: number): SourceRef {
    const { line, col } = this.index.linePos(offset);
    return { file: this.file, line, col };
  }
}

/** Positions from a document composed by `yaml`. */
export function documentIndex(doc: Document, lines: LineCounter): PositionIndex {
  const { isAlias, isMap, isScalar, isSeq } = yamlLib();
  return {
    linePos: (offset) => lines.linePos(offset),
    offsetOf(path, at) {
      let node: unknown = doc.contents;
      let offset = rangeStart(node) ?? 0;
      for (let i = 0; i < path.length; i++) {
        if (isAlias(node)) node = node.resolve(doc);
        const segment = path[i];
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
          if (!pair) return offset;
          const keyStart = rangeStart(pair.key);
          const last = i === path.length - 1;
          if (last && at === "key" && keyStart !== undefined) return keyStart;
          // `footer:` with no value: the key is the best place to point at
          const valueStart = rangeStart(pair.value);
          offset = valueStart ?? keyStart ?? offset;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === "number") {
          const item = node.items[segment];
          const start = rangeStart(item);
          if (start === undefined) return offset;
          offset = start;
          node = item;
        } else {
          return offset;
        }
      }
      return offset;
    },
  };
}

/** The binary search of yaml's LineCounter, so both indexes number lines alike. */
export function linePos(lineStarts: ArrayLike<number>, offset: number): { line: number; col: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  return { line: low, col: offset - lineStarts[low - 1]! + 1 };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
