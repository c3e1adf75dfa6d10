// The representative plan rendered in every format, compared with test/golden/plan/.
// UPDATE_GOLDEN=1 rewrites the files.

import { describe, it } from "vitest";
import { renderPlanJson } from "../../src/render/plan-json.js";
import { renderPlanMarkdown } from "../../src/render/plan-markdown.js";
import { renderPlanText } from "../../src/render/plan-text.js";
import { expectGolden } from "../helpers/golden.js";
import { samplePlan } from "./sample-plan.js";

describe("plan renders (golden)", () => {
  it("text, no colour", () => expectGolden("plan/plan.txt", renderPlanText(samplePlan(), { color: false })));
  it("text, colour", () =>
    expectGolden("plan/plan.color.txt", renderPlanText(samplePlan(), { color: true })));
  it("JSON", () => expectGolden("plan/plan.json", renderPlanJson(samplePlan())));
  it("Markdown", () => expectGolden("plan/plan.md", renderPlanMarkdown(samplePlan())));
});
