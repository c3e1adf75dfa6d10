// How long a refused (429) answer asks us to wait, for the Partner API and the send channels alike.

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const SECONDS = /^\s*\d+(\.\d+)?\s*$/;
const HTTP_DATE = /^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/i;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? undefined : text;
}

/** `Retry-After` as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(value: string | string[] | undefined, now: number): number | undefined {
  const text = first(value);
  if (text === undefined) return undefined;
  if (SECONDS.test(text)) return Math.round(Number(text) * 1000);
  // every HTTP-date form starts with the day's name; Date.parse alone reads "-5" as May 2001
  const at = HTTP_DATE.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait a 429 asks for: the standard `Retry-After`, else the `X-Rate-Limit-Retry-After-Seconds`
 * Gupshup's paginated-list page documents (field evidence §1), in seconds only. Header names are
 * lower-case, as undici gives them.
 */
export function rateLimitWaitMs(headers: Headers, now: number): number | undefined {
  const standard = retryAfterMs(headers["retry-after"], now);
  if (standard !== undefined) return standard;
  const seconds = first(headers["x-rate-limit-retry-after-seconds"]);
  return seconds !== undefined && SECONDS.test(seconds) ? Math.round(Number(seconds) * 1000) : undefined;
}
