// Send values as Meta Cloud API template components (send-apis.md §1), the form Kaleyra v2
// carries unchanged. Button `index` is a number: the button's position in the template, which for
// an LTO is 0 for the copy-code button and 1 for a URL button after it (decision #9).

import type { ButtonValue, HeaderValue, SendValues } from "./send-values.js";

export type MetaComponent = Record<string, unknown>;

export function metaComponents(values: SendValues): MetaComponent[] {
  const components: MetaComponent[] = [];
  if (values.header) components.push({ type: "header", parameters: [headerParameter(values.header)] });
  if (values.body.length > 0) {
    components.push({
      type: "body",
      parameters: values.body.map((b) =>
        values.namedBody
          ? { type: "text", parameter_name: b.name, text: b.value }
          : { type: "text", text: b.value },
      ),
    });
  }
  if (values.expirationMs !== undefined) {
    components.push({
      type: "limited_time_offer",
      parameters: [
        { type: "limited_time_offer", limited_time_offer: { expiration_time_ms: values.expirationMs } },
      ],
    });
  }
  for (const button of values.buttons) {
    const component = buttonComponent(button);
    if (component) components.push(component);
  }
  return components;
}

function headerParameter(header: HeaderValue): Record<string, unknown> {
  switch (header.type) {
    case "text":
      return { type: "text", text: header.param };
    case "product":
      return {
        type: "product",
        product: { product_retailer_id: header.productRetailerId, catalog_id: header.catalogId },
      };
    default:
      // Kaleyra v2 and Meta document an uploaded media id; `link` is the fallback (unverified on Kaleyra)
      return { type: header.type, [header.type]: header.id ? { id: header.id } : { link: header.link } };
  }
}

function buttonComponent(button: ButtonValue): MetaComponent | undefined {
  switch (button.type) {
    case "copy_code":
      return {
        type: "button",
        sub_type: "copy_code",
        index: button.index,
        parameters: [{ type: "coupon_code", coupon_code: button.couponCode }],
      };
    case "url":
      return {
        type: "button",
        sub_type: "url",
        index: button.index,
        parameters: [{ type: "text", text: button.suffix }],
      };
    case "mpm":
      return {
        type: "button",
        sub_type: "mpm",
        index: button.index,
        parameters: [
          {
            type: "action",
            action: {
              thumbnail_product_retailer_id: button.thumbnailProductRetailerId,
              sections: button.sections.map((s) => ({
                ...(s.title && { title: s.title }),
                product_items: s.productRetailerIds.map((id) => ({ product_retailer_id: id })),
              })),
            },
          },
        ],
      };
    case "catalog":
      // without a thumbnail Meta shows the catalog's first item: the component is then optional
      if (!button.thumbnailProductRetailerId) return undefined;
      return {
        type: "button",
        sub_type: "catalog",
        index: button.index,
        parameters: [
          { type: "action", action: { thumbnail_product_retailer_id: button.thumbnailProductRetailerId } },
        ],
      };
  }
}
