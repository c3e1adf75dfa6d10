// The sandbox's memory and the rules that cut across endpoints: which tokens are valid, which app
// an id belongs to (apps spring into being on first use), review settlement, generated ids and
// persistence. Routes (partner/*.ts) read and change state only through this object.

import { canonicalStatus } from "../model/status.js";
import type { SandboxClock } from "./clock.js";
import type { SandboxConfig } from "./config.js";
import { storedFromRow } from "./partner/raw-rows.js";
import { templateView } from "./partner/view.js";
import { hexDigest, uuidFrom } from "./random.js";
import { settleReview } from "./review.js";
import type {
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
  SandboxSend,
  SandboxTemplateView,
} from "./route.js";
import {
  type AppState,
  emptyState,
  type IssuedToken,
  type SandboxState,
  type StoredTemplate,
  saveState,
} from "./state.js";

export const DAY_MS = 86_400_000;
const PARTNER_TOKEN_LIFETIME_MS = DAY_MS;

export function errorBody(status: number, message: string): SandboxResponse {
  return { status, body: { status: "error", message } };
}

/** The raw credential of a request: `Authorization` (with or without `Bearer `), else the `token` header. */
export function credentialOf(req: SandboxRequest): { value: string; bearer: boolean } | undefined {
  const auth = req.headers["authorization"]?.trim();
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    return m ? { value: m[1]!.trim(), bearer: true } : { value: auth, bearer: false };
  }
  const token = req.headers["token"]?.trim();
  return token ? { value: token, bearer: false } : undefined;
}

export class SandboxEngine {
  state: SandboxState;
  private dirty = false;

  constructor(
    readonly clock: SandboxClock,
    public config: SandboxConfig,
    private readonly seed: number,
    private readonly stateFile: string | undefined,
    initial: SandboxState,
  ) {
    this.state = initial;
  }

  now(): number {
    return this.clock.now();
  }

  /** A fresh deterministic string: same seed and history, same ids. */
  private next(kind: string): string {
    this.state.counter += 1;
    this.dirty = true;
    return `${this.seed}:${kind}:${this.state.counter}`;
  }

  newId(): string {
    return uuidFrom(this.next("id"));
  }

  newToken(prefix: string): string {
    return `${prefix}${hexDigest(this.next("token"))}`;
  }

  newMetaId(): string {
    // Meta template ids are long decimal strings
    return BigInt(`0x${hexDigest(this.next("meta")).slice(0, 13)}`).toString();
  }

  markDirty(): void {
    this.dirty = true;
  }

  /** Writes the state file if something changed since the last write. */
  flush(): void {
    if (this.dirty && this.stateFile) saveState(this.stateFile, this.state);
    this.dirty = false;
  }

  reset(): void {
    this.state = emptyState();
    this.dirty = true;
    this.flush();
  }

  /** The app record for an id, created on first use ("no setup needed"). */
  app(appId: string): AppState {
    let app = this.state.apps[appId];
    if (!app) {
      const h = hexDigest(`app:${appId}`);
      app = {
        appId,
        namespace: `${h.slice(0, 8)}_${h.slice(8, 12)}_${h.slice(12, 16)}_${h.slice(16, 20)}_${h.slice(20, 32)}`,
        wabaId: BigInt(`0x${h.slice(0, 12)}`).toString(),
        appToken: this.newToken("sk_"),
        uats: [],
        deletedApproved: [],
      };
      this.state.apps[appId] = app;
      this.dirty = true;
    }
    return app;
  }

  /** Settles every review that is due. Called before each request is handled. */
  settle(): void {
    const now = this.now();
    for (const t of this.state.templates) {
      if (
        settleReview(t, now, this.config.approvalDelayMs, this.config.reviewRules, () => this.newMetaId())
      ) {
        this.dirty = true;
      }
    }
  }

  isRevoked(token: string): boolean {
    return this.state.revokedTokens.includes(token);
  }

  /** Whether a partner-level call (GET app token, partner apps) may proceed; a 401 response if not. */
  checkPartner(req: SandboxRequest): SandboxResponse | undefined {
    const cred = credentialOf(req);
    const fail = errorBody(401, "Authentication Failed");
    // the partner token goes raw in Authorization, no `Bearer` (GP-APPTOKEN)
    if (!cred || cred.bearer || this.isRevoked(cred.value)) return fail;
    const issued = this.state.partnerTokens.find((t) => t.token === cred.value);
    if (issued) return issued.expiresAt !== undefined && issued.expiresAt <= this.now() ? fail : undefined;
    if (this.isAppCredential(cred.value)) return fail;
    return this.config.acceptAnyPartnerToken ? undefined : fail;
  }

  /** Whether a universal token may mint app tokens: a Bearer value that is not a legacy token. */
  checkUniversal(req: SandboxRequest): SandboxResponse | undefined {
    const cred = credentialOf(req);
    const fail = errorBody(
      401,
      "Unauthorised access to the resource. Please review request parameters and headers and retry",
    );
    if (!cred?.bearer || this.isRevoked(cred.value)) return fail;
    if (this.state.partnerTokens.some((t) => t.token === cred.value) || this.isAppCredential(cred.value)) {
      return fail;
    }
    return this.config.acceptAnyPartnerToken ? undefined : fail;
  }

  /** Whether an app-scoped call may proceed: only a token this sandbox issued for that app. */
  checkApp(req: SandboxRequest, appId: string): SandboxResponse | undefined {
    const cred = credentialOf(req);
    const fail = errorBody(401, "Authentication Failed");
    if (!cred || this.isRevoked(cred.value)) return fail;
    const app = this.app(appId);
    if (!cred.bearer && cred.value === app.appToken) return undefined;
    const uat = app.uats.find((t) => t.token === cred.value);
    if (uat && (uat.expiresAt === undefined || uat.expiresAt > this.now())) return undefined;
    return fail;
  }

  /** The app's UATs that are neither expired nor revoked. */
  activeUats(appId: string): IssuedToken[] {
    const now = this.now();
    return this.app(appId).uats.filter((t) => t.expiresAt === undefined || t.expiresAt > now);
  }

  /** Active UATs per app id, for the admin stats (apps with none are left out). */
  activeUatCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const appId of Object.keys(this.state.apps)) {
      const n = this.activeUats(appId).length;
      if (n > 0) counts[appId] = n;
    }
    return counts;
  }

  private isAppCredential(value: string): boolean {
    return Object.values(this.state.apps).some(
      (a) => a.appToken === value || a.uats.some((u) => u.token === value),
    );
  }

  issuePartnerToken(): string {
    const token = this.newToken("sandbox-partner-");
    this.state.partnerTokens.push({ token, expiresAt: this.now() + PARTNER_TOKEN_LIFETIME_MS });
    return token;
  }

  /** Revokes every token issued so far; GET /token hands out new app tokens afterwards. */
  revokeTokens(): void {
    for (const t of this.state.partnerTokens) this.state.revokedTokens.push(t.token);
    this.state.partnerTokens = [];
    for (const app of Object.values(this.state.apps)) {
      this.state.revokedTokens.push(app.appToken, ...app.uats.map((u) => u.token));
      app.appToken = this.newToken("sk_");
      app.uats = [];
    }
    this.dirty = true;
  }

  templatesOf(appId: string): StoredTemplate[] {
    return this.state.templates.filter((t) => t.appId === appId);
  }

  findTemplate(id: string): StoredTemplate | undefined {
    return this.state.templates.find((t) => t.id === id);
  }

  /** Forces a template's status, as Meta would (admin API). */
  setTemplateStatus(id: string, status: string, reason?: string): void {
    const t = this.findTemplate(id);
    if (!t) throw new Error(`no template with id ${id}`);
    t.status = canonicalStatus(status);
    if (reason === undefined) delete t.reason;
    else t.reason = reason;
    if (t.status === "APPROVED") t.externalId ??= this.newMetaId();
    t.modifiedOn = this.now();
    this.dirty = true;
  }

  /**
   * Adds raw list rows to an app, verbatim (partner/raw-rows.ts). Their sample handles count as
   * issued to the app, so an edit that sends a row's own handle back is accepted.
   */
  loadRows(appId: string, rows: readonly unknown[]): number {
    const bad = rows.findIndex((row) => typeof row !== "object" || row === null || Array.isArray(row));
    if (bad >= 0) throw new TypeError(`row ${bad + 1} is not a JSON object; nothing was loaded`);
    this.app(appId);
    let loaded = 0;
    for (const row of rows) {
      const t = storedFromRow(row as Record<string, unknown>, appId, this.now(), this.newId());
      this.state.templates.push(t);
      if (t.exampleMedia !== undefined && !this.state.handles.some((h) => h.handle === t.exampleMedia)) {
        this.state.handles.push({
          appId,
          handle: t.exampleMedia,
          fileType: "application/octet-stream",
          createdOn: t.createdOn,
        });
      }
      loaded++;
    }
    this.dirty = true;
    return loaded;
  }

  removeTemplates(ids: readonly string[]): void {
    this.state.templates = this.state.templates.filter((t) => !ids.includes(t.id));
    this.dirty = true;
  }

  recordSend(send: SandboxSend): void {
    this.state.sends.push(send);
    this.dirty = true;
  }

  /** What the send-API simulators under channels/ may use. */
  context(): SandboxContext {
    return {
      now: () => this.now(),
      newId: () => this.newId(),
      findTemplateById: (id): SandboxTemplateView | undefined => {
        const t = this.findTemplate(id);
        return t && templateView(t);
      },
      findTemplatesByName: (name, language) =>
        this.state.templates
          .filter((t) => t.elementName === name && (language === undefined || t.languageCode === language))
          .map(templateView),
      recordSend: (send) => this.recordSend(send),
    };
  }
}
