// readAllPages hands each page's new rows to `onRows` once the next page is requested, so that the
// client maps one page while the next is on its way (and drops the raw rows as it goes). The pages
// read stay exactly the same.

import { describe, expect, it } from "vitest";
import { readAllPages } from "../../../src/providers/gupshup/paging.js";

const WHERE = { method: "GET", path: "/partner/app/a/templates" };

/** A server of `total` rows in pages; records every page asked for. */
function server(total: number, overlap = 0) {
  const asked: number[] = [];
  const fetchPage = async (pageNo: number, size: number) => {
    asked.push(pageNo);
    const from = Math.max(0, pageNo * size - overlap);
    return Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => ({
      id: `t${from + i}`,
    }));
  };
  return { asked, fetchPage };
}

describe("readAllPages with onRows", () => {
  it.each([0, 1, 99, 100, 101, 250, 300])(
    "reads the same pages for %i rows, and hands over every new row in order",
    async (total) => {
      const plain = server(total);
      const rows = await readAllPages(plain.fetchPage, (r) => r.id, 100, WHERE);

      const overlapped = server(total);
      const handed: { id: string }[] = [];
      const askedWhenHanded: number[] = [];
      const same = await readAllPages(
        overlapped.fetchPage,
        (r) => r.id,
        100,
        WHERE,
        (fresh) => {
          askedWhenHanded.push(overlapped.asked.length);
          handed.push(...fresh);
        },
      );

      expect(overlapped.asked).toEqual(plain.asked);
      expect(handed).toEqual(rows);
      // handed over, not also kept
      expect(same).toEqual([]);
      // every page but the last is handed over after the next one was asked for
      expect(askedWhenHanded).toEqual(
        overlapped.asked.map((_, i) => Math.min(i + 2, overlapped.asked.length)),
      );
    },
  );

  it("hands over only rows not seen on an earlier page", async () => {
    const s = server(150, 10);
    const pages: string[][] = [];
    await readAllPages(
      s.fetchPage,
      (r) => r.id,
      100,
      WHERE,
      (fresh) => pages.push(fresh.map((r) => r.id)),
    );
    expect(pages.flat()).toEqual(Array.from({ length: 150 }, (_, i) => `t${i}`));
  });

  it("stops with the error onRows throws", async () => {
    const s = server(300);
    const failing = readAllPages(
      s.fetchPage,
      (r) => r.id,
      100,
      WHERE,
      () => {
        throw new Error("bad row");
      },
    );
    await expect(failing).rejects.toThrow("bad row");
  });
});
