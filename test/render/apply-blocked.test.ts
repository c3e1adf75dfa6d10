// Issue 12 item 3: a blocked change in apply's text, JSON and JUnit reports — blocked in the plan
// (skipped in JUnit, exit unchanged) or refused by the API for the edit quota (a failure).

import { describe, expect, it } from "vitest";
import type { ApplyResult, ChangeOutcome } from "../../src/apply/types.js";
import { renderApplyJson, renderApplyText } from "../../src/render/apply.js";
import { renderVerifyJunit } from "../../src/render/verify-junit.js";

const UNTIL = Date.parse("2030-01-02T09:00:00.000Z");

function outcome(name: string, over: Partial<ChangeOutcome>): ChangeOutcome {
  return {
    key: { app: "shop", name, language: "en" },
    action: "update",
    outcome: "updated",
    reason: "fields_changed",
    attempts: 1,
    ...over,
  };
}

const result: ApplyResult = {
  outcomes: [
    outcome("in_review", {
      action: "blocked",
      outcome: "blocked",
      reason: "pending_review",
      message: "the template is under review (PENDING) and cannot be edited",
      attempts: 0,
    }),
    outcome("weekly", {
      outcome: "blocked",
      reason: "edit_quota",
      errorKind: "quota",
      blockedUntil: UNTIL,
      message: "the edit was refused for the edit quota (limit reached)",
    }),
  ],
  counts: { created: 0, adopted: 0, updated: 0, replaced: 0, deleted: 0, failed: 0, blocked: 2, skipped: 0 },
  startedAt: UNTIL - 86_400_000,
  finishedAt: UNTIL - 86_399_000,
};

describe("apply reports a blocked change", () => {
  it("as text: marked !, with why, and a closing line with when to apply again", () => {
    const text = renderApplyText(result, { color: false });
    expect(text).toContain(
      "  ! shop/in_review/en: blocked (the template is under review (PENDING) and cannot be edited)",
    );
    expect(text).toContain(
      "  ! shop/weekly/en: blocked (the edit was refused for the edit quota (limit reached))",
    );
    expect(text).toContain(
      "The API refused 1 edit for Meta's edit quota, so apply did not do all the plan showed: plan and apply again after 2030-01-02T09:00:00.000Z.",
    );
    expect(text).toContain("0 deleted, 2 blocked, 0 failed.");
  });

  it("as JSON: outcome blocked, the reason, and blocked_until", () => {
    const [planned, refused] = JSON.parse(renderApplyJson(result)).outcomes;
    expect(planned).toMatchObject({
      action: "blocked",
      outcome: "blocked",
      reason: "pending_review",
      blocked_until: null,
    });
    expect(refused).toMatchObject({
      action: "update",
      outcome: "blocked",
      reason: "edit_quota",
      error_kind: "quota",
      blocked_until: "2030-01-02T09:00:00.000Z",
    });
  });

  it("as JUnit: blocked in the plan is skipped, refused by the API is a failure of type edit_quota", () => {
    const xml = renderVerifyJunit(undefined, { apply: result });
    expect(xml).toContain(
      '<skipped message="blocked (pending_review): the template is under review (PENDING) and cannot be edited"',
    );
    expect(xml).toContain(
      '<failure type="edit_quota" message="blocked (edit_quota; until 2030-01-02T09:00:00.000Z): the edit was refused for the edit quota (limit reached)"',
    );
    expect(xml).toMatch(/<testsuites [^>]*tests="2" failures="1" errors="0" skipped="1"/);
  });
});
