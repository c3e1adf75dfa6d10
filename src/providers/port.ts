// The TemplateProvider port: all that apply/, verify/ and the plan fetch know of a provider.
// providers/gupshup implements it; nothing above providers/ imports providers/gupshup.

import type { AppConfig } from "../model/app.js";
import type { RemoteListing } from "../model/listing.js";
import type { RemoteTemplate, TemplateContent, TemplateKey } from "../model/template.js";

/** Which rate-limit bucket a call spends from (the Partner API limits per app and per path). */
export type Endpoint = "token" | "templates" | "delete" | "media" | "send";

export { concatListings, emptyListing, type RemoteListing } from "../model/listing.js";

export interface TemplateProvider {
  /** Every row of one app's template list (all pages), read tolerantly. */
  listTemplates(app: AppConfig, signal?: AbortSignal): Promise<RemoteListing>;
  /** Creates one template. Not idempotent: callers reconcile after an ambiguous failure. */
  createTemplate(
    app: AppConfig,
    key: TemplateKey,
    content: TemplateContent,
    signal?: AbortSignal,
  ): Promise<RemoteTemplate>;
  /** Edits a template in place, sending the complete desired content (Meta replaces all components). */
  updateTemplate(
    app: AppConfig,
    remote: RemoteTemplate,
    content: TemplateContent,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Deletes one template (one language) by name and id. */
  deleteTemplate(app: AppConfig, remote: RemoteTemplate, signal?: AbortSignal): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}
