// How the wait reads a remote status: the `verify` column of the one status table
// (plan/status.ts). Only a few statuses end the wait; one the table does not know keeps it
// waiting until the timeout.

import { statusRow, type VerifyRule } from "../plan/status.js";

/** What a status means for the wait. */
export type StatusClass = VerifyRule;

export function classifyStatus(status: string): StatusClass {
  return statusRow(status).verify;
}
