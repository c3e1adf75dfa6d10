// Reading every page of the template list. The paging contract is undocumented (reference §2.2:
// default and maximum pageSize, 0- or 1-based pageNo, no total). Inferred strategy:
// - ask for pages of a fixed size starting at pageNo=0, and de-duplicate rows by id, so a 1-based
//   server that reads 0 as its first page costs one repeated page and no lost row;
// - stop at a short page (fewer rows than asked), or at an empty page — except when the very first
//   page is empty, which a 1-based server may answer to pageNo=0: then page 1 is read too;
// - a page larger than asked means the server ignored pageSize and sent everything: stop;
// - two full pages in a row with no new id mean the server ignores pageNo: stop;
// - never read more than MAX_PAGES pages.
// Known risk: a server that silently caps pageSize below ours makes page 0 look short, so we stop
// early. DEFAULT_PAGE_SIZE stays moderate for that reason; confirm on a live account.

import { malformedResponse } from "./errors.js";

export const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGES = 1000;

export async function readAllPages<T>(
  fetchPage: (pageNo: number, pageSize: number) => Promise<T[]>,
  idOf: (row: T) => string | undefined,
  pageSize: number,
  where: { method: string; path: string },
  /**
   * Told each page's new rows, in order, once the request for the next page (if any) is out: work
   * done here overlaps the wait for that page. The rows are then not kept: the result is empty.
   */
  onRows?: (rows: T[]) => void,
): Promise<T[]> {
  const rows: T[] = [];
  const seen = new Set<string>();
  let stalled = 0;
  let next: Promise<T[]> | undefined = fetchPage(0, pageSize);
  for (let pageNo = 0; next !== undefined; pageNo++) {
    const page: T[] = await next;
    next = undefined;
    const fresh: T[] = [];
    for (const row of page) {
      const id = idOf(row);
      if (id !== undefined && seen.has(id)) continue;
      if (id !== undefined) seen.add(id);
      if (!onRows) rows.push(row);
      fresh.push(row);
    }
    let more: boolean;
    if (page.length === 0) more = pageNo === 0;
    else if (page.length !== pageSize)
      more = false; // short, or pageSize ignored
    else {
      stalled = fresh.length === 0 ? stalled + 1 : 0;
      more = stalled < 2;
    }
    if (!more) {
      onRows?.(fresh);
      return rows;
    }
    if (pageNo + 1 < MAX_PAGES) next = fetchPage(pageNo + 1, pageSize);
    if (onRows) {
      try {
        onRows(fresh);
      } catch (err) {
        next?.catch(() => {}); // abandoned: its outcome no longer matters
        throw err;
      }
    }
  }
  throw malformedResponse(where, 200, `the template list did not end after ${MAX_PAGES} pages`);
}
