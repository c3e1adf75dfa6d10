// One verify run that shows every outcome, on the doubles and a virtual clock: used by the golden
// renders, so the goldens show what a real run produces.

import { RemoteError } from "../../src/model/errors.js";
import type { VerifyReport } from "../../src/verify/report.js";
import { verify } from "../../src/verify/verify.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { app, desired, FakeProvider, fakeChannels } from "./doubles.js";

export const REJECTION = `Variables can't be at the start or end of the template <body> & "footer"`;

export async function scenarioReport(): Promise<VerifyReport> {
  const clock = new VirtualClock(Date.UTC(2025, 5, 1, 9, 30));
  const shop = app("shop");
  const brand = app("brand", { channel: "kaleyra-v2" });
  const key = (a: string, name: string, language = "en") => ({ app: a, name, language });

  const provider = new FakeProvider(clock, [
    {
      ...key("shop", "summer_offer"),
      steps: [
        { afterMs: 0, status: "PENDING" },
        { afterMs: 50_000, status: "APPROVED" },
      ],
    },
    {
      ...key("shop", "winter_offer"),
      steps: [
        { afterMs: 0, status: "PENDING" },
        { afterMs: 10_000, status: "REJECTED", reason: REJECTION },
      ],
    },
    { ...key("shop", "welcome"), steps: [{ afterMs: 0, status: "APPROVED" }] },
    { ...key("brand", "flash_sale", "hi"), steps: [{ afterMs: 0, status: "PENDING" }] },
    { ...key("brand", "paused_offer"), steps: [{ afterMs: 0, status: "PAUSED", reason: "low quality" }] },
    { ...key("brand", "product_card"), steps: [{ afterMs: 0, status: "APPROVED" }] },
  ]);
  const channels = fakeChannels(clock, (req) =>
    req.destination === "+919800000099"
      ? new RemoteError("invalid", "Invalid Destination", { status: 400 })
      : undefined,
  );

  return verify(
    [
      {
        app: shop,
        template: desired(key("shop", "summer_offer"), { destinations: ["+919800000001", "+919800000099"] }),
      },
      { app: shop, template: desired(key("shop", "winter_offer"), {}) },
      { app: shop, template: desired(key("shop", "welcome")) },
      { app: brand, template: desired(key("brand", "flash_sale", "hi"), {}) },
      { app: brand, template: desired(key("brand", "ghost")) },
      { app: brand, template: desired(key("brand", "paused_offer"), {}) },
      { app: brand, template: desired(key("brand", "product_card"), { destinations: ["+919800000002"] }) },
    ],
    { provider, channels: channels.get, clock },
    { timeoutMs: 5 * 60_000 },
  );
}
