// Re-reads an app's templates for reconciliation. A read only counts if it went out after the
// failure it is meant to explain (`notBefore`), so a committed write is visible in it. Changes of
// one app that need a fresh read at about the same time share one list call: the list spends from
// the same 10-a-minute budget as creates and edits.

import type { AppConfig } from "../model/app.js";
import type { RemoteTemplate } from "../model/template.js";
import type { TemplateProvider } from "../providers/port.js";

interface Read {
  /** When the list request went out; undefined while it waits for its budget. */
  sentAt?: number;
  result: Promise<RemoteTemplate[]>;
}

export class RemoteReader {
  readonly #provider: TemplateProvider;
  readonly #latest = new Map<string, Read>();
  /** List calls made, for tests and notes. */
  reads = 0;

  constructor(provider: TemplateProvider) {
    this.#provider = provider;
  }

  /**
   * The app's templates as listed by a request sent after `notBefore`: strictly, since a request
   * that left in the same clock tick as the failure may have left before the write committed.
   */
  list(app: AppConfig, notBefore: number, signal?: AbortSignal): Promise<RemoteTemplate[]> {
    const latest = this.#latest.get(app.appId);
    if (latest && (latest.sentAt === undefined || latest.sentAt > notBefore)) return latest.result;
    // `read` exists before the call, which may report its request at once
    const read: Read = { result: Promise.resolve([]) };
    read.result = this.#provider
      .listTemplates(app, {
        ...(signal && { signal }),
        onSent: (sentAt) => {
          read.sentAt = sentAt;
          this.reads++;
        },
      })
      .then((listing) => listing.templates);
    this.#latest.set(app.appId, read);
    // a failed read must not be shared with later callers
    read.result.catch(() => {
      if (this.#latest.get(app.appId) === read) this.#latest.delete(app.appId);
    });
    return read.result;
  }
}
