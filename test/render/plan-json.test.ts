// The JSON plan is a public contract: it validates against schemas/plan.schema.json, keys are
// snake_case, it carries no secret, and a saved plan reads back as exactly the same Plan
// (reading saved plan files, and refusing what is not one: test/cli/plan-file.test.ts).

import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { PLAN_SCHEMA_URL, parsePlanText } from "../../src/cli/plan-file.js";
import { ACTIONS, REASONS } from "../../src/plan/types.js";
import { renderPlanJson } from "../../src/render/plan-json.js";
import { app, plan, remoteOf, template } from "../plan/builders.js";
import { samplePlan } from "./sample-plan.js";

const schema = JSON.parse(readFileSync(PLAN_SCHEMA_URL, "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  }
  return [];
}

describe("renderPlanJson", () => {
  const json = renderPlanJson(samplePlan());
  const doc = JSON.parse(json);

  it("validates against schemas/plan.schema.json", () => {
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it("starts with format_version and uses snake_case keys throughout, field paths included", () => {
    expect(Object.keys(doc)[0]).toBe("format_version");
    expect(doc.format_version).toBe(3);
    expect(keysOf(doc).filter((k) => /[A-Z]/.test(k))).toEqual([]);
    expect(json).toContain('"path": "lto.has_expiration"');
    expect(json).toContain('"body_examples"');
  });

  it("carries a summary of the changes", () => {
    expect(doc.summary).toEqual({ create: 2, update: 1, replace: 1, delete: 1, blocked: 4, noop: 2 });
  });

  it("never includes a credential, even one added to an app by mistake", () => {
    const secretApp = { ...app("shop"), token: "sk_live_0123456789", apiKey: "secret-key" } as never;
    const p = plan([template("welcome")], [], { apps: [secretApp] });
    p.apps = [secretApp];
    const out = renderPlanJson(p);
    expect(out).not.toContain("sk_live_0123456789");
    expect(out).not.toContain("secret-key");
  });

  it("a saved plan reads back as exactly the same Plan", async () => {
    const p = samplePlan();
    expect(await parsePlanText(renderPlanJson(p))).toStrictEqual(p);
  });

  it("round-trips a plan with nested camelCase values (phone buttons, remote metadata)", async () => {
    const t = template("call_us", {
      buttons: [{ type: "phone_number", text: "Call", phoneNumber: "+919876543210" }],
      test: {
        destinations: ["+919876543210"],
        params: ["Ana"],
        couponCode: "X1",
        expiry: { kind: "duration", ms: 1000 },
      },
    });
    const r = remoteOf(template("call_us"), {
      status: "REJECTED",
      externalId: "1508",
      oldCategory: "UTILITY",
    });
    const p = plan([t], [r]);
    const json = renderPlanJson(p);
    expect(json).toContain('"path": "buttons[0]"');
    expect(json).toContain('"phone_number": "+919876543210"');
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
    expect(await parsePlanText(json)).toStrictEqual(p);
  });
});

describe("renderPlanJson with inputs that carry more than the model", () => {
  it("keeps only the declared fields, so the saved plan still reads back", async () => {
    const extra = { data: "Hello | [Track]", quality: "UNKNOWN", meta: "{}" };
    const t = template("welcome", { footer: "New" });
    const p = plan([{ ...t, line: 3 } as never], [{ ...remoteOf(template("welcome")), ...extra } as never]);
    const json = renderPlanJson(p);
    expect(json).not.toContain("UNKNOWN");
    expect(Object.keys(p.changes[0]?.desired ?? {})).not.toContain("line");
    expect(await parsePlanText(json)).toStrictEqual(p);
  });
});

describe("plan.schema.json", () => {
  it("documents exactly the actions and reasons of the Plan type", () => {
    const consts = (def: { oneOf: { const: string }[] }) => def.oneOf.map((o) => o.const);
    expect(consts(schema.$defs.change.properties.action)).toEqual([...ACTIONS]);
    expect(consts(schema.$defs.change.properties.reason)).toEqual([...REASONS]);
  });
});
