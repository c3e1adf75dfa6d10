// A list that fails transiently is read again after a wait (READ_RETRY_DELAYS_MS in the CLI). That
// wait is on the provider's clock, real time by default, and must end the moment the run is
// interrupted: a Ctrl-C during a long back-off stops the read at once, with no further request.

import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../src/model/errors.js";
import { createGupshupProvider, type GupshupProvider } from "../../../src/providers/gupshup/index.js";
import { testApp, useSandbox } from "../../helpers/sandbox.js";

const fx = useSandbox({ rateLimits: false });
const app = testApp();
const LIST = `^GET /partner/app/${app.appId}/templates`;
let provider: GupshupProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

/** A provider on its default clock, logging each request line to `lines`. */
async function realTimeProvider(readRetryDelaysMs: number[], lines: string[], onLine = (_: string) => {}) {
  provider = createGupshupProvider({
    env: fx.env(),
    readRetryDelaysMs,
    log: (line) => {
      lines.push(line);
      onLine(line);
    },
  });
  // the app token fetched (and cached) first, so the lines below are the list's alone
  await provider.listTemplates(app);
  lines.length = 0;
  return provider;
}

describe("read retries on the real clock", () => {
  it("reads a list again after a transient failure", async () => {
    const lines: string[] = [];
    const p = await realTimeProvider([1], lines);
    fx.sandbox.setFaults({ errorRate: 1, match: LIST, limit: 1 });
    await expect(p.listTemplates(app)).resolves.toEqual({ templates: [], unmanageable: [], warnings: [] });
    // (the paging reader may then ask for one more page)
    expect(lines.slice(0, 3)).toEqual([
      expect.stringMatching(/templates -> 500 /),
      expect.stringMatching(/templates: retrying in 1 ms$/),
      expect.stringMatching(/templates -> 200 /),
    ]);
  });

  it("stops waiting the moment the signal aborts, and sends nothing more", async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    const interrupted = new UserError("interrupted");
    // an hour's back-off: only the abort can end this test in time
    const p = await realTimeProvider([3_600_000], lines, (line) => {
      if (line.includes("retrying in")) abort.abort(interrupted);
    });
    fx.sandbox.setFaults({ errorRate: 1, match: LIST });
    await expect(p.listTemplates(app, { signal: abort.signal })).rejects.toBe(interrupted);
    expect(lines.filter((l) => l.includes("/templates"))).toEqual([
      expect.stringMatching(/templates -> 500 /),
      expect.stringMatching(/templates: retrying in 3600000 ms$/),
    ]);
  });
});
