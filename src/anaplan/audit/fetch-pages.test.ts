import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PayloadError } from "../../errors/payload-error.js";
import { ANAPLAN_EVENT_SCHEMA, frameFromColumns } from "../schemas.js";
import { type FetchedPage, fetchPages, RowBudget } from "./fetch-pages.js";
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

  it("refuses a totalSize past the row budget before planning any page", async () => {
    const calls: number[] = [];
    const huge: FetchedPage = {
      frame: frameFromColumns(ANAPLAN_EVENT_SCHEMA, { id: ["1"] }, 1),
      paging: { currentPageSize: 1, totalSize: Number.MAX_SAFE_INTEGER, offset: 0, nextOffset: undefined },
    };
    await assert.rejects(
      fetchPages({
        pageSize: 10,
        source: "L",
        budget: new RowBudget(1000),
        fetchPage: async (offset) => {
          calls.push(offset);
          return huge;
        },
      }),
      (e: unknown) =>
        e instanceof PayloadError &&
        e.bound?.name === "maxTotalSize" &&
        e.bound.limit === 1000 &&
        e.bound.observed === Number.MAX_SAFE_INTEGER &&
        e.message.startsWith("L announced or sent 9007199254740991 rows"),
    );
    assert.deepEqual(calls, [0]);
  });

  it("shares one budget between lists", async () => {
    const budget = new RowBudget(30);
    await fetchPages({ pageSize: 10, fetchPage: fakeList(range(0, 20)).fetchPage, budget });
    await assert.rejects(
      fetchPages({ pageSize: 10, fetchPage: fakeList(range(0, 20)).fetchPage, budget }),
      (e: unknown) =>
        e instanceof PayloadError && e.bound?.name === "maxTotalSize" && e.bound.observed === 40,
    );
  });

  it("refuses a page with more rows than limit", async () => {
    const list = fakeList(range(0, 50));
    const fetchPage = async (offset: number, limit: number) => list.fetchPage(offset, limit * 3);
    await assert.rejects(
      fetchPages({ pageSize: 10, fetchPage, source: "L" }),
      (e: unknown) =>
        e instanceof PayloadError &&
        e.bound?.name === "pageRows" &&
        e.bound.limit === 10 &&
        e.bound.observed === 30 &&
        /^L \(offset 0, limit 10\) sent 30 rows, more than the 10 asked/.test(e.message),
    );
  });

  it("refuses more pages than maxPages, with or without totalSize", async () => {
    await assert.rejects(
      fetchPages({ pageSize: 2, maxPages: 5, fetchPage: fakeList(range(0, 20)).fetchPage }),
      (e: unknown) => e instanceof PayloadError && e.bound?.name === "maxPages" && e.bound.observed === 10,
    );
    const noMeta = fakeList(range(0, 20), { noMeta: true });
    await assert.rejects(
      fetchPages({ pageSize: 2, maxPages: 5, fetchPage: noMeta.fetchPage }),
      (e: unknown) => e instanceof PayloadError && e.bound?.name === "maxPages" && e.bound.observed === 6,
    );
    assert.equal(noMeta.calls.length, 5);
  });

  it("detects a server that ignores offset: the same page twice, or a wrong offset echoed", async () => {
    const list = fakeList(range(0, 30), { noMeta: true });
    const stuck = async (offset: number, limit: number) => {
      const page = await list.fetchPage(0, limit);
      return { ...page, paging: { ...page.paging, offset } }; // echoes the offset asked
    };
    await assert.rejects(
      fetchPages({ pageSize: 10, fetchPage: stuck, source: "L" }),
      (e: unknown) =>
        e instanceof PayloadError &&
        e.message ===
          "L returned the same page for offsets 0 and 10: the server ignores offset, so paging makes no progress.",
    );
    assert.equal(list.calls.length, 2);
    const honest = fakeList(range(0, 30));
    const zero = async (_offset: number, limit: number) => honest.fetchPage(0, limit);
    await assert.rejects(
      fetchPages({ pageSize: 10, fetchPage: zero }),
      (e: unknown) =>
        e instanceof PayloadError && e.bound?.name === "offset" && /answered for offset 0/.test(e.message),
    );
  });

  it("refuses invalid paging metadata and a nextOffset that does not advance", async () => {
    const bad = async (): Promise<FetchedPage> => ({
      frame: frameFromColumns(ANAPLAN_EVENT_SCHEMA, { id: ["1"] }, 1),
      paging: {
        currentPageSize: undefined,
        totalSize: undefined,
        offset: 0,
        nextOffset: undefined,
        invalid: ["totalSize"],
      },
    });
    await assert.rejects(
      fetchPages({ pageSize: 10, fetchPage: bad }),
      (e: unknown) =>
        e instanceof PayloadError &&
        /invalid paging metadata: totalSize is not a whole number/.test(e.message),
    );
    const back = async (offset: number): Promise<FetchedPage> => ({
      frame: frameFromColumns(ANAPLAN_EVENT_SCHEMA, { id: ["1"] }, 1),
      paging: { currentPageSize: 1, totalSize: 5, offset, nextOffset: offset },
    });
    await assert.rejects(
      fetchPages({ pageSize: 1, fetchPage: back }),
      (e: unknown) => e instanceof PayloadError && e.bound?.name === "nextOffset" && e.bound.observed === 0,
    );
  });

  it("reports expected and obtained counts of a list that never stabilised", async () => {
    const list = fakeList(range(0, 20), { beforePage: (n, ids) => ids.unshift(`new${n}`) });
    const result = await fetchPages({ pageSize: 10, fetchPage: list.fetchPage, maxPasses: 2 });
    assert.equal(result.stable, false);
    assert.equal(typeof result.expected, "number");
    assert.equal(result.got, mergeEventPages(result.frames).height, "distinct ids over every pass");
  });
});
