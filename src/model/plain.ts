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

// deepEqual and stableJson run over every template of every plan: they allocate nothing they
// do not return (no key sets, no entry arrays), which matters at ten thousand templates.

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

/** JSON with object keys sorted and `undefined` dropped: the same data always gives the same text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i === 0 ? "" : ",") + (v === undefined ? "null" : stableJson(v));
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
      out += `${first ? "" : ","}${JSON.stringify(k)}:${stableJson(v)}`;
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
