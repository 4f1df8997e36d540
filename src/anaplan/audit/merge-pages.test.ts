import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { col, schemaOf } from "../../../test/anaplan-helpers.js";
import { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA, frameFromColumns } from "../schemas.js";
import { mergeEventPages, mergeUserPages } from "./merge-pages.js";

const events = (ids: Array<string | null>, dates: number[], messages?: string[]) =>
  frameFromColumns(
    ANAPLAN_EVENT_SCHEMA,
    { id: ids, eventDate: dates, message: messages ?? ids.map(() => "m") },
    ids.length,
  );

describe("mergeEventPages", () => {
  it("keeps one row per id (first seen) sorted by eventDate, then id numerically", () => {
    const merged = mergeEventPages([
      events(["9", "10", "1389498298478657537"], [2000, 2000, 1000], ["a", "b", "c"]),
      events(["10", "8"], [2000, 3000], ["dup", "d"]),
    ]);
    assert.deepEqual(col(merged, "id"), ["1389498298478657537", "9", "10", "8"]);
    assert.deepEqual(col(merged, "message"), ["c", "a", "b", "d"]);
    assert.deepEqual(schemaOf(merged), schemaOf(events([], [])));
  });

  it("drops exact duplicates of rows without an id but keeps distinct ones", () => {
    const merged = mergeEventPages([events([null, null], [1, 2]), events([null], [1])]);
    assert.equal(merged.height, 2);
  });

  it("returns a zero-row frame with the full schema for no pages or empty pages", () => {
    for (const merged of [mergeEventPages([]), mergeEventPages([events([], [])])]) {
      assert.equal(merged.height, 0);
      assert.deepEqual(merged.columns, Object.keys(ANAPLAN_EVENT_SCHEMA));
    }
  });
});

describe("mergeUserPages", () => {
  it("dedupes by id keeping the server's order", () => {
    const page = (ids: string[]) =>
      frameFromColumns(ANAPLAN_USER_SCHEMA, { id: ids, email: ids.map((i) => `${i}@x`) }, ids.length);
    const merged = mergeUserPages([page(["b", "a"]), page(["a", "c"])]);
    assert.deepEqual(col(merged, "id"), ["b", "a", "c"]);
    assert.equal(mergeUserPages([]).width, 8);
  });
});
