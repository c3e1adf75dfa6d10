// The canonical template: the one shape both the declaration (templates.yaml) and the remote
// (Gupshup containerMeta) are turned into before they are compared. Plan, apply and verify only
// ever see this shape; wire JSON lives in providers/gupshup, YAML in config/.

export const CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * What kind of template this is. It decides the Gupshup `templateType` together with the header:
 * - `standard`: text or media marketing/utility/authentication template (TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION)
 * - `lto`: limited-time offer (`isLTO=true` on a TEXT/IMAGE/VIDEO base type)
 * - `single_product`: Meta single-product (SPM) template: product header + `spm` button
 * - `multi_product`: Gupshup `PRODUCT` (Meta MPM): text header + "View items" button
 * - `catalog`: Gupshup `CATALOG`: one "View catalog" button
 */
export const TEMPLATE_KINDS = ["standard", "lto", "single_product", "multi_product", "catalog"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const HEADER_TYPES = ["text", "image", "video", "document", "location", "product"] as const;
export type HeaderType = (typeof HEADER_TYPES)[number];

/**
 * Header types Gupshup's edit call can switch a template between (its `templateType` list for an
 * edit: TEXT, IMAGE, VIDEO, DOCUMENT). The plan's policy table and the edit form both read this.
 */
export const EDITABLE_HEADER_TYPES = [
  "text",
  "image",
  "video",
  "document",
] as const satisfies readonly HeaderType[];

export type Header =
  /** `example` is the header with its one variable substituted (Gupshup `exampleHeader`). */
  | { type: "text"; text: string; example?: string }
  /**
   * The sample Meta reviews, given one of two ways:
   * - `example`: a public URL, uploaded to an upload handle when the template is created or its
   *   header changes. Write-only: the remote keeps only the handle, so it is never read back and
   *   never compared;
   * - `handle`: an upload handle the provider already holds (Gupshup `containerMeta.sampleMedia`),
   *   sent as it is. Import writes it; the remote reads it back, and it is compared when declared.
   */
  | { type: "image" | "video" | "document"; example?: string; handle?: string }
  | { type: "location" }
  /** Single-product header: image, title and price come from the catalog at send time. */
  | { type: "product" };

export const BUTTON_TYPES = [
  "quick_reply",
  "url",
  "phone_number",
  "copy_code",
  "otp",
  "mpm",
  "catalog",
  "spm",
] as const;
export type ButtonType = (typeof BUTTON_TYPES)[number];

export type Button =
  | { type: "quick_reply"; text: string }
  /** `example` is the value of the URL's trailing `{{1}}` variable (not the full URL). */
  | { type: "url"; text: string; url: string; example?: string }
  | { type: "phone_number"; text: string; phoneNumber: string }
  | { type: "copy_code"; example: string }
  | { type: "otp"; otpType: "COPY_CODE" | "ONE_TAP"; text: string }
  | { type: "mpm"; text: string }
  | { type: "catalog"; text: string }
  | { type: "spm"; text: string };

export interface LimitedTimeOffer {
  /** Offer text shown above the body (Gupshup `limitedOfferText`, Meta `limited_time_offer.text`), ≤ 16 chars. */
  text: string;
  /** Whether the offer shows a countdown; sends must then carry an absolute expiry. */
  hasExpiration: boolean;
}

/**
 * The part of a template that is compared between declaration and remote.
 * Normalisation rules (applied by config/ and providers/ alike, see docs/configuration.md):
 * - strings are NFC-normalised; body/footer/header have trailing whitespace on each line and
 *   leading/trailing blank lines removed, line endings are `\n`;
 * - buttons keep their declared order (order is visible to the user and is part of the template);
 * - absent optional parts are `undefined`, never empty strings; `buttons` and `bodyExamples` are
 *   always arrays (possibly empty).
 */
export interface TemplateContent {
  category: Category;
  kind: TemplateKind;
  /** Gupshup's free-text `vertical` label. */
  vertical: string;
  header?: Header;
  body: string;
  /** One example per body variable, in variable order. */
  bodyExamples: string[];
  footer?: string;
  buttons: Button[];
  lto?: LimitedTimeOffer;
  /** Lets Meta re-categorise the template (Gupshup `allowTemplateCategoryChange`). */
  allowCategoryChange: boolean;
}

/** Identity of a template: an app alias (from templates.yaml), the elementName and the language code. */
export interface TemplateKey {
  app: string;
  name: string;
  language: string;
}

export function templateKey(k: TemplateKey): string {
  return `${k.app}/${k.name}/${k.language}`;
}

/** Where something was declared: used in diagnostics (file:line:col). */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
}

/**
 * Test-send channels. `gupshup-v3` is the Partner API's Meta-format send (`/v3/message`): the only
 * documented way to send an LTO with its coupon through Gupshup, and the default for LTO templates.
 */
export type ChannelName = "gupshup-partner" | "gupshup-v3" | "gupshup" | "kaleyra-v1" | "kaleyra-v2";
export const CHANNEL_NAMES: readonly ChannelName[] = [
  "gupshup-partner",
  "gupshup-v3",
  "gupshup",
  "kaleyra-v1",
  "kaleyra-v2",
];

/** When a test-send offer expires: relative to the moment of sending, or an absolute instant. */
export type OfferExpiry = { kind: "duration"; ms: number } | { kind: "absolute"; epochMs: number };

/** The `test:` block of a template: what `waform verify` sends after approval. */
export interface TestSpec {
  /** Recipients, normalised to E.164 with a leading `+`. */
  destinations: string[];
  /** Body variable values, in order. */
  params: string[];
  /** Value of the text header's variable, if it has one. */
  headerParam?: string;
  /** Header media for the send; defaults to the header's example URL. */
  headerMedia?: { link?: string; id?: string };
  couponCode?: string;
  urlSuffix?: string;
  expiry?: OfferExpiry;
  /** Single-product sends: the product shown in the header. */
  product?: { catalogId: string; productRetailerId: string };
  /** Multi-product sends: sections of product retailer ids. */
  sections?: { title: string; productRetailerIds: string[] }[];
  /** Multi-product and catalog sends: the product used as thumbnail. */
  thumbnailProductRetailerId?: string;
  /** Overrides the app's channel for this template. */
  channel?: ChannelName;
}

/** A template as declared in templates.yaml, after defaults and normalisation. */
export interface DesiredTemplate extends TemplateKey, TemplateContent {
  /** Never delete or replace this template. */
  protect: boolean;
  test?: TestSpec;
  source: SourceRef;
}

/** A template as the provider holds it, mapped to the canonical shape. */
export interface RemoteTemplate extends TemplateKey, TemplateContent {
  /** The provider's id (Gupshup template UUID): used by edit, delete and sends. */
  id: string;
  /** Upper-cased provider status: PENDING, APPROVED, REJECTED, PAUSED, DISABLED, … (open set). */
  status: string;
  /** Rejection reason, when REJECTED. */
  reason?: string;
  /** Meta's template id, once known. */
  externalId?: string;
  /** Previous category when Meta re-categorised the template (verbatim: it may be a legacy one). */
  oldCategory?: string;
  /**
   * The category Meta says the template should have (`containerMeta.correctCategory`): Meta moves
   * it there on the 1st of the next month.
   */
  correctCategory?: string;
  createdOn?: number;
  modifiedOn?: number;
  /**
   * When the template was last edited, when the provider says it was edited at all. Gupshup's
   * `modifiedOn` also moves when Meta approves a template, so it alone does not prove an edit.
   */
  editedOn?: number;
}

/**
 * Why waform cannot manage a remote template. Such a row is listed (plan, drift, import) with the
 * reason and never updated, replaced or deleted: waform does not understand all of it, so any
 * write would change parts it cannot see.
 * - `unknown_category`: a legacy or missing category (`AUTO_REPLY`, `TRANSACTIONAL`, `OTP`, …);
 * - `unknown_type`: a template type waform does not model (`CAROUSEL`, anything new);
 * - `unknown_button`: a button type waform does not model (`FLOW`, …): an edit would drop it;
 * - `damaged_metadata`: `containerMeta` is not valid JSON, or its parts have the wrong shape;
 * - `missing_metadata`: no `containerMeta`, and the row shows parts (buttons) that only it holds.
 */
export const UNMANAGEABLE_REASONS = [
  "unknown_category",
  "unknown_type",
  "unknown_button",
  "damaged_metadata",
  "missing_metadata",
] as const;
export type UnmanageableReason = (typeof UNMANAGEABLE_REASONS)[number];

/** Values of a remote row kept verbatim, as the provider spelled them, because waform did not understand them. */
export interface RawRemoteValues {
  category?: string;
  templateType?: string;
  /** Only when the status needed more than upper-casing to read. */
  status?: string;
  /** Button types waform does not model. */
  buttonTypes?: string[];
}

/** A remote row waform can read the identity of, but cannot manage (see UNMANAGEABLE_REASONS). */
export interface UnmanageableTemplate extends TemplateKey {
  /** The provider's id. */
  id: string;
  /** Upper-cased provider status (open set), as for RemoteTemplate. */
  status: string;
  /** The status reason (rejection, failure), when the provider gives one. */
  reason?: string;
  /** Why waform cannot manage it, as a code and in words. */
  unmanageable: { reason: UnmanageableReason; detail: string };
  raw: RawRemoteValues;
  createdOn?: number;
  modifiedOn?: number;
}
