// Plans are plain data: a deep copy with no `undefined` values, so a plan saved as JSON and read
// back is exactly equal to the one that was made, and a plan never aliases its inputs.

export function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => plain(v)) as T;
  if (typeof value === "object" && value !== null) {
    const from = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(from)) {
      const v = from[k];
      if (v !== undefined) out[k] = plain(v);
    }
    return out as T;
  }
  return value;
}

/** The object without its `undefined` properties (one level: the values are plain already). */
export function compact<T extends object>(value: T): T {
  const from = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) {
    const v = from[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

// deepEqual and stableJson run over every template of every plan, which matters at ten thousand
// templates: deepEqual allocates nothing (no key sets, no entry arrays).

/** Deep equality of plain data; a key holding `undefined` counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of Object.keys(ra)) if (!deepEqual(ra[k], rb[k])) return false;
  for (const k of Object.keys(rb)) if (!Object.hasOwn(ra, k) && !deepEqual(ra[k], rb[k])) return false;
  return true;
}

/**
 * JSON with object keys sorted and `undefined` dropped: the same data always gives the same text.
 *
 * Made by the engine's JSON.stringify over a copy whose keys are inserted in sorted order (engines
 * write string keys in insertion order): on the thousands of templates a plan hashes, about twice
 * as fast as writing the text piece by piece, and it allocates small objects instead of thousands
 * of partial strings. A key the engine would not keep in insertion order (an integer-like key such
 * as "10", which objects list first in numeric order; `__proto__`) sends the value to the piece-by-
 * piece writer, which gives the same text for everything else (test/model/plain.test.ts).
 */
export function stableJson(value: unknown): string {
  const copy = sortedCopy(value);
  return copy === UNORDERED ? stableJsonByParts(value) : (JSON.stringify(copy) ?? "null");
}

/**
 * stableJson of objects of one known shape: the `fields` of a record (those it holds), written
 * field by field in the order sorted once for the list, instead of sorting and copying every
 * object. Used where each of ten thousand templates is hashed.
 */
export function stableJsonOfFields<K extends string>(
  fields: readonly K[],
): (record: Partial<Record<K, unknown>>) => string {
  const sorted = (sortedInPlace([...fields]) as K[]).map((f) => [f, `${JSON.stringify(f)}:`] as const);
  return (record) => {
    let out = "";
    for (const [f, name] of sorted) {
      const v = record[f];
      if (v === undefined) continue;
      out += `${out === "" ? "{" : ","}${name}${stableJson(v)}`;
    }
    return out === "" ? "{}" : `${out}}`;
  };
}

/** Marks a value sortedCopy cannot order for JSON.stringify. */
const UNORDERED: unique symbol = Symbol("unordered");

/**
 * The value as JSON.stringify should see it: objects copied with their keys sorted and `undefined`
 * properties left out; functions and symbols as null (as stableJsonByParts writes them; the engine
 * would drop them from objects); anything else as it is.
 */
function sortedCopy(value: unknown): unknown {
  if (typeof value !== "object" || value === null) {
    return typeof value === "function" || typeof value === "symbol" ? null : value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = sortedCopy(value[i]);
      if (v === UNORDERED) return UNORDERED;
      out[i] = v;
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedInPlace(Object.keys(record));
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    if (!insertionOrdered(k)) return UNORDERED;
    const copy = sortedCopy(v);
    if (copy === UNORDERED) return UNORDERED;
    out[k] = copy;
  }
  return out;
}

/** Whether an object keeps key `k` in insertion order: not an integer-like key, not `__proto__`. */
function insertionOrdered(k: string): boolean {
  const c = k.charCodeAt(0);
  return !(c >= 0x30 && c <= 0x39) && k !== "__proto__";
}

/** stableJson written piece by piece: for any key order. */
function stableJsonByParts(value: unknown): string {
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i === 0 ? "" : ",") + (v === undefined ? "null" : stableJsonByParts(v));
    }
    return `${out}]`;
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = sortedInPlace(Object.keys(record));
    let out = "{";
    let first = true;
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      out += `${first ? "" : ","}${JSON.stringify(k)}:${stableJsonByParts(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Keys in UTF-16 code unit order (as `<` and the default sort compare strings), by insertion: the
 * key lists are short, and Array#sort allocates a work array per call.
 */
function sortedInPlace(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}
