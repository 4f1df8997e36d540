import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import { inWindow, toEpochMs } from "./time-window.js";

describe("frames time window", () => {
  it("reads zone-less text as UTC, never as local time", () => {
    assert.equal(toEpochMs("2026-11-02"), Date.UTC(2026, 10, 2));
    assert.equal(toEpochMs("2026-11-02T06:00:00"), Date.UTC(2026, 10, 2, 6));
    assert.equal(toEpochMs("2026-11-02T06:00:00-08:00"), Date.UTC(2026, 10, 2, 14));
    for (const text of ["2026-11", "2026-02-30", "11/03/2026", "Nov 2 2026"]) {
      assert.throws(() => toEpochMs(text), ValidationError, text);
    }
  });

  it("inWindow keeps [from, to): a day as to ends at its 00:00 UTC", () => {
    const df = pl
      .DataFrame({
        id: ["a", "b", "c", "d"],
        eventDate: [
          new Date(Date.UTC(2026, 10, 1, 23, 59, 59, 999)),
          new Date(Date.UTC(2026, 10, 2)),
          new Date(Date.UTC(2026, 10, 2, 23, 59, 59, 999)),
          new Date(Date.UTC(2026, 10, 3)),
        ],
      })
      .withColumns(pl.col("eventDate").cast(pl.Datetime("ms", "UTC")));
    const ids = (from: string, to: string) =>
      df.filter(inWindow("eventDate", { from, to })).getColumn("id").toArray() as string[];
    assert.deepEqual(ids("2026-11-02", "2026-11-03"), ["b", "c"]);
    assert.deepEqual(ids("2026-11-01T23:59:59.999", "2026-11-02T00:00:00.001"), ["a", "b"]);
    assert.deepEqual(df.filter(inWindow("eventDate", undefined)).height, 4);
  });
});
