// The fingerprint of the remote templates a plan was made from. Apply re-reads the remote,
// recomputes it with the plan's scope and refuses a stale plan when the two differ. Only what a
// change depends on is hashed (id, status, modifiedOn, canonical content), in a fixed order, so
// the order in which the provider lists templates does not matter.
//
// It composes across apps: each app's rows are hashed on their own (SHA-256, the alias first) and
// the app digests are XORed. So the fingerprint of a scope is the XOR of the fingerprints of any
// partition of its apps, which is what lets `waform plan merge` give shard plans (`--shard K/N`)
// the very fingerprint the unsharded plan has, and lets apply of a merged plan catch a change in
// any one shard. Apps with no template in scope add nothing, so the value depends on rows only.

import { createHash } from "node:crypto";
import { CONTENT_FIELDS } from "../model/content.js";
import { InternalError } from "../model/errors.js";
import { stableJson, stableJsonOfFields } from "../model/plain.js";
import type { RemoteTemplate, UnmanageableTemplate } from "../model/template.js";
import { templateKey } from "../model/template.js";
import { inScope, type PlanScope } from "./scope.js";

const PREFIX = "sha256:";
const DIGEST_BYTES = 32;

interface Row {
  sortKey: string;
  remote: RemoteTemplate | UnmanageableTemplate;
}

/** The stable JSON of a template's content fields. */
const contentJson = stableJsonOfFields(CONTENT_FIELDS);

/**
 * The hashed text of a row: what a change depends on, as stable JSON. For a template waform
 * manages it is the text of `stableJson({ key, id, status, modifiedOn: modifiedOn ?? null,
 * content })`, written without building that object: this runs for every remote template of
 * every plan.
 */
export function rowText(r: RemoteTemplate | UnmanageableTemplate): string {
  if ("unmanageable" in r) {
    // no content to hash: what waform shows of it (a change there may change a blocked decision)
    return stableJson({
      key: templateKey(r),
      id: r.id,
      status: r.status,
      modifiedOn: r.modifiedOn ?? null,
      unmanageable: r.unmanageable,
      raw: r.raw,
    });
  }
  let out = `{"content":${contentJson(r)}`;
  if (r.id !== undefined) out += `,"id":${JSON.stringify(r.id)}`;
  out += `,"key":${JSON.stringify(templateKey(r))},"modifiedOn":${stableJson(r.modifiedOn ?? null)}`;
  if (r.status !== undefined) out += `,"status":${JSON.stringify(r.status)}`;
  return `${out}}`;
}

/**
 * Feeds a hash line by line, in chunks of about 64 KiB: one update per line cost more than the
 * hashing itself on ten thousand lines. The digest is the same however the text is cut.
 */
export class LineHasher {
  readonly #hash = createHash("sha256");
  #pending = "";

  line(text: string): void {
    this.#pending += `${text}\n`;
    if (this.#pending.length >= 65536) {
      this.#hash.update(this.#pending);
      this.#pending = "";
    }
  }

  digest(): Uint8Array {
    this.#hash.update(this.#pending);
    this.#pending = "";
    return this.#hash.digest();
  }

  digestHex(): string {
    return hex(this.digest());
  }
}

/**
 * Rows in (key, id) order, then text order among rows with the same key and id. Each text is made
 * when it is hashed and dropped after, rather than all held for one sort: on large remotes that
 * held text was most of what a plan allocates.
 */
function appDigest(app: string, rows: Row[]): Uint8Array {
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const hash = new LineHasher();
  hash.line(JSON.stringify(app));
  for (let i = 0; i < rows.length; ) {
    let j = i + 1;
    while (j < rows.length && rows[j]!.sortKey === rows[i]!.sortKey) j++;
    if (j === i + 1) hash.line(rowText(rows[i]!.remote));
    else {
      const texts = rows.slice(i, j).map((row) => rowText(row.remote));
      texts.sort((a, b) => (a < b ? -1 : 1));
      for (const text of texts) hash.line(text);
    }
    i = j;
  }
  return hash.digest();
}

function xorInto(acc: Uint8Array, digest: Uint8Array): void {
  for (let i = 0; i < DIGEST_BYTES; i++) acc[i] = (acc[i] ?? 0) ^ (digest[i] ?? 0);
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Unmanageable rows count too (their identity, status and reason): they are hashed like the others,
 * so a remote without any has the fingerprint it always had.
 */
export function remoteFingerprint(
  remote: readonly RemoteTemplate[],
  scope: PlanScope,
  unmanageable: readonly UnmanageableTemplate[] = [],
): string {
  const byApp = new Map<string, Row[]>();
  for (const r of [...remote, ...unmanageable]) {
    if (!inScope(r, scope)) continue;
    const rows = byApp.get(r.app) ?? [];
    rows.push({ sortKey: `${templateKey(r)}\u0000${r.id}`, remote: r });
    byApp.set(r.app, rows);
  }
  const acc = new Uint8Array(DIGEST_BYTES);
  for (const [app, rows] of byApp) xorInto(acc, appDigest(app, rows));
  return `${PREFIX}${hex(acc)}`;
}

/**
 * The fingerprint of the union of disjoint scopes, from the fingerprints of each (as
 * remoteFingerprint would compute it over the union); declaration digests combine the same way.
 * Saved plans are schema-checked before this, so a value that is not a fingerprint is a bug.
 */
export function combineFingerprints(fingerprints: readonly string[]): string {
  const acc = new Uint8Array(DIGEST_BYTES);
  for (const fp of fingerprints) {
    if (!/^sha256:[0-9a-f]{64}$/.test(fp)) throw new InternalError(`not a remote fingerprint: ${fp}`);
    const bytes = new Uint8Array(DIGEST_BYTES);
    for (let i = 0; i < DIGEST_BYTES; i++)
      bytes[i] = Number.parseInt(fp.slice(PREFIX.length + 2 * i, PREFIX.length + 2 * i + 2), 16);
    xorInto(acc, bytes);
  }
  return `${PREFIX}${hex(acc)}`;
}
