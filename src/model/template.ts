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
   * `example` is the sample media as a public URL (what the user declares, uploaded to a handle at
   * create time). On the remote side it is only known when the provider records the URL; when it
   * does not, it is undefined and not compared.
   */
  | { type: "image" | "video" | "document"; example?: string }
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

export type ChannelName = "gupshup-partner" | "gupshup" | "kaleyra-v1" | "kaleyra-v2";
export const CHANNEL_NAMES: readonly ChannelName[] = [
  "gupshup-partner",
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
  /** Previous category when Meta re-categorised the template. */
  oldCategory?: string;
  createdOn?: number;
  modifiedOn?: number;
  /**
   * When the template was last edited, when the provider says it was edited at all. Gupshup's
   * `modifiedOn` also moves when Meta approves a template, so it alone does not prove an edit.
   */
  editedOn?: number;
}
