import type { Diagnostic } from "./diagnostic.js";
import type { RemoteTemplate, UnmanageableTemplate } from "./template.js";

/**
 * What a provider's template list says, read tolerantly: every row is in exactly one of the three
 * parts, so one odd row never fails an app.
 */
export interface RemoteListing {
  /** Rows waform can manage, canonicalised. */
  templates: RemoteTemplate[];
  /** Rows waform can name but not manage: listed with the reason, never changed. */
  unmanageable: UnmanageableTemplate[];
  /** One warning per row that was skipped because it has no name or no id, naming its position. */
  warnings: Diagnostic[];
}

export function emptyListing(): RemoteListing {
  return { templates: [], unmanageable: [], warnings: [] };
}

/** Several listings (one per app) as one. */
export function concatListings(listings: readonly RemoteListing[]): RemoteListing {
  return {
    templates: listings.flatMap((l) => l.templates),
    unmanageable: listings.flatMap((l) => l.unmanageable),
    warnings: listings.flatMap((l) => l.warnings),
  };
}
