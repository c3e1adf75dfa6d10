import type { AppConfig } from "../model/app.js";
import { concatListings, type RemoteListing, type TemplateProvider } from "./port.js";

/**
 * Reads the remote templates of every app: one list (all pages) per app, apps in parallel, a
 * bounded number at once. This is all a plan costs remotely: no per-template request. The
 * provider spends each page from the app's budget, so the apply that follows counts them.
 */
export async function fetchRemote(
  provider: TemplateProvider,
  apps: readonly AppConfig[],
  opts: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<RemoteListing> {
  const concurrency = Math.max(1, opts.concurrency ?? 16);
  const results: RemoteListing[] = new Array(apps.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < apps.length) {
      const i = next++;
      results[i] = await provider.listTemplates(apps[i]!, opts.signal ? { signal: opts.signal } : {});
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, apps.length) }, worker));
  return concatListings(results);
}
