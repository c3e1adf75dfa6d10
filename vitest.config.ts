import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the live acceptance suite talks to a real account: only `npm run test:live` runs it
    exclude: [...configDefaults.exclude, "test/live/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
