// The sandbox's public surface: start one in process, and the virtual clock tests drive it with.

export { createOffsetClock, createVirtualClock, type SandboxClock } from "./clock.js";
export type { RateLimit, ReviewRule, SandboxConfig } from "./config.js";
export type { SandboxControl } from "./control.js";
export { type FaultConfig, parseFaultSpec } from "./faults.js";
export { type RunningSandbox, type SandboxOptions, startSandbox } from "./server.js";
export type { SandboxState } from "./state.js";
export type { SandboxStats } from "./stats.js";
