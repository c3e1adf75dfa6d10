// A re-read explains a failure only if its request left after the failure was seen: one that left
// in the same clock tick may have left before the write committed, and reusing it would send the
// write again blind (the chaos run against a duplicate-accepting server showed it as duplicates).

import { describe, expect, it } from "vitest";
import { RemoteReader } from "../../src/apply/remote-reader.js";
import { emptyListing, type TemplateProvider } from "../../src/providers/port.js";
import { app } from "./builders.js";

/** A provider whose lists leave at once, at the given clock time, and stay answered. */
function listing(now: () => number): { provider: TemplateProvider; lists: () => number } {
  let lists = 0;
  const provider = {
    listTemplates: async (_app, opts) => {
      lists++;
      opts?.onSent?.(now());
      return emptyListing();
    },
  } as Partial<TemplateProvider> as TemplateProvider;
  return { provider, lists: () => lists };
}

describe("RemoteReader", () => {
  it("shares a list sent after the failure, and sends a new one for a failure in the same tick", async () => {
    let now = 1_000;
    const { provider, lists } = listing(() => now);
    const reader = new RemoteReader(provider);
    const shop = app("shop");
    await reader.list(shop, 999);
    expect(lists()).toBe(1);
    // sent at 1000, after a failure seen at 999: it explains it
    await reader.list(shop, 999);
    expect(lists()).toBe(1);
    // a failure seen at 1000 too: the list may have left before that write committed
    await reader.list(shop, 1_000);
    expect(lists()).toBe(2);
    now = 1_001;
    await reader.list(shop, 1_001);
    expect(lists()).toBe(3);
  });
});
