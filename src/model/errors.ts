// The few thrown errors. One top-level handler in cli/ maps them to exit codes and one-line
// messages; nothing else catches-and-prints. Messages must never carry a secret.

/** Bad input from the user: wrong flag, unreadable file, invalid config. Exit 1, no stack trace. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const REMOTE_ERROR_KINDS = [
  "auth",
  "rate_limited",
  "transient",
  "conflict",
  "invalid",
  "not_found",
  /**
   * Refused for a usage quota that frees up with time, not for anything in the request: Meta's edit
   * quota of an APPROVED template (1 per 24 h, 10 per 30 days). Not retried: apply reports the
   * change blocked, with when it can be made.
   */
  "quota",
] as const;
export type RemoteErrorKind = (typeof REMOTE_ERROR_KINDS)[number];

/** A failure reported by (or on the way to) a provider. `kind` drives retries. */
export class RemoteError extends Error {
  override readonly name = "RemoteError";
  readonly kind: RemoteErrorKind;
  /** HTTP status, when there was a response. */
  readonly status?: number;
  /** How long the provider asked us to wait, when it said so. */
  readonly retryAfterMs?: number;
  /** `quota`: the rolling window the refused quota counts in, when the answer says which. */
  readonly quotaWindowMs?: number;
  /**
   * True when the request may have taken effect although no success was seen (timeout, reset,
   * 5xx after the body was sent). A create that failed ambiguously must be reconciled by re-reading
   * the remote before it is retried.
   */
  readonly ambiguous: boolean;

  constructor(
    kind: RemoteErrorKind,
    message: string,
    opts: { status?: number; retryAfterMs?: number; ambiguous?: boolean; quotaWindowMs?: number } = {},
  ) {
    super(message);
    this.kind = kind;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
    this.quotaWindowMs = opts.quotaWindowMs;
    this.ambiguous = opts.ambiguous ?? false;
  }

  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "transient";
  }
}

/** A bug in waform. Exit 1 with a request to report it. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}
