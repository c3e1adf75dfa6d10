import { defineConfig } from "vitest/config";

// `npm run test:live`: the live acceptance suite only (test/live), one step after the other.
export default defineConfig({
  test: {
    include: ["test/live/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
