// Reading single values out of untrusted wire JSON. Every function answers `undefined` for a value
// of the wrong type instead of throwing: what the Partner API returns may be odd in any field.

export type Json = Record<string, unknown>;

/** A response that is valid JSON but not what the Partner API documents. */
export class WireShapeError extends Error {
  override readonly name = "WireShapeError";
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string, or a number as its decimal text. */
export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : undefined;
}

export function nonEmpty(v: unknown): string | undefined {
  const s = str(v);
  return s !== undefined && s.trim() !== "" ? s : undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  return undefined;
}

export function num(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A JSON value that may arrive as a JSON string (containerMeta, meta) or as the object itself
 * (one official sample). Absent means null, undefined or a blank string; anything else that is not
 * an object, or a string that does not parse to one, is damaged.
 */
export type Jsonish = { kind: "absent" } | { kind: "object"; value: Json } | { kind: "damaged"; why: string };

export function jsonish(v: unknown): Jsonish {
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return { kind: "absent" };
  if (isObject(v)) return { kind: "object", value: v };
  if (typeof v !== "string")
    return { kind: "damaged", why: `it is a ${Array.isArray(v) ? "list" : typeof v}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(v);
  } catch {
    return { kind: "damaged", why: "it is not valid JSON" };
  }
  return isObject(parsed)
    ? { kind: "object", value: parsed }
    : { kind: "damaged", why: "it is not a JSON object" };
}

/** The object inside a jsonish value, or `{}` when it is absent or damaged. */
export function jsonObject(v: unknown): Json {
  const j = jsonish(v);
  return j.kind === "object" ? j.value : {};
}

/** A value as it may be shown in a message: strings as they are, anything else as JSON. */
export function shown(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
