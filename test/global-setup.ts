// Runs once before any test file: builds the CLI the whole suite runs (test/e2e/build.ts), so no
// file waits on another's build and every process-level test runs the same fresh build.

import { builtCli } from "./e2e/build.js";

export default async function setup(): Promise<void> {
  await builtCli();
}
