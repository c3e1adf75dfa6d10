// The layering rules of DESIGN.md as data: one row per layer, checked by check-layers.ts. A file
// belongs to the layer whose key is the longest prefix of its path under src/, so a new directory
// (src/platform/, src/providers/budget/) is one new row; a file under no row fails the check.

import type { Ambient, LayerRules } from "./check-layers.js";

/** What the core may not touch: it gets a clock, randomness and its inputs passed in, and never prints. */
const CORE: readonly Ambient[] = [
  "clock",
  "environment",
  "process",
  "randomness",
  "console",
  "timers",
  "global",
  "network",
  "eval",
];

/** Layers that do I/O (files, HTTP, a server) still never print: only cli/ writes to the terminal. */
const QUIET: readonly Ambient[] = ["console", "global", "eval"];

export const RULES: LayerRules = {
  model: {
    why: "canonical types, keys, diagnostics, error classes: no imports",
    imports: [],
    packages: [],
    forbid: CORE,
  },
  platform: {
    why: "the one system clock (and its abortable sleep), for the composition roots to hand in",
    imports: ["model"],
    packages: [],
    forbid: QUIET,
  },
  plan: {
    why: "the pure diff engine: `now` is passed in",
    imports: ["model"],
    // the plan fingerprint is a hash; randomness from node:crypto is forbidden with the rest
    packages: ["node:crypto"],
    forbid: CORE,
  },
  config: {
    why: "templates.yaml -> model: reads the declared files, nothing else of the world",
    imports: ["model"],
    packages: ["ajv", "yaml", "js-yaml", "node:fs", "node:fs/promises", "node:path", "node:module"],
    forbid: CORE,
    allow: { "process.cwd": "the base for relative paths when the caller gives none" },
  },
  providers: {
    why: "the TemplateProvider port and what reads through it",
    imports: ["model"],
    packages: [],
    forbid: CORE,
  },
  "providers/budget": {
    why: "the rate budget: a decorator of the provider port, on an injected clock",
    imports: ["model", "providers"],
    packages: [],
    forbid: CORE,
  },
  "providers/gupshup": {
    why: "the only code that knows Partner API URLs, headers and wire JSON",
    imports: ["model", "platform", "providers", "providers/budget"],
    packages: ["undici"],
    forbid: QUIET,
  },
  "providers/senders": {
    why: "payload builders and clients for test sends",
    imports: ["model", "providers"],
    packages: ["undici"],
    forbid: QUIET,
  },
  apply: {
    why: "runs a Plan through the provider port; clock and randomness are injected",
    imports: ["model", "plan", "providers"],
    packages: ["node:events"],
    forbid: CORE,
    allow: { "Math.random": "the default backoff jitter when the caller injects none" },
  },
  verify: {
    why: "waits for approval and test-sends through the ports; clock injected",
    imports: ["model", "plan", "providers", "providers/senders"],
    packages: [],
    forbid: CORE,
  },
  render: {
    why: "plan / results / diagnostics -> text | json | markdown: the same input, the same output",
    imports: ["model", "plan", "providers", "providers/senders", "apply", "verify", "config"],
    packages: ["diff"],
    forbid: CORE,
  },
  sandbox: {
    why: "the local simulator (node:http), its own clock and persistence",
    imports: ["model", "platform"],
    packages: ["node:*"],
    forbid: QUIET,
  },
  cli: {
    why: "the composition root: option resolution, the system clock, the terminal, exit codes",
    imports: ["*"],
    packages: ["*"],
    forbid: [],
  },
};
