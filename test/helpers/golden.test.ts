// The golden-file check itself: a golden file nobody wrote is a failure, not a pass.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { expectGolden } from "./golden.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("expectGolden", () => {
  const missing = "validate/no-such-example.txt";

  it("fails on a missing golden file, and does not create it", () => {
    vi.stubEnv("UPDATE_GOLDEN", "");
    expect(() => expectGolden(missing, "anything")).toThrow(
      `golden file test/golden/${missing} is missing: run with UPDATE_GOLDEN=1 to create it`,
    );
    expect(existsSync(join(import.meta.dirname, "..", "golden", missing))).toBe(false);
  });

  it("fails on output that differs from the golden file", () => {
    vi.stubEnv("UPDATE_GOLDEN", "");
    expect(() => expectGolden("verify/report.txt", "not the report\n")).toThrow();
  });
});
