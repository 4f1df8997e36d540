import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ANAPLAN_EVENT_SCHEMA, frameFromColumns } from "../schemas.js";
import { type FetchedPage, fetchPages } from "./fetch-pages.js";
import { mergeEventPages } from "./merge-pages.js";

/** A fake offset/limit list: newest first, like an audit log; `beforePage` may change it. */
function fakeList(
  ids: string[],
  opts: { cap?: number; noMeta?: boolean; beforePage?: (n: number, list: string[]) => void } = {},
) {
  const calls: Array<[number, number]> = [];
  const fetchPage = async (offset: number, limit: number): Promise<FetchedPage> => {
    calls.push([offset, limit]);
    opts.beforePage?.(calls.length, ids);
    const rows = ids.slice(offset, offset + Math.min(limit, opts.cap ?? limit));
    return {
      frame: frameFromColumns(ANAPLAN_EVENT_SCHEMA, { id: rows }, rows.length),
      paging: {
        currentPageSize: rows.length,
        totalSize: opts.noMeta ? undefined : ids.length,
        offset,
        nextOffset: undefined,
      },
    };
  };
  return { calls, fetchPage };
}
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => String(a + i));
const idsOf = (frames: FetchedPage["frame"][]) =>
  mergeEventPages(frames).getColumn("id").toArray().map(String).sort();

describe("fetchPages", () => {
  it("sends limit on the first page and fetches the remaining offsets", async () => {
    const list = fakeList(range(0, 25));
    const planned: number[] = [];
    const result = await fetchPages({
      pageSize: 10,
      fetchPage: list.fetchPage,
      onPlanned: (n) => planned.push(n),
    });
    assert.deepEqual(list.calls, [
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
    assert.deepEqual(planned, [2]);
    assert.deepEqual(idsOf(result.frames), range(0, 25).sort());
    assert.deepEqual([result.passes, result.stable], [1, true]);
  });

  it("pages by the server's smaller page size and reports the cap", async () => {
    const list = fakeList(range(0, 12), { cap: 5 });
    const capped: Array<[number, number]> = [];
    const result = await fetchPages({
      pageSize: 10,
      fetchPage: list.fetchPage,
      onCapped: (asked, got) => capped.push([asked, got]),
    });
    assert.deepEqual(list.calls, [
      [0, 10],
      [5, 5],
      [10, 5],
    ]);
    assert.deepEqual(capped, [[10, 5]]);
    assert.deepEqual(idsOf(result.frames), range(0, 12).sort());
  });

  it("fetches the list again when rows arrive while paging, losing nothing", async () => {
    // three events arrive at the head of the list while the second page is fetched
    const list = fakeList(range(0, 30), {
      beforePage: (n, ids) => {
        if (n === 2) ids.unshift("new1", "new2", "new3");
      },
    });
    const unstable: string[] = [];
    const result = await fetchPages({
      pageSize: 10,
      fetchPage: list.fetchPage,
      onUnstable: (_pass, why) => unstable.push(why),
    });
    assert.deepEqual(unstable, ["totalSize changed from 30 to 33 while paging"]);
    assert.deepEqual([result.passes, result.stable], [2, true]);
    assert.deepEqual(idsOf(result.frames), [...range(0, 30), "new1", "new2", "new3"].sort());
  });

  it("detects a pass whose distinct ids do not add up to totalSize", async () => {
    // a row moves to the head between pages (same size): the first pass misses it
    const list = fakeList(range(0, 20), {
      beforePage: (n, ids) => {
        if (n === 2) ids.splice(0, ids.length, "15", ...range(0, 20).filter((id) => id !== "15"));
      },
    });
    const unstable: string[] = [];
    const result = await fetchPages({
      pageSize: 10,
      fetchPage: list.fetchPage,
      onUnstable: (_pass, why) => unstable.push(why),
    });
    assert.deepEqual(unstable, ["the pages held 19 distinct ids, not totalSize 20"]);
    assert.deepEqual([result.passes, result.stable], [2, true]);
    assert.deepEqual(idsOf(result.frames), range(0, 20).sort());
  });

  it("gives up after maxPasses and says the result is not stable", async () => {
    const list = fakeList(range(0, 20), { beforePage: (n, ids) => ids.unshift(`new${n}`) });
    const result = await fetchPages({ pageSize: 10, fetchPage: list.fetchPage, maxPasses: 3 });
    assert.deepEqual([result.passes, result.stable], [3, false]);
  });

  it("reads page after page until a short one when the server sends no totalSize", async () => {
    const list = fakeList(range(0, 20), { noMeta: true });
    const result = await fetchPages({ pageSize: 10, fetchPage: list.fetchPage });
    assert.deepEqual(list.calls, [
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
    assert.deepEqual(idsOf(result.frames), range(0, 20).sort());
  });

  it("makes one request for an empty list", async () => {
    const list = fakeList([]);
    const result = await fetchPages({ pageSize: 10, fetchPage: list.fetchPage });
    assert.deepEqual(list.calls, [[0, 10]]);
    assert.equal(mergeEventPages(result.frames).height, 0);
  });
});
