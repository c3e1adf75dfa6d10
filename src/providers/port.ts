// The provider port: all that apply/, verify/ and the plan fetch know of a provider. providers/gupshup
// implements it; nothing above providers/ imports providers/gupshup. Every request a provider makes
// spends from the process's rate budget (providers/budget) in its endpoint group, so callers never
// pace anything themselves.

import type { AppConfig } from "../model/app.js";
import type { RemoteListing } from "../model/listing.js";
import type { RemoteTemplate, TemplateContent, TemplateKey } from "../model/template.js";

/**
 * The rate-limit groups of the Partner API (each has its own budget per app; `login` one for the
 * whole account): list, create and edit share `templates`; deletes, media uploads, sends and app
 * tokens each have their own.
 */
export type EndpointGroup = "login" | "token" | "templates" | "delete" | "media" | "send";

/**
 * `normal` calls go first; `poll` calls (verify's approval polls) take what is left of a budget
 * that writes also wait on.
 */
export type CallPriority = "normal" | "poll";

/** What every port call may carry besides its arguments. */
export interface CallOptions {
  /**
   * Gives the call up while it waits (for its budget, or before a retry of a read): it then
   * rejects with the signal's reason and nothing was sent. A request already on the wire runs to
   * its end (the provider's own deadline aborts those), so a write is never cut off half-way.
   */
  signal?: AbortSignal;
  priority?: CallPriority;
  /**
   * Told, once, when the call's own request leaves (after any wait for the budget), with the time
   * it left. A write that never left cannot have taken effect. Auxiliary requests (an app token,
   * a sample-media upload) do not count.
   */
  onSent?: (sentAt: number) => void;
}

export { concatListings, emptyListing, type RemoteListing } from "../model/listing.js";

export interface TemplateProvider {
  /** Every row of one app's template list (all pages), read tolerantly. */
  listTemplates(app: AppConfig, opts?: CallOptions): Promise<RemoteListing>;
  /** Creates one template. Not idempotent: callers reconcile after an ambiguous failure. */
  createTemplate(
    app: AppConfig,
    key: TemplateKey,
    content: TemplateContent,
    opts?: CallOptions,
  ): Promise<RemoteTemplate>;
  /** Edits a template in place, sending the complete desired content (Meta replaces all components). */
  updateTemplate(
    app: AppConfig,
    remote: RemoteTemplate,
    content: TemplateContent,
    opts?: CallOptions,
  ): Promise<void>;
  /** Deletes one template (one language) by name and id. */
  deleteTemplate(app: AppConfig, remote: RemoteTemplate, opts?: CallOptions): Promise<void>;
  /** Releases connections and credentials minted for this run. Never throws. */
  close(): Promise<void>;
}

/**
 * The Partner API's own test sends, with the app's token, from the `send` budget. One method per
 * wire format; a new format is one more method here and in the provider.
 */
export interface PartnerSender {
  /** `POST /partner/app/{appId}/template/msg` with a form built by the gupshup-partner channel. */
  sendTemplate(app: AppConfig, form: URLSearchParams, opts?: CallOptions): Promise<{ messageId: string }>;
  /**
   * `POST /partner/app/{appId}/v3/message`: a Meta-format (Cloud API) message as JSON, built by the
   * gupshup-v3 channel (reference §6.2).
   */
  sendMetaMessage(app: AppConfig, message: unknown, opts?: CallOptions): Promise<{ messageId: string }>;
}

/** What the commands get from the composition root. */
export type ProviderPort = TemplateProvider & PartnerSender;
