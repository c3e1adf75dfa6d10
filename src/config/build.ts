// Raw YAML template + defaults -> canonical DesiredTemplate. This is where defaults are applied and
// text is normalised (see docs/configuration.md, "Normalisation"), and where the checks live that
// need to see what the user actually wrote rather than the canonical result (a missing language
// and a missing `hasExpiration` look like defaults once canonical).

import type { AppConfig } from "../model/app.js";
import type { Diagnostic, Severity } from "../model/diagnostic.js";
import { parseDuration } from "../model/duration.js";
import { normalizeLine, normalizeOptionalText, normalizeText } from "../model/normalize.js";
import { normalizePhone } from "../model/phone.js";
import type {
  Button,
  Category,
  DesiredTemplate,
  Header,
  LimitedTimeOffer,
  OfferExpiry,
  TemplateKind,
  TestSpec,
} from "../model/template.js";
import { parseAbsoluteTime } from "./absolute-time.js";
import { severityOf } from "./catalog.js";
import { scanPlaceholders } from "./placeholders.js";
import type { RawButton, RawDefaults, RawHeader, RawTemplate, RawTest } from "./raw.js";
import type { Path, SourceFile } from "./source.js";

/** Labels of the one button of product kinds, as Gupshup creates them. */
export const DEFAULT_BUTTON_TEXT = { mpm: "View items", catalog: "View catalog", spm: "View" } as const;
const DEFAULT_BUTTONS: Partial<Record<TemplateKind, Button[]>> = {
  multi_product: [{ type: "mpm", text: DEFAULT_BUTTON_TEXT.mpm }],
  catalog: [{ type: "catalog", text: DEFAULT_BUTTON_TEXT.catalog }],
  single_product: [{ type: "spm", text: DEFAULT_BUTTON_TEXT.spm }],
};

export interface BuildContext {
  apps: ReadonlyMap<string, AppConfig>;
  /** Apps declared with a structural error: templates naming them are not reported as unknown. */
  brokenApps: ReadonlySet<string>;
  /** Defaults merged from all files (conflicts already reported). */
  defaults: RawDefaults;
  /** `defaults.testDestinations`, normalised (invalid entries already reported). */
  testDestinations: string[];
}

export interface Built {
  /** Undefined when the template cannot be formed at all (no category). */
  template?: DesiredTemplate;
  /** False when identity fields are missing: the template is linted but left out of the declaration. */
  complete: boolean;
  diagnostics: Diagnostic[];
}

type Report = (code: string, path: Path, message: string, hint?: string, severity?: Severity) => void;

export function buildTemplate(raw: RawTemplate, source: SourceFile, base: Path, ctx: BuildContext): Built {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, path, message, hint, severity) => {
    const d: Diagnostic = {
      severity: severity ?? severityOf(code),
      code,
      message,
      ...source.locate([...base, ...path]),
    };
    if (hint) d.hint = hint;
    diagnostics.push(d);
  };
  const { defaults } = ctx;
  const { app, language, complete: identified } = resolveIdentity(raw, ctx, report);
  let complete = identified;
  const category: Category | undefined = raw.category ?? defaults.category;
  if (category === undefined) {
    report(
      "CATG-001",
      [],
      "template has no category",
      "add `category:` MARKETING, UTILITY or AUTHENTICATION",
    );
    return { complete: false, diagnostics };
  }
  const vertical = normalizeLine(raw.vertical ?? defaults.vertical ?? "");
  if (vertical === "") {
    complete = false;
    report(
      "CFG-004",
      raw.vertical === undefined ? [] : ["vertical"],
      "template has no vertical",
      "add `vertical:` (a label such as promotions) or set `defaults.vertical`",
    );
  }

  const kind: TemplateKind = raw.kind ?? "standard";
  const header = buildHeader(raw, kind, report);
  const bodyExamples = (raw.examples?.body ?? []).map(normalizeLine);
  const buttons =
    raw.buttons === undefined
      ? (DEFAULT_BUTTONS[kind]?.map((b) => ({ ...b })) ?? [])
      : raw.buttons.map((b, i) => buildButton(b, i, report));
  const lto = buildLto(raw, kind, report);

  // built without `undefined` keys (absent parts are absent, so deep equality and JSON agree), in
  // the order templates have always had their keys; not copied and not cleaned with `delete`
  // afterwards, which would leave every template a slow dictionary-mode object
  const template = {
    app: app ?? "",
    name: raw.name,
    language: language ?? "",
    category,
    kind,
    vertical,
  } as DesiredTemplate;
  if (header !== undefined) template.header = header;
  template.body = normalizeText(raw.body);
  template.bodyExamples = bodyExamples;
  const footer = normalizeOptionalText(raw.footer);
  if (footer !== undefined) template.footer = footer;
  template.buttons = buttons;
  if (lto !== undefined) template.lto = lto;
  template.allowCategoryChange = raw.allowCategoryChange ?? defaults.allowCategoryChange ?? false;
  template.protect = raw.protect ?? false;
  template.source = source.locate(base);
  if (raw.test) template.test = buildTest(raw.test, template, raw.examples?.header, ctx, report);
  if (complete)
    for (const d of diagnostics) d.template = `${template.app}/${template.name}/${template.language}`;
  return { template, complete, diagnostics };
}

/**
 * Which app and language the template belongs to, from the template or the defaults. Without
 * them it is still checked, but not complete: it is left out of the declaration.
 */
function resolveIdentity(
  raw: RawTemplate,
  ctx: BuildContext,
  report: Report,
): { app?: string; language?: string; complete: boolean } {
  let complete = true;
  const app = raw.app ?? ctx.defaults.app ?? onlyApp(ctx);
  if (app === undefined) {
    complete = false;
    report(
      "CFG-002",
      [],
      "template has no app",
      `add \`app:\` (declared apps: ${[...ctx.apps.keys()].join(", ") || "none"}) or set \`defaults.app\``,
    );
  } else if (raw.app !== undefined && !ctx.apps.has(app)) {
    complete = false;
    if (!ctx.brokenApps.has(app)) {
      report(
        "CFG-001",
        ["app"],
        `unknown app ${JSON.stringify(app)}`,
        `declared apps: ${[...ctx.apps.keys()].join(", ") || "none"}`,
      );
    }
  } else if (!ctx.apps.has(app)) {
    complete = false; // a bad defaults.app is reported once, where it is declared
  }

  const language = raw.language ?? ctx.defaults.language;
  if (language === undefined) {
    complete = false;
    report("LANG-001", [], "template has no language", "add `language: en_US` (or set `defaults.language`)");
  }
  return { app, language, complete };
}

function onlyApp(ctx: BuildContext): string | undefined {
  return ctx.apps.size === 1 && ctx.brokenApps.size === 0 ? [...ctx.apps.keys()][0] : undefined;
}

function buildHeader(raw: RawTemplate, kind: TemplateKind, report: Report): Header | undefined {
  const h: RawHeader | undefined =
    raw.header ?? (kind === "single_product" ? { type: "product" } : undefined);
  const exampleValue = raw.examples?.header === undefined ? undefined : normalizeLine(raw.examples.header);
  if (h?.type !== "text" && exampleValue !== undefined) {
    report(
      "HDR-003",
      ["examples", "header"],
      "`examples.header` is set but there is no text header",
      "remove `examples.header`",
    );
  }
  if (!h) return undefined;
  switch (h.type) {
    case "text": {
      const text = normalizeText(h.text);
      const header: Header = { type: "text", text };
      if (exampleValue !== undefined && exampleValue !== "") {
        // canonical form is the header with its variable substituted (Gupshup `exampleHeader`)
        const hasVariable = scanPlaceholders(text).some((p) => p.kind === "positional");
        header.example = hasVariable ? text.replace(/\{\{1\}\}/g, exampleValue) : exampleValue;
      }
      return header;
    }
    case "image":
    case "video":
    case "document": {
      const example = h.example === undefined ? undefined : normalizeLine(h.example);
      const handle = h.handle === undefined ? undefined : normalizeLine(h.handle);
      return {
        type: h.type,
        ...(example ? { example } : {}),
        ...(handle ? { handle } : {}),
      };
    }
    default:
      return { type: h.type };
  }
}

function buildButton(b: RawButton, index: number, report: Report): Button {
  switch (b.type) {
    case "quick_reply":
      return { type: "quick_reply", text: normalizeLine(b.text) };
    case "url": {
      const url = normalizeLine(b.url);
      const button: Button = { type: "url", text: normalizeLine(b.text), url };
      if (b.example !== undefined)
        button.example = urlExampleValue(url, normalizeLine(b.example), index, report);
      return button;
    }
    case "phone_number": {
      const raw = typeof b.phoneNumber === "number" ? String(b.phoneNumber) : normalizeLine(b.phoneNumber);
      // an unparseable number is kept as written: BTN-008 reports it
      return { type: "phone_number", text: normalizeLine(b.text), phoneNumber: normalizePhone(raw) ?? raw };
    }
    case "copy_code":
      return { type: "copy_code", example: normalizeLine(b.example) };
    case "otp":
      return { type: "otp", otpType: b.otpType, text: normalizeLine(b.text) };
    default:
      return { type: b.type, text: normalizeLine(b.text ?? DEFAULT_BUTTON_TEXT[b.type]) };
  }
}

/** The URL example is the variable's value; a full URL is cut down to it (BTN-010). */
function urlExampleValue(url: string, example: string, index: number, report: Report): string {
  const variable = scanPlaceholders(url).find((p) => p.kind === "positional");
  const prefix = variable ? url.slice(0, variable.offset) : "";
  if (prefix !== "" && example.startsWith(prefix) && example.length > prefix.length) {
    const value = example.slice(prefix.length);
    report(
      "BTN-010",
      ["buttons", index, "example"],
      `URL example is a full URL; waform keeps only the value of {{1}}: ${JSON.stringify(value)}`,
      `write \`example: ${value}\``,
    );
    return value;
  }
  if (/^https?:\/\//.test(example)) {
    report(
      "BTN-010",
      ["buttons", index, "example"],
      "URL example looks like a full URL; it should be only the value of the URL's {{1}}",
    );
  }
  return example;
}

function buildLto(raw: RawTemplate, kind: TemplateKind, report: Report): LimitedTimeOffer | undefined {
  if (kind !== "lto") {
    for (const key of ["limitedOfferText", "hasExpiration"] as const) {
      if (raw[key] !== undefined) {
        report(
          "CFG-007",
          [key],
          `\`${key}\` is only for limited-time offers`,
          "set `kind: lto`, or remove it",
        );
      }
    }
    return undefined;
  }
  if (raw.hasExpiration === undefined) {
    report(
      "LTO-005",
      [],
      "limited-time offer does not say whether it expires",
      "add `hasExpiration: true` (countdown, needs a copy_code button) or `hasExpiration: false`",
    );
  }
  return { text: normalizeLine(raw.limitedOfferText ?? ""), hasExpiration: raw.hasExpiration ?? false };
}

function buildTest(
  raw: RawTest,
  t: DesiredTemplate,
  headerExample: string | undefined,
  ctx: BuildContext,
  report: Report,
): TestSpec {
  const destinations: string[] = [];
  if (raw.destinations) {
    raw.destinations.forEach((d, i) => {
      const phone = normalizePhone(d);
      if (phone) destinations.push(phone);
      else
        report(
          "CFG-005",
          ["test", "destinations", i],
          "destination is not a phone number with country code",
          'write it as "+919999900001"',
        );
    });
  } else {
    destinations.push(...ctx.testDestinations);
  }
  const spec: TestSpec = {
    destinations,
    params: raw.params ? raw.params.map(normalizeLine) : [...t.bodyExamples],
  };
  const headerHasVariable =
    t.header?.type === "text" && scanPlaceholders(t.header.text).some((p) => p.kind === "positional");
  const headerParam = raw.headerParam ?? (headerHasVariable ? headerExample : undefined);
  if (headerParam !== undefined) spec.headerParam = normalizeLine(headerParam);
  if (raw.headerMedia) {
    spec.headerMedia = {};
    if (raw.headerMedia.link !== undefined) spec.headerMedia.link = normalizeLine(raw.headerMedia.link);
    if (raw.headerMedia.id !== undefined) spec.headerMedia.id = normalizeLine(raw.headerMedia.id);
  } else if (t.header && "example" in t.header && t.header.type !== "text" && t.header.example) {
    spec.headerMedia = { link: t.header.example };
  }
  const coupon = raw.couponCode ?? t.buttons.find((b) => b.type === "copy_code")?.example;
  if (coupon !== undefined) spec.couponCode = normalizeLine(coupon);
  const suffix = raw.urlSuffix ?? firstUrlExample(t.buttons);
  if (suffix !== undefined) spec.urlSuffix = normalizeLine(suffix);
  const expiry = buildExpiry(raw, report);
  if (expiry) spec.expiry = expiry;
  if (raw.product) {
    spec.product = {
      catalogId: normalizeLine(raw.product.catalogId),
      productRetailerId: normalizeLine(raw.product.productRetailerId),
    };
  }
  if (raw.sections) {
    spec.sections = raw.sections.map((s) => ({
      title: normalizeLine(s.title ?? ""),
      productRetailerIds: s.productRetailerIds.map(normalizeLine),
    }));
  }
  if (raw.thumbnailProductRetailerId !== undefined) {
    spec.thumbnailProductRetailerId = normalizeLine(raw.thumbnailProductRetailerId);
  }
  if (raw.channel) spec.channel = raw.channel;
  return spec;
}

function firstUrlExample(buttons: readonly Button[]): string | undefined {
  for (const b of buttons) {
    if (
      b.type === "url" &&
      b.example !== undefined &&
      scanPlaceholders(b.url).some((p) => p.kind === "positional")
    ) {
      return b.example;
    }
  }
  return undefined;
}

function buildExpiry(raw: RawTest, report: Report): OfferExpiry | undefined {
  if (raw.expiresIn !== undefined && raw.expiresAt !== undefined) {
    report("CFG-006", ["test", "expiresAt"], "set either expiresIn or expiresAt, not both");
    return undefined;
  }
  if (raw.expiresIn !== undefined) {
    const ms = parseDuration(raw.expiresIn);
    if (ms === undefined || ms <= 0) {
      report(
        "CFG-006",
        ["test", "expiresIn"],
        `expiresIn must be a positive duration, not ${JSON.stringify(raw.expiresIn)}`,
        "e.g. 14d, 36h, 90m",
      );
      return undefined;
    }
    return { kind: "duration", ms };
  }
  if (raw.expiresAt !== undefined) {
    const at = parseAbsoluteTime(raw.expiresAt);
    if (!at.ok) {
      report(
        "CFG-006",
        ["test", "expiresAt"],
        `invalid expiresAt ${JSON.stringify(raw.expiresAt)}: ${at.reason}`,
      );
      return undefined;
    }
    return { kind: "absolute", epochMs: at.epochMs };
  }
  return undefined;
}
