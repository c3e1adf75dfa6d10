// One template drawn as WhatsApp shows the received message: the header (text, or a placeholder
// for its media: nothing is fetched), the limited-time-offer card, the body with its examples,
// the footer, and the buttons under the bubble. Every text is escaped (preview-format.ts).

import { plural } from "../model/plural.js";
import type { Button, Header, TemplateContent, TestSpec } from "../model/template.js";
import {
  directionOf,
  escapeHtml,
  fileNameOf,
  formattedText,
  headerVariableValue,
  safeHref,
} from "./preview-format.js";

export interface PreviewMessage extends TemplateContent {
  language: string;
  test?: TestSpec;
}

export interface MessageOptions {
  /** Epoch ms the offer countdown counts from. */
  now: number;
}

const ICONS = {
  image:
    '<path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 11 4-5 3 4 2-2 4 3H5zm11-7a2 2 0 1 0 0 .01z"/>',
  video: '<path d="M8 5.5v13l11-6.5z"/>',
  document: '<path d="M6 2h8l5 5v15H6zm7 1v5h5"/>',
  location:
    '<path d="M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"/>',
  product: '<path d="M7 4h10l3 5v11H4V9zm-1 5h12M9 13h6"/>',
  copy: '<path d="M8 8h11v12H8zM5 4h11v3H7v10H5z"/>',
  url: '<path d="M14 4h6v6h-2V7.4l-7.3 7.3-1.4-1.4L16.6 6H14zM5 6h6v2H6v10h10v-5h2v7H4V6z"/>',
  phone:
    '<path d="M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"/>',
  reply: '<path d="M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z"/>',
  list: '<path d="M4 6h2v2H4zm4 0h12v2H8zm-4 5h2v2H4zm4 0h12v2H8zm-4 5h2v2H4zm4 0h12v2H8z"/>',
  shop: '<path d="M4 4h16l1 5a3 3 0 0 1-5 2 3 3 0 0 1-4 0 3 3 0 0 1-4 0 3 3 0 0 1-5-2zm1 8.5V20h14v-7.5"/>',
  tag: '<path d="M3 3h8l10 10-8 8L3 11zm4 2.5A1.5 1.5 0 1 0 7 8.5a1.5 1.5 0 0 0 0-3z"/>',
} as const;

function icon(name: keyof typeof ICONS): string {
  return `<svg class="icon" viewBox="0 0 24 24" aria-hidden="true">${ICONS[name]}</svg>`;
}

function mediaHeader(header: Extract<Header, { type: "image" | "video" | "document" }>): string {
  const url = header.example;
  const name = url ? escapeHtml(fileNameOf(url)) : "no sample declared";
  const href = url ? safeHref(url) : undefined;
  // the declared sample is shown as a placeholder with a link: the page fetches nothing
  const caption = href
    ? `<a class="media-link" href="${escapeHtml(href)}" rel="noreferrer noopener">${name}</a>`
    : `<span class="media-link">${name}</span>`;
  if (header.type === "document") {
    return `<div class="header-media document" data-kind="document">${icon("document")}<span class="doc-name">${caption}</span><span class="doc-kind">${escapeHtml(extension(url))}</span></div>`;
  }
  return `<div class="header-media ${header.type}" data-kind="${header.type}"><div class="media-art">${icon(header.type)}</div><div class="media-caption">${caption}</div></div>`;
}

function extension(url: string | undefined): string {
  const m = url ? /\.([a-z0-9]{1,5})$/i.exec(fileNameOf(url)) : null;
  return m ? m[1]!.toUpperCase() : "FILE";
}

function headerHtml(header: Header | undefined): string {
  if (!header) return "";
  switch (header.type) {
    case "text": {
      const value = headerVariableValue(header.text, header.example);
      return `<div class="header-text">${formattedText(header.text, value === undefined ? [] : [value])}</div>`;
    }
    case "image":
    case "video":
    case "document":
      return mediaHeader(header);
    case "location":
      return `<div class="header-media location" data-kind="location"><div class="media-art">${icon("location")}</div><div class="media-caption">Location, sent with the message</div></div>`;
    case "product":
      return `<div class="product-card single" data-kind="product"><div class="product-art">${icon("product")}</div><div class="product-info"><span class="product-title">Product from the catalog</span><span class="product-price">price from the catalog</span></div></div>`;
  }
}

/** `Ends in 14 days`, `Ends in 5 h 30 min`: the countdown WhatsApp shows under the offer text. */
export function countdown(expiry: TestSpec["expiry"], now: number): { text: string; at?: number } {
  if (!expiry) return { text: "Ends at the time given when sending" };
  const ms = expiry.kind === "duration" ? expiry.ms : expiry.epochMs - now;
  const at = expiry.kind === "duration" ? now + expiry.ms : expiry.epochMs;
  if (!(ms > 0)) return { text: "Offer ended", at };
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return { text: `Ends in ${plural(days, "day")}`, at };
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  return { text: hours > 0 ? `Ends in ${hours} h ${minutes} min` : `Ends in ${minutes} min`, at };
}

function offerCard(t: PreviewMessage, opts: MessageOptions): string {
  if (!t.lto) return "";
  const code = t.test?.couponCode ?? t.buttons.find((b) => b.type === "copy_code")?.example;
  const parts = [
    `<div class="lto" data-has-expiration="${t.lto.hasExpiration}">`,
    `<div class="lto-icon">${icon("tag")}</div><div class="lto-lines">`,
    `<div class="lto-text">${escapeHtml(t.lto.text)}</div>`,
  ];
  if (t.lto.hasExpiration) {
    const c = countdown(t.test?.expiry, opts.now);
    const title = c.at === undefined ? "" : ` title="${escapeHtml(new Date(c.at).toISOString())}"`;
    parts.push(`<div class="lto-expiry"${title}>${escapeHtml(c.text)}</div>`);
  }
  if (code) parts.push(`<div class="lto-code">Code <span class="coupon">${escapeHtml(code)}</span></div>`);
  parts.push("</div></div>");
  return parts.join("");
}

/** What each button reads as and its icon; the coupon of a copy-code button is shown with it. */
function buttonHtml(b: Button, t: PreviewMessage): string {
  const row = (iconName: keyof typeof ICONS, label: string, extra = "", title?: string) =>
    `<div class="button" data-type="${b.type}"${title ? ` title="${escapeHtml(title)}"` : ""}>${icon(iconName)}<span class="button-label">${escapeHtml(label)}</span>${extra}</div>`;
  switch (b.type) {
    case "quick_reply":
      return row("reply", b.text);
    case "url":
      return row("url", b.text, "", b.url.replace("{{1}}", b.example ?? "{{1}}"));
    case "phone_number":
      return row("phone", b.text, "", b.phoneNumber);
    case "copy_code": {
      const code = t.test?.couponCode ?? b.example;
      return row("copy", "Copy offer code", ` <span class="coupon">${escapeHtml(code)}</span>`);
    }
    case "otp":
      return row("copy", b.text);
    case "mpm":
      return row("list", b.text);
    case "catalog":
      return row("shop", b.text);
    case "spm":
      return row("product", b.text);
  }
}

/** WhatsApp shows up to three buttons; with more, two and a "See all options" that opens the rest. */
function buttonsHtml(t: PreviewMessage): string {
  if (t.buttons.length === 0) return "";
  const all = t.buttons.map((b) => buttonHtml(b, t));
  if (all.length <= 3) return `<div class="buttons">${all.join("")}</div>`;
  return `<div class="buttons">${all.slice(0, 2).join("")}<details class="more"><summary class="button see-all">${icon("list")}<span class="button-label">See all options</span></summary>${all.slice(2).join("")}</details></div>`;
}

/** Product thumbnails of a multi-product or catalog message, from the test block when it names them. */
function productsHtml(t: PreviewMessage): string {
  if (t.kind === "multi_product") {
    const ids = t.test?.sections?.flatMap((s) => s.productRetailerIds) ?? [];
    const shown = ids.slice(0, 4);
    const tiles = (shown.length ? shown : ["product"]).map(
      (id) =>
        `<div class="product-tile"><div class="product-art">${icon("product")}</div><span class="product-id">${escapeHtml(id)}</span></div>`,
    );
    const count = ids.length ? plural(ids.length, "item") : "items from the catalog";
    return `<div class="product-card multi" data-kind="multi_product"><div class="product-tiles">${tiles.join("")}</div><div class="product-count">${escapeHtml(count)}</div></div>`;
  }
  if (t.kind === "catalog") {
    const thumb = t.test?.thumbnailProductRetailerId;
    return `<div class="product-card catalog" data-kind="catalog"><div class="product-art">${icon("shop")}</div><div class="product-info"><span class="product-title">View the catalog</span><span class="product-price">${escapeHtml(thumb ? `thumbnail: ${thumb}` : "thumbnail from the catalog")}</span></div></div>`;
  }
  return "";
}

function time(now: number): string {
  const d = new Date(now);
  return `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

/** The message as HTML: a `.chat` pane with the bubble and its buttons. */
export function renderMessage(t: PreviewMessage, opts: MessageOptions): string {
  const dir = directionOf(t.language);
  const footer = t.footer === undefined ? "" : `<div class="footer">${escapeHtml(t.footer)}</div>`;
  const bubble = [
    `<div class="bubble">`,
    headerHtml(t.header),
    productsHtml(t),
    offerCard(t, opts),
    `<div class="body">${formattedText(t.body, t.bodyExamples)}</div>`,
    footer,
    `<div class="time">${time(opts.now)}</div>`,
    "</div>",
  ].join("");
  return `<div class="chat" dir="${dir}" lang="${escapeHtml(t.language.replace(/_/g, "-"))}"><div class="message">${bubble}${buttonsHtml(t)}</div></div>`;
}
