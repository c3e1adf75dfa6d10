// The form fields each form endpoint documents (shared/reference/gupshup-partner-api.md and
// send-apis.md). A request with any other field is reported, and refused under `strict`: the
// sandbox holds clients to the documentation, not to its own leniency.

/** §3.2 (common fields), §3.5 (LTO), §3.6 (carousel `cards`). `mediaId`/`mediaUrl` are documented for edits and inside cards only. */
export const CREATE_FIELDS = [
  "elementName",
  "languageCode",
  "content",
  "category",
  "templateType",
  "vertical",
  "example",
  "enableSample",
  "header",
  "exampleHeader",
  "footer",
  "buttons",
  "exampleMedia",
  "allowTemplateCategoryChange",
  "parameterFormat",
  "messageValidity",
  "addSecurityRecommendation",
  "codeExpirationMinutes",
  "isCPR",
  "cards",
  "isLTO",
  "limitedOfferText",
  "hasExpiration",
] as const;

/** §4: the edit page's list. */
export const EDIT_FIELDS = [
  "content",
  "templateType",
  "example",
  "enableSample",
  "header",
  "footer",
  "buttons",
  "exampleMedia",
  "mediaId",
  "mediaUrl",
  "category",
  "exampleHeader",
] as const;

/** §6.1: the Partner API's `/template/msg`. */
export const PARTNER_SEND_FIELDS = [
  "source",
  "destination",
  "src.name",
  "template",
  "channel",
  "sandbox",
  "message",
  "postbackTexts",
] as const;

/** send-apis.md §4: the self-serve `/template/msg` (both paths). */
export const SELF_SERVE_SEND_FIELDS = [
  "channel",
  "source",
  "destination",
  "src.name",
  "template",
  "message",
  "postbackTexts",
] as const;
