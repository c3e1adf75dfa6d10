// The fingerprint lets apply refuse a stale saved plan: the same remote gives the same value in
// any order; a change to a template in scope gives another; templates out of scope do not count.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDeclaration } from "../../src/config/load.js";
import { CONTENT_FIELDS } from "../../src/model/content.js";
import { stableJson } from "../../src/model/plain.js";
import { templateKey } from "../../src/model/template.js";
import { remoteFingerprint, rowText } from "../../src/plan/fingerprint.js";
import { app, HOUR, NOW, plan, remoteOf, template } from "./builders.js";

const a = remoteOf(template("alpha"));
const b = remoteOf(template("beta"));
const c = remoteOf(template("gamma", { app: "brand" }));
const scope = { apps: ["brand", "shop"], targets: [] };

describe("remoteFingerprint", () => {
  it("does not depend on the order the provider lists templates in", () => {
    expect(remoteFingerprint([a, b, c], scope)).toBe(remoteFingerprint([c, b, a], scope));
  });

  it("does not depend on key order inside a template", () => {
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(remoteFingerprint([reordered], scope)).toBe(remoteFingerprint([a], scope));
  });

  it.each([
    ["the status", { status: "PAUSED" }],
    ["the id", { id: "other-id" }],
    ["modifiedOn", { modifiedOn: NOW - HOUR }],
    ["the body", { body: "Changed {{1}} text." }],
    ["a button", { buttons: [] }],
    ["the language", { language: "es" }],
  ])("changes when %s of a template in scope changes", (_what, over) => {
    expect(remoteFingerprint([{ ...a, ...over }, b], scope)).not.toBe(remoteFingerprint([a, b], scope));
  });

  it("changes when a template appears or disappears", () => {
    expect(remoteFingerprint([a], scope)).not.toBe(remoteFingerprint([a, b], scope));
  });

  it("ignores what a change cannot depend on (Meta's id, createdOn)", () => {
    expect(remoteFingerprint([{ ...a, externalId: "123", createdOn: 1 }], scope)).toBe(
      remoteFingerprint([a], scope),
    );
  });

  it("covers exactly the templates in scope", () => {
    const shopOnly = { apps: ["shop"], targets: [] };
    expect(remoteFingerprint([a, b, { ...c, status: "PAUSED" }], shopOnly)).toBe(
      remoteFingerprint([a, b], shopOnly),
    );
    const alphaOnly = { apps: ["shop"], targets: ["alpha"] };
    expect(remoteFingerprint([a, { ...b, body: "x" }], alphaOnly)).toBe(remoteFingerprint([a], alphaOnly));
  });

  it("is the one makePlan records, so apply can recompute it from the plan's scope", () => {
    const p = plan([], [a, b, c], { apps: [app("shop"), app("brand")], scopeApps: ["shop"] });
    expect(p.remoteFingerprint).toBe(remoteFingerprint([a, b, c], p.scope));
    expect(p.remoteFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("hashes each row as the stable JSON of what a change depends on", async () => {
    // every shape of the root templates.yaml (LTO, media headers, products, buttons, OTP), as rows
    const { declaration } = await loadDeclaration([join(import.meta.dirname, "..", "..", "templates.yaml")], {
      now: NOW,
    });
    const rows = declaration.templates.flatMap((t) => {
      const r = remoteOf(t);
      return [r, { ...r, modifiedOn: undefined }, { ...r, footer: undefined, header: undefined }];
    });
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      const content: Record<string, unknown> = {};
      for (const f of CONTENT_FIELDS) content[f] = r[f];
      const generic = stableJson({
        key: templateKey(r),
        id: r.id,
        status: r.status,
        modifiedOn: r.modifiedOn ?? null,
        content,
      });
      expect(rowText(r)).toBe(generic);
    }
  });
});
