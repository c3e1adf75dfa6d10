// Declaration -> templates.yaml text in waform's format (used by `waform import` to write remote
// templates back as code). Everything is written explicitly (no `defaults:`), so the result reads
// on its own and `loadDeclaration(render(x))` gives back `x` (a round-trip test holds us to it).

import { Document, isMap, isSeq, visit } from "yaml";
import type { AppConfig, Declaration } from "../model/app.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { formatDuration } from "../model/duration.js";
import type { Button, DesiredTemplate, Header, TestSpec, UnmanageableTemplate } from "../model/template.js";
import { scanPlaceholders } from "./placeholders.js";
import type { RawButton, RawFile, RawHeader, RawTemplate, RawTest } from "./raw.js";
import { MIN_EPOCH_MS } from "./rules/test-block.js";

export const SCHEMA_MODELINE = "# yaml-language-server: $schema=./schemas/templates.schema.json";

/** Keys whose values read best on one line: `{ type: url, text: Shop, url: … }`. */
const FLOW_KEYS = new Set(["header", "examples", "rateLimit", "product", "headerMedia"]);
const FLOW_LISTS = new Set(["buttons", "destinations", "params", "body", "productRetailerIds"]);

export function renderDeclarationYaml(decl: Declaration): string {
  return render(declarationDocument(decl));
}

/**
 * What `waform import` writes: the declaration, a comment on each write-only value, and every
 * remote row it could not adopt listed as a comment with the reason, so nothing disappears silently.
 */
export function renderImportYaml(
  decl: Declaration,
  unmanageable: readonly UnmanageableTemplate[],
  skipped: readonly Diagnostic[],
): string {
  const doc = declarationDocument(decl);
  const templates = doc.get("templates");
  if (isSeq(templates)) {
    templates.items.forEach((item, i) => {
      const header = isMap(item) ? item.get("header", true) : undefined;
      const note = writeOnlyNote(decl.templates[i]?.header);
      if (isMap(header) && note) header.comment = ` ${note}`;
    });
  }
  const lines: string[] = [];
  if (unmanageable.length > 0) {
    lines.push(
      ` Not imported: ${unmanageable.length} remote template${unmanageable.length === 1 ? "" : "s"} waform cannot manage.`,
      " They stay as they are: plan and drift list them and never change them. Declaring one under its",
      " own name is blocked (PLAN-007); declare a new template under a new name instead.",
    );
    for (const u of unmanageable) {
      lines.push(
        `   ${commentSafe(`${u.app}/${u.name}/${u.language}`)} (id ${commentSafe(u.id)}, ${commentSafe(u.status)}): ${u.unmanageable.reason}: ${commentSafe(u.unmanageable.detail)}`,
      );
    }
  }
  if (skipped.length > 0) {
    if (lines.length) lines.push("");
    lines.push(" Skipped: rows with no name or no id (waform cannot name them):");
    for (const d of skipped) lines.push(`   ${commentSafe(d.message)}`);
  }
  if (lines.length) doc.comment = lines.join("\n");
  return render(doc);
}

/** Why a value is written the way it is, when the remote cannot give it back. */
function writeOnlyNote(h: Header | undefined): string | undefined {
  if (h?.type !== "image" && h?.type !== "video" && h?.type !== "document") return undefined;
  if (h.handle === undefined) {
    return "write-only: the remote returned no sample; add example: https://… (docs/accounts.md)";
  }
  return "write-only: the remote keeps this upload handle, not the sample's URL (docs/accounts.md)";
}

/** Other people's text in a YAML comment: no character may end the comment line or act on a terminal. */
function commentSafe(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function declarationDocument(decl: Declaration): Document {
  const file: RawFile = { version: 1 };
  if (decl.apps.length) file.apps = Object.fromEntries(decl.apps.map((a) => [a.alias, rawApp(a)]));
  file.templates = decl.templates.map(rawTemplate);
  const doc = new Document(file);
  compact(doc);
  const templates = doc.get("templates");
  // a blank line between templates, as people write them
  if (isSeq(templates)) {
    for (const item of templates.items.slice(1)) if (isMap(item)) item.spaceBefore = true;
  }
  return doc;
}

function render(doc: Document): string {
  return `${SCHEMA_MODELINE}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: true })}`;
}

function rawApp(a: AppConfig): NonNullable<RawFile["apps"]>[string] {
  const app: NonNullable<RawFile["apps"]>[string] = { appId: a.appId, appName: a.appName, source: a.source };
  if (a.prune) app.prune = true;
  if (a.rateLimitPerMinute !== undefined) app.rateLimit = { perMinute: a.rateLimitPerMinute };
  if (a.channel) app.channel = a.channel;
  return app;
}

function rawTemplate(t: DesiredTemplate): RawTemplate {
  // key order as a person would write it
  const out: Record<string, unknown> = {
    name: t.name,
    app: t.app,
    language: t.language,
    category: t.category,
  };
  if (t.kind !== "standard") out["kind"] = t.kind;
  out["vertical"] = t.vertical;
  if (t.header) out["header"] = rawHeader(t.header);
  out["body"] = t.body;
  const examples: { body?: string[]; header?: string } = {};
  if (t.bodyExamples.length) examples.body = [...t.bodyExamples];
  const headerValue = headerExampleValue(t.header);
  if (headerValue !== undefined) examples.header = headerValue;
  if (examples.body || examples.header !== undefined) out["examples"] = examples;
  if (t.footer !== undefined) out["footer"] = t.footer;
  if (t.buttons.length) out["buttons"] = t.buttons.map(rawButton);
  if (t.lto) {
    out["limitedOfferText"] = t.lto.text;
    out["hasExpiration"] = t.lto.hasExpiration;
  }
  if (t.allowCategoryChange) out["allowCategoryChange"] = true;
  if (t.protect) out["protect"] = true;
  if (t.test) out["test"] = rawTest(t.test);
  return out as unknown as RawTemplate;
}

function rawHeader(h: Header): RawHeader {
  switch (h.type) {
    case "text":
      return { type: "text", text: h.text };
    case "image":
    case "video":
    case "document":
      return {
        type: h.type,
        ...(h.example !== undefined ? { example: h.example } : {}),
        ...(h.handle !== undefined ? { handle: h.handle } : {}),
      };
    default:
      return { type: h.type };
  }
}

/**
 * The canonical text-header example is the whole header with {{1}} substituted; the YAML holds only
 * the value. Recover it from around the variable (the whole example when the two disagree).
 */
function headerExampleValue(h: Header | undefined): string | undefined {
  if (h?.type !== "text" || h.example === undefined) return undefined;
  const v = scanPlaceholders(h.text).find((p) => p.kind === "positional");
  if (!v) return h.example;
  const before = h.text.slice(0, v.offset);
  const after = h.text.slice(v.offset + v.raw.length);
  const fits =
    h.example.length >= before.length + after.length &&
    h.example.startsWith(before) &&
    h.example.endsWith(after);
  return fits ? h.example.slice(before.length, h.example.length - after.length) : h.example;
}

function rawButton(b: Button): RawButton {
  switch (b.type) {
    case "url":
      return b.example === undefined
        ? { type: "url", text: b.text, url: b.url }
        : { type: "url", text: b.text, url: b.url, example: b.example };
    default:
      return { ...b };
  }
}

function rawTest(s: TestSpec): RawTest {
  const test: RawTest = { destinations: [...s.destinations], params: [...s.params] };
  if (s.headerParam !== undefined) test.headerParam = s.headerParam;
  if (s.headerMedia) test.headerMedia = { ...s.headerMedia };
  if (s.couponCode !== undefined) test.couponCode = s.couponCode;
  if (s.urlSuffix !== undefined) test.urlSuffix = s.urlSuffix;
  if (s.expiry?.kind === "duration") test.expiresIn = formatDuration(s.expiry.ms);
  if (s.expiry?.kind === "absolute") {
    const ms = s.expiry.epochMs;
    const iso = Number.isSafeInteger(ms) && ms >= MIN_EPOCH_MS && ms < 8.64e15;
    test.expiresAt = iso ? new Date(ms).toISOString() : ms;
  }
  if (s.product) test.product = { ...s.product };
  if (s.sections) {
    test.sections = s.sections.map((sec) =>
      sec.title === ""
        ? { productRetailerIds: [...sec.productRetailerIds] }
        : { title: sec.title, productRetailerIds: [...sec.productRetailerIds] },
    );
  }
  if (s.thumbnailProductRetailerId !== undefined)
    test.thumbnailProductRetailerId = s.thumbnailProductRetailerId;
  if (s.channel) test.channel = s.channel;
  return test;
}

/** Small maps and lists of scalars on one line; multi-line text stays a block. */
function compact(doc: Document): void {
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? "");
      const value = pair.value;
      if (isMap(value) && FLOW_KEYS.has(key)) value.flow = !containsMultiline(value.toJSON());
      if (isSeq(value) && FLOW_LISTS.has(key) && key !== "buttons")
        value.flow = !containsMultiline(value.toJSON());
      if (isSeq(value) && key === "buttons") {
        for (const item of value.items) if (isMap(item)) item.flow = !containsMultiline(item.toJSON());
      }
      return undefined;
    },
  });
}

function containsMultiline(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\n");
  if (Array.isArray(value)) return value.some(containsMultiline);
  if (value && typeof value === "object") return Object.values(value).some(containsMultiline);
  return false;
}
