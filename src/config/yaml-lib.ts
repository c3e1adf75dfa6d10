// The `yaml` package, loaded on first use. Files js-yaml reads cleanly (yaml-read.ts) never need
// it, and loading it is a noticeable part of `waform validate`'s start-up; it is required (CJS)
// rather than imported so that the parser stays synchronous.

import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  lib ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return lib;
}
