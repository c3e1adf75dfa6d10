// The public JSON documents use snake_case keys; the TypeScript values use camelCase. The mapping
// is mechanical and reversible for every key waform uses (lower camelCase words, no underscores).

export function toSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function toCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A deep copy of plain data with every object key renamed. */
export function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]));
  }
  return value;
}

/** Renames the field names inside a path: `buttons[1].phoneNumber` ↔ `buttons[1].phone_number`. */
export function renamePath(path: string, rename: (key: string) => string): string {
  return path.replace(/[A-Za-z_][A-Za-z0-9_]*/g, rename);
}
