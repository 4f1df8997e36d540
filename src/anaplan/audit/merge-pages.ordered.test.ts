import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { col, schemaOf } from "../../../test/anaplan-helpers.js";
import { seededRandom } from "../../simulator/random.js";
import { ANAPLAN_EVENT_SCHEMA, frameFromColumns } from "../schemas.js";
import { mergeEventPages } from "./merge-pages.js";

interface Row {
  id: string | null;
  date: number | null;
  message: string;
}

const frame = (rows: Row[]) =>
  frameFromColumns(
    ANAPLAN_EVENT_SCHEMA,
    { id: rows.map((r) => r.id), eventDate: rows.map((r) => r.date), message: rows.map((r) => r.message) },
    rows.length,
  );

/** The documented semantics, in plain JS: first row per id, then a stable sort by (eventDate, numeric id). */
function expected(pages: Row[][]): Row[] {
  const seen = new Set<string>();
  const kept: Row[] = [];
  for (const r of pages.flat()) {
    if (r.id === null || !seen.has(r.id)) kept.push(r);
    if (r.id !== null) seen.add(r.id);
  }
  const key = (r: Row) => [r.date ?? Number.POSITIVE_INFINITY, r.id?.length ?? 99, r.id ?? ""] as const;
  return kept
    .map((r, i) => ({ r, i }))
    .sort((x, y) => {
      const [a, b] = [key(x.r), key(y.r)];
      for (let k = 0; k < 3; k++) if (a[k]! !== b[k]!) return a[k]! < b[k]! ? -1 : 1;
      return x.i - y.i;
    })
    .map((x) => x.r);
}

function assertMerged(pages: Row[][]): void {
  const merged = mergeEventPages(pages.map(frame));
  const want = expected(pages);
  assert.deepEqual(
    col(merged, "id"),
    want.map((r) => r.id),
  );
  assert.deepEqual(
    col(merged, "message"),
    want.map((r) => r.message),
  );
  assert.deepEqual(schemaOf(merged), schemaOf(frame([])));
}

describe("mergeEventPages on pages already in server order", () => {
  it("keeps pages in order and drops an event repeated on a shared window boundary (first kept)", () => {
    assertMerged([
      [
        { id: "1", date: 10, message: "a" },
        { id: "2", date: 20, message: "b" },
      ],
      [
        { id: "2", date: 20, message: "b again" },
        { id: "9", date: 30, message: "c" },
        { id: "10", date: 30, message: "d" },
        { id: "9007199254740993", date: 30, message: "e" },
      ],
    ]);
  });

  it("still sorts and dedupes when ids repeat apart or pages come out of order", () => {
    assertMerged([
      [
        { id: "5", date: 50, message: "late" },
        { id: "6", date: 60, message: "x" },
      ],
      [
        { id: "1", date: 10, message: "early" },
        { id: "5", date: 50, message: "dup apart" },
      ],
    ]);
    assertMerged([
      [{ id: "3", date: 5, message: "a" }],
      [
        { id: "7", date: 6, message: "b" },
        { id: "3", date: 7, message: "c" },
      ],
    ]);
  });

  it("matches the documented merge on random pages (ordered, shuffled, with repeats and null ids)", () => {
    for (let k = 0; k < 40; k++) {
      const r = seededRandom(5, k);
      const rows: Row[] = [];
      let date = 0;
      for (let i = 0; i < 30; i++) {
        date += Math.floor(r() * 3);
        rows.push({ id: String(1 + Math.floor(r() * 25)), date, message: `m${i}` });
      }
      rows.sort((a, b) => a.date! - b.date! || a.id!.length - b.id!.length || (a.id! < b.id! ? -1 : 1));
      if (k % 4 === 1) rows.reverse();
      if (k % 4 === 2) rows[3] = { id: null, date: rows[3]!.date, message: "no id" };
      if (k % 4 === 3) rows[5] = { id: rows[5]!.id, date: null, message: "no date" };
      assertMerged([rows.slice(0, 10), rows.slice(9, 20), rows.slice(20)]);
    }
  });
});
