// Source positions: every diagnostic points at the YAML node it is about. A SourceFile keeps the
// parsed document and its LineCounter, and resolves a JSON-style path (`templates/3/buttons/1`)
// to a line and column. When the node does not exist (a value that came from `defaults:`, or a
// key that is missing), it points at the nearest ancestor that does.

import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { SourceRef } from "../model/template.js";

export type Path = readonly (string | number)[];

export class SourceFile {
  constructor(
    /** The file as shown to the user (relative to the working directory when inside it). */
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Position of the value at `path`, or of its key when `at` is "key". */
  locate(path: Path, at: "value" | "key" = "value"): SourceRef {
    return this.refAt(this.offsetOf(path, at));
  }

  refAt(offset: number): SourceRef {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  private offsetOf(path: Path, at: "value" | "key"): number {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      if (isAlias(node)) node = node.resolve(this.doc);
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
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
