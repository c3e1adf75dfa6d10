// Small template declarations for the end-to-end tests, as a user would write them in YAML.

/** A limited-time offer with a countdown: copy-code then URL button, and a test block. */
export function ltoTemplate(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    app: "shop",
    kind: "lto",
    body: "Hi {{1}}, enjoy {{2}} off this week only!",
    examples: { body: ["Pablo", "25%"] },
    limitedOfferText: "Summer deal",
    hasExpiration: true,
    buttons: [
      { type: "copy_code", example: "SUMMER25" },
      { type: "url", text: "Shop now", url: "https://shop.example.com/s?promo={{1}}", example: "summer25" },
    ],
    test: {
      destinations: ["+919999900001", "+919999900002"],
      params: ["Pablo", "25%"],
      couponCode: "SUMMER25",
      urlSuffix: "summer25",
      expiresIn: "14d",
    },
    ...overrides,
  };
}

/** A plain marketing text template with one variable and a test block. */
export function textTemplate(
  name: string,
  body = "Hello {{1}}, our new collection is in store now.",
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name,
    app: "shop",
    body,
    examples: { body: ["Asha"] },
    test: { destinations: ["+919999900001"], params: ["Asha"] },
    ...overrides,
  };
}
