// The diagnostic codes plan/ reports about the remote state (status, edit quota, name locks, …),
// documented like the configuration's rules. DUP-001 and NAME-004 are also plan codes; they are
// documented with the lint rules of the same id.

import type { RuleInfo } from "../model/rule-info.js";

export const PLAN_CODES: readonly RuleInfo[] = [
  {
    id: "PLAN-001",
    severity: "error",
    summary: "A declared template names an app that is not configured; it is left out of the plan.",
    why: "A declared template of an app that is not configured cannot be planned; it is left out rather than guessed.",
    example: "a plan made with a declaration whose template names an app missing from the plan's apps",
  },
  {
    id: "PLAN-002",
    severity: "error",
    summary: "A change would replace (delete) a `protect: true` template: blocked.",
    why: "`protect: true` promises the template is never deleted; a change that needs a replace is blocked instead.",
    example: "a protected template whose `limitedOfferText` changed (LTO fields force a replace)",
  },
  {
    id: "PLAN-003",
    severity: "warning",
    summary: "The remote lists the same (app, name, language) twice; the row with the lowest id is used.",
    why: "The remote listed one (app, name, language) twice; the plan uses one row (the lowest id) and says so.",
    example: "the Partner API lists `summer_sale` in `en_US` twice for one app",
  },
  {
    id: "PLAN-004",
    severity: "error",
    summary: "`--app` names an app that is not declared.",
    why: "`--app` must name a declared app; a typo would plan nothing and look like no changes.",
    example: "`waform plan --app shopp`",
  },
  {
    id: "PLAN-005",
    severity: "warning",
    summary: "A `--target` matches no declared or remote template.",
    why: "A `--target` that matches no template is a typo: the plan would be empty and look like no changes.",
    example: "`waform plan --target summer_sael`",
  },
  {
    id: "PLAN-006",
    severity: "info",
    summary: "A create has the same content as an undeclared remote template: it looks like a rename.",
    why: "A name cannot be edited: a rename is a create of the new name, reviewed by Meta again, and the old template stays unless the app prunes.",
    example:
      "`summer_sale` renamed to `summer_sale_2025` in templates.yaml while the remote still has `summer_sale` with the same content",
  },
  {
    id: "PLAN-007",
    severity: "error",
    summary:
      "A declaration names a remote template waform cannot manage (legacy category, unknown type or button, damaged or missing metadata): blocked.",
    why: "waform cannot tell what such a template holds, so any write would change parts it cannot see; it is listed and never changed (docs/accounts.md).",
    example:
      "a declared `legacy_auto_reply` where the remote row of that name has the 2021 category AUTO_REPLY",
  },
  {
    id: "REMOTE-001",
    severity: "warning",
    summary:
      "A row of the remote's template list has no name or no id: it is skipped, and the warning names its position.",
    why: "A row waform cannot name can be neither shown nor changed; one such row never fails the app, and the rest of the list is read.",
    example: "row 59 of an app's template list has an `elementName` but no `id`",
  },
  {
    id: "DEL-002",
    severity: "error",
    summary:
      "A replace would delete an APPROVED template, whose name Meta then locks for 30 days: blocked (a delete of one, or a replace of a PAUSED one, is a warning).",
    why: "After an APPROVED template is deleted, Meta locks its name for 30 days: a replace (delete, then create) would fail half-way.",
    example: "an APPROVED limited-time offer whose `limitedOfferText` changed (a replace)",
  },
  {
    id: "DEL-004",
    severity: "error",
    summary: "A DISABLED template cannot be deleted: blocked.",
    why: "Meta does not delete DISABLED templates; a prune would fail.",
    example: "an undeclared DISABLED template in an app with `prune: true`",
  },
  {
    id: "EDIT-001",
    severity: "error",
    summary:
      "Only APPROVED, REJECTED and PAUSED templates can be edited: a change to a PENDING, DISABLED, IN_APPEAL … template is blocked.",
    why: "Only APPROVED, REJECTED and PAUSED templates can be edited; a PENDING one is under review.",
    example: "a declared `footer` change while the remote template is PENDING",
  },
  {
    id: "EDIT-003",
    severity: "error",
    summary:
      "An APPROVED template already edited in the last 24 h cannot be edited again: blocked (every other edit of an APPROVED template is a warning).",
    why: "Meta allows one edit of an APPROVED template per 24 hours (10 per 30 days); an edit sends it back to review.",
    example: "a `body` change of an APPROVED template that the remote says was edited 3 hours ago",
  },
  {
    id: "EDIT-004",
    severity: "warning",
    summary: "A REJECTED template that matches the declaration is not resubmitted.",
    why: "REJECTED and PAUSED templates can be edited without limit; a REJECTED one that matches the declaration is not resubmitted.",
    example: "a REJECTED remote template identical to its declaration",
  },
  {
    id: "EDIT-005",
    severity: "info",
    summary: "An edited REJECTED or PAUSED template goes back to Meta's review.",
    why: "An edit replaces all components and sends the template back to Meta's review.",
    example: "a `body` change of a REJECTED template",
  },
  {
    id: "EDIT-006",
    severity: "info",
    summary:
      "A field Gupshup cannot edit: a replace (kind, location or product header, …), or ignored when it is only a label (vertical, allowCategoryChange).",
    why: "Gupshup can edit content, header, footer, buttons, examples and category only; other fields force a replace, and labels that cannot change are ignored.",
    example: "a `vertical` that differs from the remote's (ignored), or a `kind` change (replace)",
  },
  {
    id: "CATG-002",
    severity: "info",
    summary:
      "Meta re-categorised the template (`oldCategory` is set), or says it will on the 1st of next month (`correctCategory`).",
    why: "With `allowCategoryChange`, Meta may re-categorise a template; the remote then differs from the declaration.",
    example: "the remote template's `oldCategory` is MARKETING and its category UTILITY",
  },
  {
    id: "CATG-003",
    severity: "error",
    summary: "The category of an APPROVED template cannot change: blocked.",
    why: "The category of an APPROVED template cannot be edited; only a new template can have another category.",
    example: "a declared `category: MARKETING` for an APPROVED UTILITY template",
  },
  {
    id: "LTO-013",
    severity: "info",
    summary:
      "A change of LTO fields (offer text, hasExpiration) is a replace: deleted, then created again and reviewed.",
    why: "LTO fields (`isLTO`, offer text, `hasExpiration`) are not in Gupshup's edit list: changing them is a replace.",
    example: "a REJECTED limited-time offer whose `hasExpiration` changed",
  },
  {
    id: "QTA-001",
    severity: "warning",
    summary:
      "More than 100 creations (creates and replaces) for one app: Meta accepts 100 per WABA per hour.",
    why: "Meta accepts 100 template creations per WABA per hour; the rest of an apply would fail.",
    example: "a plan with 101 creates for one app",
  },
];
