// Where the nodes of a file read by fast-yaml.ts are, in a few flat integer arrays rather than an
// object per node: positions are kept for every node of every file (a diagnostic may point
// anywhere), and per-node objects cost three times the data itself on large files.
//
// A collection (mapping or sequence) has an id; its entries are contiguous: for entry e, the key's
// start (mappings), the value's start, and the id of the value when it is a collection (else -1).

import type { Path } from "./source.js";

/** A growable Int32Array. */
class Ints {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

const NO_CHILD = -1;

export class FastPositions {
  // per collection: start offset, first entry, entry count, 1 for a mapping
  private readonly nodeStart = new Ints();
  private readonly nodeFirst = new Ints();
  private readonly nodeCount = new Ints();
  private readonly nodeIsMap = new Ints();
  // per entry
  private readonly keyStart = new Ints();
  private readonly valueStart = new Ints();
  private readonly child = new Ints();
  private readonly keys: string[] = [];
  // entries of the collections being read, flushed (contiguously) when each one ends
  private readonly pending: number[] = [];
  private readonly pendingKeys: string[] = [];
  /** The id of the collection read last (the root, once the document is read). */
  root = NO_CHILD;

  /** Marks where the entries of a collection that starts now begin. */
  open(): number {
    return this.pendingKeys.length;
  }

  /** One entry of the innermost open collection; `child` is the value's id, or -1. */
  entry(key: string, keyStart: number, valueStart: number, child: number): void {
    this.pending.push(keyStart, valueStart, child);
    this.pendingKeys.push(key);
  }

  /** Ends the collection opened at `mark`; returns its id. */
  close(mark: number, start: number, isMap: boolean): number {
    const id = this.nodeStart.length;
    this.nodeStart.push(start);
    this.nodeFirst.push(this.keys.length);
    this.nodeCount.push(this.pendingKeys.length - mark);
    this.nodeIsMap.push(isMap ? 1 : 0);
    for (let i = mark; i < this.pendingKeys.length; i++) {
      this.keyStart.push(this.pending[3 * i]!);
      this.valueStart.push(this.pending[3 * i + 1]!);
      this.child.push(this.pending[3 * i + 2]!);
      this.keys.push(this.pendingKeys[i]!);
    }
    this.pending.length = 3 * mark;
    this.pendingKeys.length = mark;
    this.root = id;
    return id;
  }

  /**
   * Offset of the value at `path` (or of its key), else of its nearest existing ancestor: the
   * same walk as SourceFile's over a yaml document (source.ts).
   */
  offsetOf(path: Path, at: "value" | "key"): number {
    let node = this.root;
    let offset = this.nodeStart.data[node]!;
    for (let i = 0; i < path.length; i++) {
      if (node === NO_CHILD) return offset;
      const segment = path[i];
      const first = this.nodeFirst.data[node]!;
      const count = this.nodeCount.data[node]!;
      let e: number;
      if (this.nodeIsMap.data[node] === 1) {
        const key = String(segment);
        e = first;
        while (e < first + count && this.keys[e] !== key) e++;
        if (e === first + count) return offset;
        if (i === path.length - 1 && at === "key") return this.keyStart.data[e]!;
      } else {
        if (typeof segment !== "number" || !Number.isInteger(segment) || segment < 0 || segment >= count)
          return offset;
        e = first + segment;
      }
      offset = this.valueStart.data[e]!;
      node = this.child.data[e]!;
    }
    return offset;
  }
}

export { NO_CHILD };
