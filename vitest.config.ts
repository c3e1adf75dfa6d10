import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // one build of the CLI for every test that runs it as a process
    globalSetup: ["test/global-setup.ts"],
    // the live acceptance suite talks to a real account: only `npm run test:live` runs it
    exclude: [...configDefaults.exclude, "test/live/**"],
    // hang guards, not speed limits: a test waits for events, and the suite must pass on a busy
    // 2-core machine where a test can take four times as long as on an idle one
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // one worker per core (vitest's default leaves one core out): most tests wait on processes and
    // sockets, and on a 2-core machine one worker made the suite a queue
    maxWorkers: "100%",
  },
});
