// The public face of verify/: what apply/ (via cli/), render/ and cli/ call.

export { type BackoffOptions, pollInterval } from "./backoff.js";
export { DEFAULT_CHANNEL, resolveChannel } from "./channel.js";
export {
  type SendError,
  type SendErrorKind,
  type SendOutcome,
  summarizeVerify,
  type TemplateVerification,
  VERIFY_EXIT,
  VERIFY_FORMAT_VERSION,
  type VerifyReport,
  type VerifySummary,
  verifyExitCode,
} from "./report.js";
export { DEFAULT_SENDS_PER_MINUTE, SendPacer } from "./send-pacer.js";
export { classifyStatus, type StatusClass } from "./status.js";
export {
  runTestSends,
  sendTests,
  type TestSendDeps,
  type TestSendOptions,
  type TestSendTarget,
} from "./test-sends.js";
export { type VerifyDeps, type VerifyOptions, type VerifyTarget, verify } from "./verify.js";
export {
  type ApprovalOutcome,
  type ApprovalState,
  type ApprovalTarget,
  type WaitDeps,
  type WaitOptions,
  waitForApproval,
} from "./wait.js";
