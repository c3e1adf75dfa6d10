// The values of one test send, in Meta's terms (send-apis.md §1, §8), collected once from the
// canonical template and its test block and checked before any provider shape is built. Each
// channel then only maps these values to its wire form.

import { UserError } from "../../model/errors.js";
import { templateKey } from "../../model/template.js";
import { resolveOfferExpiry } from "./expiry.js";
import type { PayloadInput } from "./input.js";
import { isPositional, substitute, variableNames } from "./variables.js";

export const MAX_COUPON_LENGTH = 15;
export const MAX_URL_LENGTH = 2000;
export const MAX_MPM_SECTIONS = 10;
export const MAX_MPM_PRODUCTS = 30;

export type MediaKind = "image" | "video" | "document";

export type HeaderValue =
  | { type: "text"; param: string }
  | { type: MediaKind; link?: string; id?: string }
  | { type: "product"; catalogId: string; productRetailerId: string };

export interface BodyValue {
  /** The variable's name: `1`, `2`, … or a named parameter. */
  name: string;
  value: string;
}

export interface MpmSection {
  title?: string;
  productRetailerIds: string[];
}

/** A button that carries a value at send time; `index` is its position among the template's buttons. */
export type ButtonValue =
  | { type: "copy_code"; index: number; couponCode: string }
  | { type: "url"; index: number; suffix: string }
  | { type: "mpm"; index: number; thumbnailProductRetailerId: string; sections: MpmSection[] }
  | { type: "catalog"; index: number; thumbnailProductRetailerId?: string };

export interface SendValues {
  /** `app/name/language`, for messages. */
  key: string;
  header?: HeaderValue;
  body: BodyValue[];
  /** True when the body uses named variables (`{{first_name}}`): Meta then wants `parameter_name`. */
  namedBody: boolean;
  /** Absolute epoch ms; present exactly when the offer has an expiration. */
  expirationMs?: number;
  buttons: ButtonValue[];
}

/**
 * Collects and checks the send values. Test values fall back to the template's own examples
 * (body examples, copy-code example, URL example, header example media), so a minimal test block
 * with only destinations can be sent.
 */
export function collectSendValues(input: PayloadInput): SendValues {
  const { template, test } = input;
  const key = templateKey(template);
  const fail: Fail = (message, hint) => {
    throw new UserError(`${key}: ${message}`, hint);
  };

  const header = headerValue(input, fail);

  const names = variableNames(template.body);
  const body = bodyValues(input, names, fail);

  const expirationMs = template.lto?.hasExpiration
    ? resolveOfferExpiry(test.expiry, input.now, key)
    : undefined;

  const buttons = buttonValues(input, fail);

  return {
    key,
    ...(header && { header }),
    body,
    namedBody: names.some((n) => !isPositional(n)),
    ...(expirationMs !== undefined && { expirationMs }),
    buttons,
  };
}

type Fail = (message: string, hint?: string) => never;

/** One value per body variable: test.params, else the declared examples; none may be empty. */
function bodyValues(input: PayloadInput, names: string[], fail: Fail): BodyValue[] {
  const { template, test } = input;
  const values = test.params.length > 0 ? test.params : template.bodyExamples;
  if (values.length !== names.length) {
    fail(
      `the body has ${names.length} variable(s) but the test block gives ${values.length} value(s)`,
      "set test.params to one value per body variable, in order",
    );
  }
  values.forEach((v, i) => {
    if (v.trim() === "") fail(`test.params[${i}] is empty; WhatsApp refuses empty parameters`);
  });
  return names.map((name, i) => ({ name, value: values[i]! }));
}

/** What each button needs at send time (coupon code, URL suffix, products); most need nothing. */
function buttonValues(input: PayloadInput, fail: Fail): ButtonValue[] {
  const { template, test } = input;
  const buttons: ButtonValue[] = [];
  template.buttons.forEach((button, index) => {
    switch (button.type) {
      case "copy_code": {
        const couponCode = test.couponCode ?? button.example;
        if (!couponCode) fail("the copy-code button needs a coupon code; set test.couponCode");
        if (couponCode.length > MAX_COUPON_LENGTH) {
          fail(
            `the coupon code ${JSON.stringify(couponCode)} is longer than ${MAX_COUPON_LENGTH} characters`,
          );
        }
        buttons.push({ type: "copy_code", index, couponCode });
        return;
      }
      case "url": {
        if (variableNames(button.url).length === 0) return;
        const suffix = test.urlSuffix ?? button.example;
        if (!suffix) fail(`the URL button "${button.text}" has a variable; set test.urlSuffix`);
        const full = substitute(button.url, suffix);
        if (full.length > MAX_URL_LENGTH) {
          fail(
            `the URL with test.urlSuffix is ${full.length} characters, over the limit of ${MAX_URL_LENGTH}`,
          );
        }
        buttons.push({ type: "url", index, suffix });
        return;
      }
      case "mpm": {
        buttons.push({ type: "mpm", index, ...mpmValue(input, fail) });
        return;
      }
      case "catalog": {
        const thumbnail = test.thumbnailProductRetailerId;
        buttons.push({ type: "catalog", index, ...(thumbnail && { thumbnailProductRetailerId: thumbnail }) });
        return;
      }
      case "otp":
        fail("authentication (OTP) templates are not test-sent by waform");
        return;
      default:
        // quick replies, phone numbers and the SPM "View" button carry nothing at send time
        return;
    }
  });
  return buttons;
}

function headerValue(input: PayloadInput, fail: Fail): HeaderValue | undefined {
  const { header } = input.template;
  const { test } = input;
  if (test.product && header?.type !== "product") {
    fail("test.product is only for single-product templates (product header)");
  }
  if (!header) return undefined;
  switch (header.type) {
    case "text": {
      const vars = variableNames(header.text);
      if (vars.length === 0) {
        if (test.headerParam !== undefined) fail("test.headerParam is set but the header has no variable");
        return undefined;
      }
      if (test.headerParam === undefined || test.headerParam.trim() === "") {
        fail("the header has a variable; set test.headerParam");
      }
      return { type: "text", param: test.headerParam! };
    }
    case "image":
    case "video":
    case "document": {
      const media = test.headerMedia ?? (header.example ? { link: header.example } : undefined);
      if (!media || (!media.link && !media.id)) {
        fail(`the ${header.type} header needs media; set test.headerMedia.link or .id`);
      }
      if (media!.link !== undefined && !/^https?:\/\/\S+$/.test(media!.link)) {
        fail(`test.headerMedia.link must be an http(s) URL, got ${JSON.stringify(media!.link)}`);
      }
      return {
        type: header.type,
        ...(media!.link && { link: media!.link }),
        ...(media!.id && { id: media!.id }),
      };
    }
    case "product": {
      const product = test.product;
      if (!product) fail("a single-product template needs test.product (catalogId and productRetailerId)");
      // Seed 004 types product_retailer_id as Integer; ids are strings (decision #8)
      const catalogId = String(product!.catalogId).trim();
      const productRetailerId = String(product!.productRetailerId).trim();
      if (!catalogId || !productRetailerId) fail("test.product needs both catalogId and productRetailerId");
      return { type: "product", catalogId, productRetailerId };
    }
    case "location":
      return fail("templates with a location header are not test-sent by waform");
  }
}

function mpmValue(
  input: PayloadInput,
  fail: Fail,
): { thumbnailProductRetailerId: string; sections: MpmSection[] } {
  const sections = input.test.sections ?? [];
  if (sections.length === 0 || sections.length > MAX_MPM_SECTIONS) {
    fail(
      `a multi-product send needs 1 to ${MAX_MPM_SECTIONS} sections in test.sections, got ${sections.length}`,
    );
  }
  const total = sections.reduce((n, s) => n + s.productRetailerIds.length, 0);
  if (total > MAX_MPM_PRODUCTS)
    fail(`a multi-product send holds at most ${MAX_MPM_PRODUCTS} products, got ${total}`);
  sections.forEach((s, i) => {
    if (s.productRetailerIds.length === 0) fail(`test.sections[${i}] has no products`);
    if (sections.length > 1 && !s.title?.trim())
      fail(`test.sections[${i}] needs a title when there are several sections`);
  });
  const thumbnail = input.test.thumbnailProductRetailerId ?? sections[0]!.productRetailerIds[0]!;
  return {
    thumbnailProductRetailerId: String(thumbnail),
    sections: sections.map((s) => ({
      ...(s.title?.trim() && { title: s.title.trim() }),
      productRetailerIds: s.productRetailerIds.map(String),
    })),
  };
}
