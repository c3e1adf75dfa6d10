// Diagnostic codes raised while reading and building the declaration (before the lint rules run).
// Some carry ids from meta-template-rules.md: they are about something *missing* in the YAML, which
// the canonical template can no longer tell apart from a default. The lint rules in rules/ carry
// their own metadata (a few of them, e.g. BODY-001, are also raised here); catalog.ts lists both.

import type { RuleInfo } from "../model/rule-info.js";

export type { RuleInfo } from "../model/rule-info.js";

export const CONFIG_CODES = {
  "FILE-001": {
    severity: "error",
    summary: "A file or directory given with -f does not exist.",
    why: "waform reads exactly the files it is given; a missing one is a typo or a wrong working directory, never an empty declaration.",
    example: "`waform validate -f templats.yaml` (the file is templates.yaml)",
  },
  "FILE-002": {
    severity: "error",
    summary:
      "A file cannot be read (permissions, not a regular file), or a link in a -f directory leads outside the working directory.",
    why: "A file waform cannot read would silently drop its templates from the plan, and with `prune` delete them remotely; a link out of the working directory would let a committed symlink make CI read a file of the machine.",
    example:
      "`waform validate -f secrets/` where the directory is not readable, or a link `x.yaml -> ~/.config/gh/hosts.yml` in the directory",
  },
  "FILE-003": {
    severity: "error",
    summary: "A directory given with -f contains no *.yaml or *.yml file (dot-files are not read).",
    why: "A directory with no YAML in it is almost surely the wrong directory: planning it would plan no templates at all.",
    example: "`waform validate -f templates/` where templates/ holds only README.md and .backup.yaml",
  },
  "FILE-004": {
    severity: "error",
    summary: "A file is larger than 64 MiB: refused before it is read (a resource-exhaustion guard).",
    why: "No real declaration comes near 64 MiB; reading a huge file would exhaust memory before any rule could run.",
    example: "`waform validate -f huge.yaml` where huge.yaml is 100 MB",
  },
  "YAML-SYNTAX": {
    severity: "error",
    summary: "The file is not valid YAML (only the first syntax error of a file is reported).",
    why: "A file that does not parse cannot be planned; later errors are usually echoes of the first, so only that one is shown.",
    example: 'version: 1\ntemplates:\n  - name: summer_sale\n    body: "Hi {{1}}, welcome\n',
  },
  "YAML-DUPKEY": {
    severity: "error",
    summary: "A mapping has the same key twice.",
    why: "YAML parsers keep one of two equal keys silently; which body was meant is a guess waform does not make.",
    example:
      "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  body: Our summer sale starts tomorrow in every store.",
  },
  "YAML-UNICODE": {
    severity: "error",
    summary: "Text holds a lone surrogate (e.g. `\\uD800`): not a character, so it cannot be sent.",
    why: "A lone surrogate is not a character: the API would reject the text or store something else than what was reviewed.",
    example: '- name: summer_sale\n  body: "Our summer sale \\uD800 starts today in every store."',
  },
  "YAML-DEPTH": {
    severity: "error",
    summary:
      "Nesting deeper than 64 levels (indentation levels and `[`/`{` brackets): refused before parsing (a resource-exhaustion guard).",
    why: "A templates file is a few levels deep; thousands of levels only serve to exhaust the parser's stack and memory.",
    example:
      "templates: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
  },
  "YAML-ALIAS": {
    severity: "error",
    summary: "Too many alias expansions (`*anchor`, more than 100 per file): a resource-exhaustion guard.",
    why: 'Aliases can expand exponentially (a "billion laughs" file); waform stops at 100 expansions per file instead of exhausting memory.',
    example: "a file whose anchors refer to each other ten levels deep: `a: &a [x, x]`, `b: &b [*a, *a]`, …",
  },
  SCHEMA: {
    severity: "error",
    summary: "The file does not match schemas/templates.schema.json: unknown key, wrong type, missing key.",
    why: "The structure is checked before any rule, so a misspelt key is reported instead of silently ignored (and the template planned without it).",
    example:
      "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  fotter: Reply STOP to opt out",
  },
  "SECRET-001": {
    severity: "error",
    summary:
      "A key that looks like a credential (token, apiKey, password, …): secrets come from the environment.",
    why: "templates.yaml is committed and reviewed in pull requests; a credential in it would leak. waform reads credentials from the environment only.",
    example:
      "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  apiKey: sk_live_0123456789",
  },
  "CFG-001": {
    severity: "error",
    summary: "A template (or `defaults.app`) names an app that is not declared.",
    why: "A template is created in the app it names; an undeclared alias has no app id to send it to.",
    example: "- name: summer_sale\n  app: shopp\n  body: Our summer sale starts today in every store.",
  },
  "CFG-002": {
    severity: "error",
    summary: "A template has no app, and there is no default app to use.",
    why: "With several apps and no `defaults.app`, waform cannot guess which app a template belongs to.",
    example:
      'version: 1\napps:\n  shop: { appId: a41b30f4-d202-4fdb-911e-3a8fbfbfb797, appName: shopapp, source: "+918929874278" }\n  care: { appId: 6f1d2c8e-3b7a-4e0f-9c51-2d84a7b9e310, appName: carepharmacy, source: "+918929874279" }\ndefaults: { language: en_US, category: MARKETING, vertical: promotions }\ntemplates:\n  - name: summer_sale\n    body: Our summer sale starts today in every store.',
  },
  "CFG-003": {
    severity: "error",
    summary: "The same app alias is declared in two files.",
    why: "Two files declaring the same alias would give one alias two app ids; which templates go where would depend on file order.",
    example: "`waform plan -f shop.yaml -f more.yaml` where both files declare `apps: { shop: … }`",
  },
  "CFG-004": {
    severity: "error",
    summary: "A template has no `vertical` and there is no default.",
    why: "Gupshup requires a `vertical` label on every template; without it the create call is refused.",
    example:
      'version: 1\napps:\n  shop: { appId: a41b30f4-d202-4fdb-911e-3a8fbfbfb797, appName: shopapp, source: "+918929874278" }\ndefaults: { language: en_US, category: MARKETING }\ntemplates:\n  - name: summer_sale\n    body: Our summer sale starts today in every store.',
  },
  "CFG-005": {
    severity: "error",
    summary: "A phone number is not a number with country code.",
    why: "Senders and test recipients must be full international numbers; a local number is sent to the wrong country or refused.",
    example:
      '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  test: { destinations: ["080 4567 8900"] }',
  },
  "CFG-006": {
    severity: "error",
    summary: "A test expiry is not a valid duration or time, or both `expiresIn` and `expiresAt` are set.",
    why: "An offer expiry that cannot be read, or is given twice, would send a countdown nobody chose.",
    example:
      '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  hasExpiration: true\n  buttons:\n    - { type: copy_code, example: SUMMER25 }\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }\n  test: { destinations: ["+919999900001"], expiresIn: 14d, expiresAt: "2030-01-01T00:00:00Z" }',
  },
  "CFG-007": {
    severity: "error",
    summary:
      "A field, header or button of another kind (e.g. `limitedOfferText` without `kind: lto`); a test field of another kind is a warning.",
    why: "A field of another kind is never sent (a standard template has no offer text), so declaring it means the template is not what its author thinks.",
    example:
      "- name: summer_sale\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal",
  },
  "CFG-008": {
    severity: "error",
    summary: "Two files set the same default to different values.",
    why: "Defaults split across files must agree, or a template's language or category would depend on which file was read last.",
    example:
      "`-f a.yaml -f b.yaml` where a.yaml says `defaults: { language: en_US }` and b.yaml `defaults: { language: en_GB }`",
  },
  "LANG-001": {
    severity: "error",
    summary: "Language must be set explicitly (in the template or in defaults).",
    why: "Gupshup silently defaults a missing language to en_US; a Hindi template would be created as English.",
    example:
      'version: 1\napps:\n  shop: { appId: a41b30f4-d202-4fdb-911e-3a8fbfbfb797, appName: shopapp, source: "+918929874278" }\ndefaults: { category: MARKETING, vertical: promotions }\ntemplates:\n  - name: summer_sale\n    body: Our summer sale starts today in every store.',
  },
  "CATG-001": {
    severity: "error",
    summary: "Category is set, and is one of AUTHENTICATION, MARKETING, UTILITY.",
    why: 'Meta prices and reviews templates by category, and Gupshup refuses any other value ("Invalid category provided").',
    example:
      "- name: summer_sale\n  category: PROMOTIONAL\n  body: Our summer sale starts today in every store.",
  },
  "LTO-005": {
    severity: "error",
    summary: "An LTO declares `hasExpiration` explicitly as true or false.",
    why: "Meta treats `has_expiration` as optional but Gupshup requires it; declaring it keeps the countdown a deliberate choice.",
    example:
      '- name: summer_sale\n  kind: lto\n  body: Our summer sale starts today in every store.\n  limitedOfferText: Summer deal\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/sale" }',
  },
  "BTN-010": {
    severity: "warning",
    summary: "A URL button example is a full URL: waform keeps only the value of the trailing variable.",
    why: "Gupshup pages disagree on the URL example's form; waform sends the variable's value only, so a full URL is cut down to it (check the result).",
    example:
      '- name: summer_sale\n  body: Our summer sale starts today in every store.\n  buttons:\n    - { type: url, text: Shop now, url: "https://shop.example.com/s/{{1}}", example: "https://shop.example.com/s/summer" }',
  },
} as const satisfies Record<string, Omit<RuleInfo, "id">>;

export type ConfigCode = keyof typeof CONFIG_CODES;
