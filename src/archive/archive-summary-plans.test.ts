import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { topUsers } from "../frames/top-users.js";
import {
  addBatch,
  BATCH_COLUMNS,
  emptyPartials,
  mergeMonthUsers,
  mergeTopUsers,
  withPartial,
} from "./archive-summary-plans.js";

// withPartial decides when the year report folds its partials: the memory bound (about twice the
// distinct keys) and the time (a row folded a few times, not once per later batch) rest on it.

const sumByKey = (parts: pl.DataFrame[]) =>
  pl.concat(parts, { how: "vertical" }).groupBy("key").agg(pl.col("n").sum()).sort("key");
const part = (keys: string[]) => pl.DataFrame({ key: keys, n: keys.map(() => 1) });

describe("withPartial", () => {
  it("holds a new partial unfolded while the unfolded rows are fewer than the folded frame's", () => {
    const folded = part(["a", "b", "c"]);
    const held = withPartial([folded], part(["a"]), sumByKey);
    assert.equal(held.length, 2);
    assert.equal(held[0], folded);
    const again = withPartial(held, part(["b"]), sumByKey);
    assert.deepEqual(
      again.map((f) => f.height),
      [3, 1, 1],
    );
  });

  it("folds all of them into one once the unfolded rows reach the folded frame's", () => {
    const held = withPartial([part(["a", "b"]), part(["a"])], part(["c"]), sumByKey);
    assert.equal(held.length, 1);
    assert.deepEqual(held[0]!.toRecords(), [
      { key: "a", n: 2 },
      { key: "b", n: 1 },
      { key: "c", n: 1 },
    ]);
  });

  it("keeps the first batch's partial as it is", () => {
    const first = part(["a", "b"]);
    const held = withPartial([], first, () => assert.fail("nothing to fold"));
    assert.deepEqual(held, [first]);
  });

  it("holds at most about twice the distinct keys, folding a few times over many batches", () => {
    let held: pl.DataFrame[] = [];
    let folds = 0;
    let most = 0;
    const fold = (parts: pl.DataFrame[]) => {
      folds++;
      return sumByKey(parts);
    };
    for (let batch = 0; batch < 100; batch++) {
      held = withPartial(held, part(["a", "b", "c", "d"].map((k) => `${k}${batch % 10}`)), fold);
      most = Math.max(
        most,
        held.reduce((n, f) => n + f.height, 0),
      );
    }
    assert.ok(most <= 2 * 40 + 4, `held ${most} rows`);
    assert.equal(sumByKey(held).getColumn("n").sum(), 400);
    assert.equal(sumByKey(held).height, 40);
    // Folding at every batch (as before) made 99 folds; this schedule folds when the unfolded
    // rows catch up with the 40 keys: 12 times here.
    assert.ok(folds <= 20, `${folds} folds`);
  });
});

describe("addBatch", () => {
  // Rows as archiveSummary never batches them (two months in one batch), and a null event type:
  // the paths its batches do not take must give the eager helpers' results too.
  const at = (iso: string) => new Date(iso);
  const events = pl
    .DataFrame({
      eventDate: [
        at("2026-01-31T23:00:00Z"),
        at("2026-02-01T01:00:00Z"),
        at("2026-02-01T02:00:00Z"),
        at("2026-02-02T03:00:00Z"),
        at("2026-02-02T04:00:00Z"),
      ],
      eventTypeId: ["USR-8", "USR-8", null, null, "AUTHZ-3"],
      userId: ["u1", "u1", "u1", "u2", null],
      success: [true, false, true, true, true],
      objectId: ["o1", null, "o1", "o2", "o2"],
      objectTypeId: ["MODEL", null, "MODEL", "MODEL", "MODEL"],
      ipAddress: ["10.0.0.1", "10.0.0.2", null, null, null],
    })
    .withColumns(pl.col("eventDate").cast(pl.Datetime("ms", "UTC")))
    .select(...BATCH_COLUMNS);

  it("counts a null event type as a type of its own, as topUsers does", () => {
    const partials = emptyPartials();
    addBatch(partials, events);
    assert.deepEqual(mergeTopUsers(partials).toRecords(), topUsers(events, { n: 10 }).toRecords());
    assert.deepEqual(mergeTopUsers(partials).select("userId", "events", "eventTypes").toRecords(), [
      { userId: "u1", events: 3, eventTypes: 2 },
      { userId: "u2", events: 1, eventTypes: 1 },
    ]);
  });

  it("gives the distinct users of each month of a batch that spans two", () => {
    const partials = emptyPartials();
    addBatch(partials, events);
    assert.deepEqual(mergeMonthUsers(partials).select(pl.col("month").cast(pl.Utf8), "users").toRecords(), [
      { month: "2026-01-01", users: 1 },
      { month: "2026-02-01", users: 2 },
    ]);
  });
});
