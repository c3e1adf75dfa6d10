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
): Promise<T[]> {
  const rows: T[] = [];
  const seen = new Set<string>();
  let stalled = 0;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const page = await fetchPage(pageNo, pageSize);
    let fresh = 0;
    for (const row of page) {
      const id = idOf(row);
      if (id !== undefined && seen.has(id)) continue;
      if (id !== undefined) seen.add(id);
      rows.push(row);
      fresh += 1;
    }
    if (page.length === 0) {
      if (pageNo === 0) continue;
      return rows;
    }
    if (page.length !== pageSize) return rows; // short, or pageSize ignored
    stalled = fresh === 0 ? stalled + 1 : 0;
    if (stalled >= 2) return rows;
  }
  throw malformedResponse(where, 200, `the template list did not end after ${MAX_PAGES} pages`);
}
