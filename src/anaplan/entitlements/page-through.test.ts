import assert from "node:assert/strict";
import { test } from "node:test";
import { PayloadError } from "../../errors/payload-error.js";
import { type ListPage, pageThrough } from "./page-through.js";

// pageThrough is pure over its fetch function: these pages stand in for servers the simulator
// does not model (shrinking pages, a changing total). Real HTTP paging is in anaplan-entitlements.test.ts.
const list = Array.from({ length: 25 }, (_, i) => i);
const serve =
  (shape: (offset: number, limit: number) => ListPage<number>) => async (offset: number, limit: number) =>
    shape(offset, limit);

test("follows a server that returns fewer rows than asked (stride by what came back)", async () => {
  const calls: number[] = [];
  const got = await pageThrough({
    what: "t",
    pageSize: 10,
    maxRows: 100,
    fetch: serve((offset) => {
      calls.push(offset);
      return { items: list.slice(offset, offset + 7), total: 25, start: offset };
    }),
  });
  assert.deepEqual(got, list);
  assert.deepEqual(calls, [0, 7, 14, 21]);
});

test("without a total: stops at the first short page", async () => {
  const got = await pageThrough({
    what: "t",
    pageSize: 10,
    maxRows: 100,
    fetch: serve((offset) => ({
      items: list.slice(offset, offset + 10),
      total: undefined,
      start: undefined,
    })),
  });
  assert.deepEqual(got, list);
});

const refuses = async (shape: (offset: number, limit: number) => ListPage<number>, message: RegExp) =>
  assert.rejects(
    pageThrough({ what: "t", pageSize: 10, maxRows: 100, fetch: serve(shape) }),
    (e: unknown) => e instanceof PayloadError && message.test(e.message),
  );

test("refuses untrustworthy paging", async () => {
  await refuses(
    (o) => ({ items: list.slice(o, o + 10), total: o === 0 ? 25 : 26, start: o }),
    /total changed from 25 to 26/,
  );
  await refuses(
    (o) => ({ items: o === 0 ? list.slice(0, 10) : [], total: 25, start: o }),
    /an empty page at 10 of 25/,
  );
  await refuses(() => ({ items: list, total: 25, start: 0 }), /a page held 25 rows although 10 were asked/);
  await refuses(() => ({ items: [1], total: 1000, start: 0 }), /announces 1000 rows, more than the 100/);
  await refuses(
    (o) => ({ items: list.slice(0, 10), total: undefined, start: o === 0 ? 0 : undefined }),
    /more than 100 rows/,
  );
});
