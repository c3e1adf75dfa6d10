// Everything the sandbox remembers, as one plain JSON-serialisable value, and its persistence.
// The state file is written atomically (temp file + rename) after every change, so an embedded
// sandbox killed mid-run never leaves a torn file and the next run sees the same remote.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UserError } from "../model/errors.js";
import type { SandboxSend } from "./route.js";

/** One template as the sandbox holds it: the create/edit form fields, parsed, plus review state. */
export interface StoredTemplate {
  id: string;
  appId: string;
  elementName: string;
  languageCode: string;
  category: string;
  /** Set when an edit changed the category of a non-APPROVED template. */
  oldCategory?: string;
  templateType: string;
  vertical: string;
  content: string;
  example: string;
  header?: string;
  exampleHeader?: string;
  footer?: string;
  /** The `buttons` form field, parsed (wire shape, as posted). */
  buttons: Record<string, unknown>[];
  /** The `cards` form field of a CAROUSEL, parsed. */
  cards?: unknown[];
  enableSample: boolean;
  allowTemplateCategoryChange: boolean;
  exampleMedia?: string;
  mediaUrl?: string;
  mediaId?: string;
  isLTO: boolean;
  limitedOfferText?: string;
  hasExpiration?: boolean;
  parameterFormat?: string;
  status: string;
  reason?: string;
  externalId?: string;
  createdOn: number;
  modifiedOn: number;
  /** When the current review started (create or last edit): approval is due `approvalDelayMs` later. */
  submittedAt: number;
  /** Times of the edits made while the template was APPROVED (the 1/24 h and 10/30 d quota). */
  approvedEdits: number[];
  /**
   * A row loaded verbatim (partner/raw-rows.ts), with its status as given: the list returns the row
   * itself until a write replaces it. Review never decides a raw row: it stays as the account had it.
   */
  raw?: { row: Record<string, unknown>; status: string };
}

export interface IssuedToken {
  token: string;
  /** Epoch ms; undefined: never expires. */
  expiresAt?: number;
  name?: string;
  /** The row id of a UAT (revoke by id). */
  id?: string;
}

export interface AppState {
  appId: string;
  namespace: string;
  wabaId: string;
  /** The legacy `sk_…` app token: GET /token returns it until it is revoked. */
  appToken: string;
  /** Universal app tokens minted with POST /token and not revoked (expired ones until the next mint). */
  uats: IssuedToken[];
  /** Names whose APPROVED template was deleted: not reusable for 30 days. */
  deletedApproved: { elementName: string; languageCode: string; deletedAt: number }[];
}

export interface SandboxState {
  version: 1;
  /** Feeds generated ids and tokens, so they are deterministic and never repeat across restarts. */
  counter: number;
  apps: Record<string, AppState>;
  templates: StoredTemplate[];
  /** Partner tokens handed out by the login endpoint. */
  partnerTokens: IssuedToken[];
  /** Tokens revoked through the admin API (any kind). */
  revokedTokens: string[];
  /** Upload handles issued by `/upload/media`, per app. */
  handles: { appId: string; handle: string; fileType: string; url?: string; createdOn: number }[];
  sends: SandboxSend[];
}

export function emptyState(): SandboxState {
  return {
    version: 1,
    counter: 0,
    apps: {},
    templates: [],
    partnerTokens: [],
    revokedTokens: [],
    handles: [],
    sends: [],
  };
}

/** Reads a state file; a missing file is an empty sandbox, a damaged one is a UserError. */
export function loadState(file: string): SandboxState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw new UserError(`cannot read the sandbox state file ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(
      `the sandbox state file ${file} is not valid JSON`,
      "delete it to start from an empty sandbox",
    );
  }
  const state = parsed as Partial<SandboxState> | null;
  if (!state || typeof state !== "object" || state.version !== 1 || !Array.isArray(state.templates)) {
    throw new UserError(
      `the sandbox state file ${file} has an unknown format`,
      "delete it to start from an empty sandbox",
    );
  }
  return { ...emptyState(), ...state } as SandboxState;
}

export function saveState(file: string, state: SandboxState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
