import { describe, expect, it } from "vitest";
import { RemoteError } from "../../../src/model/errors.js";
import { readAllPages } from "../../../src/providers/gupshup/paging.js";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `t${i}` }));
const where = { method: "GET", path: "/x" };

/** A server holding `all` rows that pages them with the given behaviour; records the pages asked. */
function server(
  all: { id: string }[],
  behaviour: { base?: 0 | 1; ignorePageNo?: boolean; ignorePageSize?: boolean },
) {
  const asked: number[] = [];
  const fetch = async (pageNo: number, size: number) => {
    asked.push(pageNo);
    if (behaviour.ignorePageSize) return all;
    const index = behaviour.ignorePageNo ? 0 : Math.max(0, pageNo - (behaviour.base ?? 0));
    return all.slice(index * size, index * size + size);
  };
  return { fetch, asked };
}

describe("reading all pages", () => {
  type Behaviour = { base?: 0 | 1; ignorePageNo?: boolean; ignorePageSize?: boolean };
  it.each<[string, Behaviour]>([
    ["0-based", { base: 0 }],
    ["1-based (page 0 read as page 1)", { base: 1 }],
    ["pageNo ignored", { ignorePageNo: true }],
    ["pageSize ignored", { ignorePageSize: true }],
  ])("collects every row exactly once from a %s server", async (_name, behaviour) => {
    for (const count of [0, 1, 9, 10, 11, 35]) {
      const all = behaviour.ignorePageNo ? rows(Math.min(count, 10)) : rows(count);
      const s = server(all, behaviour);
      const got = await readAllPages(s.fetch, (r) => r.id, 10, where);
      expect(got.map((r) => r.id)).toEqual(all.map((r) => r.id));
    }
  });

  it("stops at a short page without asking for more", async () => {
    const s = server(rows(25), { base: 0 });
    await readAllPages(s.fetch, (r) => r.id, 10, where);
    expect(s.asked).toEqual([0, 1, 2]);
  });

  it("reads page 1 once when page 0 is empty (a 1-based server may answer 0 with nothing)", async () => {
    const all = rows(3);
    const fetch = async (pageNo: number) => (pageNo === 1 ? all : []);
    expect(await readAllPages(fetch, (r) => r.id, 10, where)).toEqual(all);
  });

  it("fails clearly when paging never ends", async () => {
    let n = 0;
    const endless = async () => rows(10).map((r) => ({ id: `${r.id}-${n++}` }));
    await expect(readAllPages(endless, (r) => r.id, 10, where)).rejects.toBeInstanceOf(RemoteError);
  });
});
