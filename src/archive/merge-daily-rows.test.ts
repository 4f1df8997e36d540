import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { ARCHIVE_DATASETS, type DailyDataset } from "./archive-datasets.js";
import { mergeDailyRows } from "./merge-daily-rows.js";

const T = Date.parse("2026-11-01T08:00:00Z");
const events = ARCHIVE_DATASETS.events as DailyDataset;
const invalid = ARCHIVE_DATASETS.invalidLogins as DailyDataset;

function eventsFrame(rows: Array<[id: string, minute: number, message: string]>) {
  return pl.DataFrame(
    Object.entries(events.schema).map(([name, type]) => {
      if (name === "id")
        return pl.Series(
          name,
          rows.map((r) => r[0]),
          pl.String,
        );
      if (name === "message")
        return pl.Series(
          name,
          rows.map((r) => r[2]),
          pl.String,
        );
      if (name === "eventDate") {
        return pl
          .Series(
            name,
            rows.map((r) => T + r[1] * 60_000),
            pl.Int64,
          )
          .cast(pl.Datetime("ms"))
          .dt.replaceTimeZone("UTC");
      }
      return pl.Series(
        name,
        rows.map(() => null),
        type,
      );
    }),
  );
}

function loginsFrame(rows: Array<[user: string, minute: number]>) {
  return pl.DataFrame([
    pl.Series(
      "userName",
      rows.map((r) => r[0]),
      pl.String,
    ),
    pl.Series(
      "ipAddress",
      rows.map(() => null),
      pl.String,
    ),
    pl
      .Series(
        "dateAndTime",
        rows.map((r) => T + r[1] * 60_000),
        pl.Int64,
      )
      .cast(pl.Datetime("ms"))
      .dt.replaceTimeZone("UTC"),
  ]);
}

const cells = (df: pl.DataFrame, ...cols: string[]) => df.select(...cols).rows();

describe("mergeDailyRows with a key (events)", () => {
  it("adds only unseen ids, keeps the archived version, collapses repeats, sorts by date then id", () => {
    const archived = eventsFrame([
      ["9007199254740993", 5, "archived"],
      ["2", 1, "b"],
    ]);
    const incoming = eventsFrame([
      ["9007199254740993", 5, "changed later"],
      ["3", 1, "c"],
      ["3", 1, "c"],
      ["1", 9, "a"],
    ]);
    const { merged, added } = mergeDailyRows(archived, incoming, events);
    assert.equal(added, 2);
    assert.deepEqual(merged.columns, Object.keys(events.schema));
    assert.deepEqual(cells(merged, "id", "message"), [
      ["2", "b"],
      ["3", "c"],
      ["9007199254740993", "archived"],
      ["1", "a"],
    ]);
  });

  it("a new partition in the API's order (numeric ids) still ends up by date then id as text", () => {
    const ordered = eventsFrame([
      ["5", 0, "e"],
      ["7", 1, "g"],
      ["8", 2, "h"],
    ]);
    assert.deepEqual(cells(mergeDailyRows(undefined, ordered, events).merged, "id"), [["5"], ["7"], ["8"]]);
    const numeric = eventsFrame([
      ["99", 1, "x"],
      ["100", 1, "y"],
      ["7", 2, "z"],
    ]);
    assert.deepEqual(cells(mergeDailyRows(undefined, numeric, events).merged, "id"), [
      ["100"],
      ["99"],
      ["7"],
    ]);
    const withNull = eventsFrame([
      ["4", 1, "x"],
      [null as unknown as string, 1, "y"],
    ]);
    assert.deepEqual(cells(mergeDailyRows(undefined, withNull, events).merged, "message"), [["y"], ["x"]]);
  });

  it("adds nothing when every id is archived already (overlapping window)", () => {
    const rows = eventsFrame([["1", 0, "a"]]);
    const { merged, added } = mergeDailyRows(rows, rows, events);
    assert.equal(added, 0);
    assert.deepEqual(cells(merged, "id"), [["1"]]);
  });
});

describe("mergeDailyRows without a key (EPM report rows)", () => {
  it("keeps genuinely identical rows, and a refetch of them adds nothing", () => {
    const first = loginsFrame([
      ["mallory", 1],
      ["mallory", 1],
      ["eve", 2],
    ]);
    const a = mergeDailyRows(undefined, first, invalid);
    assert.equal(a.added, 3);
    const b = mergeDailyRows(a.merged, first, invalid);
    assert.equal(b.added, 0);
    assert.equal(b.merged.height, 3);
  });

  it("counts rows as a multiset: a third identical row later is new, a new row is new", () => {
    const archived = loginsFrame([
      ["mallory", 1],
      ["mallory", 1],
    ]);
    const incoming = loginsFrame([
      ["mallory", 1],
      ["mallory", 1],
      ["mallory", 1],
      ["eve", 0],
    ]);
    const { merged, added } = mergeDailyRows(archived, incoming, invalid);
    assert.equal(added, 2);
    assert.deepEqual(cells(merged, "userName"), [["eve"], ["mallory"], ["mallory"], ["mallory"]]);
  });
});

describe("mergeDailyRows input checks", () => {
  it("refuses a frame without a schema column, naming it", () => {
    const frame = loginsFrame([["eve", 0]]).drop("ipAddress");
    assert.throws(() => mergeDailyRows(undefined, frame, invalid), {
      code: "E_VALIDATION",
      message:
        "Cannot archive epm/invalid-logins: the frame has no column ipAddress. Pass the frame the client returned, unchanged.",
    });
  });
});
