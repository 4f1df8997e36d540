import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { archiveSummary } from "../src/archive/archive-summary.js";
import { ACCESS_CHANGE_CODES, PRIVILEGED_EVENT_COLUMNS } from "../src/archive/archive-summary-plans.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { writePrivilegedTables } from "../src/archive/write-privileged-tables.js";
import { ANAPLAN_ACCESS_CODES } from "../src/frames/access-events.js";
import { activityByDay } from "../src/frames/activity-by-day.js";
import { anaplanAccessChanges } from "../src/frames/anaplan-access-changes.js";
import { countByDay } from "../src/frames/count-by-day.js";
import { deactivatedSignIns } from "../src/frames/deactivated-sign-ins.js";
import { inactiveUsers } from "../src/frames/inactive-users.js";
import { lastSignIns } from "../src/frames/last-sign-ins.js";
import { privilegedEvents } from "../src/frames/privileged-events.js";
import { signInDisagreements } from "../src/frames/sign-in-disagreements.js";
import { signInSummary } from "../src/frames/sign-in-summary.js";
import { topObjects } from "../src/frames/top-objects.js";
import { topUsers } from "../src/frames/top-users.js";
import { withEventNames } from "../src/frames/with-event-names.js";
import { withUsers } from "../src/frames/with-users.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

// archiveSummary (the year-scale report path) against the eager frame helpers on the same
// archive, synced from the simulator over HTTP: every aggregate must be the same frame.

const quiet = { warn: () => undefined, debug: () => undefined };
const root = mkdtempSync(join(tmpdir(), "kit-summary-"));
const archive = join(root, "archive");
const NOW = Date.parse("2026-11-20T12:00:00Z");
let sim: Simulator;

before(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 11,
    clock: { start: NOW, frozen: true },
    anaplan: { users: 60, eventsPerDay: 400 },
  });
  const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
  try {
    await syncArchive({ archive, anaplan, now: () => NOW, origin: { anaplan: "simulator (seed 11)" } });
  } finally {
    await anaplan.close();
  }
});
after(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

function assertSameFrame(actual: pl.DataFrame, expected: pl.DataFrame, what: string): void {
  assert.deepEqual(actual.columns, expected.columns, `${what}: columns`);
  assert.deepEqual(actual.dtypes.map(String), expected.dtypes.map(String), `${what}: types`);
  assert.deepEqual(actual.toRecords(), expected.toRecords(), `${what}: rows`);
  assert.ok(actual.height > 0, `${what}: the test data has rows`);
}

describe("archiveSummary", () => {
  // One-day batches too: each partial is then folded at some batches and held unfolded at others
  // (withPartial), so the merges see both a single folded frame and several.
  for (const batchDays of [undefined, 1])
    it(`gives exactly what the eager frame helpers give on the collected events (batchDays ${batchDays ?? "default"})`, async () => {
      const frames = await readArchive(archive);
      const events = await frames.events.collect();
      const users = await frames.users.collect();
      const all = 1_000_000_000;
      const s = await archiveSummary(archive, { topObjects: 15, batchDays });
      assert.ok(events.height > 5000, `events: ${events.height}`);
      assert.deepEqual(s.totals, {
        events: events.height,
        failures: Number(events.select(pl.col("success").not().sum()).getColumn("success").get(0)),
        users: events.getColumn("userId").dropNulls().nUnique(),
      });
      assertSameFrame(s.activityByDay, activityByDay(events), "activityByDay");
      assertSameFrame(
        s.eventsByDayAndType,
        countByDay(events, "eventDate", { by: "eventTypeId" }),
        "by day and type",
      );
      assertSameFrame(
        s.eventsByType,
        events
          .groupBy("eventTypeId")
          .agg(pl.len().cast(pl.UInt32).alias("events"))
          .sort(["events", "eventTypeId"], [true, false]),
        "events by type (the notebook's table)",
      );
      assertSameFrame(s.userActivity, topUsers(events, { n: all }), "userActivity");
      assertSameFrame(
        s.failedSignIns,
        topUsers(events, { n: all, eventTypeIds: ["USR-9"] }),
        "failedSignIns",
      );
      assertSameFrame(s.topObjects, topObjects(events, { n: 15 }), "topObjects");
      assertSameFrame(s.signIns, signInSummary(events), "signIns");
      assertSameFrame(s.lastSignIns, lastSignIns(events), "lastSignIns");
      assertSameFrame(
        s.accessChangesByDay,
        countByDay(
          events.filter(pl.col("eventTypeId").isIn(Object.keys(ANAPLAN_ACCESS_CODES))),
          "eventDate",
          {
            by: "eventTypeId",
          },
        ),
        "accessChangesByDay",
      );
      const privileged = events.filter(pl.col("eventTypeId").isIn([...ACCESS_CHANGE_CODES]));
      const privilegedRows = await s.privilegedEvents.collect();
      assertSameFrame(privilegedRows, privileged.select(...PRIVILEGED_EVENT_COLUMNS), "privilegedEvents");
      assert.equal(s.privilegedCount, privileged.height);
      assert.equal(privilegedEvents(events).height <= privilegedRows.height, true);
      assertSameFrame(
        s.activeUsersByMonth,
        events
          .filter(pl.col("userId").isNotNull())
          .select(pl.col("eventDate").cast(pl.Date).dt.truncate("1mo").alias("month"), pl.col("userId"))
          .groupBy("month")
          .agg(pl.col("userId").nUnique().cast(pl.UInt32).alias("users"))
          .sort("month"),
        "activeUsersByMonth",
      );
      assertSameFrame(s.users, users, "users");
      assert.equal(s.checksums.verified, frames.checksums.verified);
      assert.equal(s.coverage.events.complete, true);
    });

  it("stands in for the events in the helpers that join the users", async () => {
    const frames = await readArchive(archive);
    const events = await frames.events.collect();
    const users = await frames.users.collect();
    const s = await archiveSummary(archive);
    const window = { from: NOW - 30 * 86_400_000, to: NOW };
    // The simulator's users API agrees with its events: without some lastLoginDates, and with
    // others moved a day back, there is something to disagree about.
    const row = pl.col("id").rank("ordinal").modulo(pl.lit(3));
    const lastLogin = pl.col("lastLoginDate");
    const edited = users.withColumns(
      pl
        .when(row.eq(pl.lit(0)))
        .then(pl.lit(null))
        .when(row.eq(pl.lit(1)))
        .then(lastLogin.sub(pl.lit(86_400_000).cast(pl.Duration("ms"))))
        .otherwise(lastLogin)
        .cast(users.getColumn("lastLoginDate").dtype)
        .alias("lastLoginDate"),
    );
    for (const u of [users, edited]) {
      const expected = signInDisagreements(u, events, { window });
      assert.deepEqual(
        signInDisagreements(u, s.lastSignInEvents, { window }).toRecords(),
        expected.toRecords(),
      );
      for (const days of [1, 3, 7]) {
        const asOf = { asOf: NOW, days };
        assert.deepEqual(
          inactiveUsers(u, s.lastSignInEvents, asOf).toRecords(),
          inactiveUsers(u, events, asOf).toRecords(),
        );
      }
    }
    assertSameFrame(
      signInDisagreements(edited, s.lastSignInEvents, { window }),
      signInDisagreements(edited, events, { window }),
      "signInDisagreements",
    );
    const asOf = { asOf: NOW, days: 1 };
    assertSameFrame(
      inactiveUsers(edited, s.lastSignInEvents, asOf),
      inactiveUsers(edited, events, asOf),
      "inactiveUsers",
    );
    const changes = anaplanAccessChanges(events, users);
    assertSameFrame(
      anaplanAccessChanges(await s.privilegedEvents.collect(), users),
      changes,
      "anaplanAccessChanges",
    );
    assert.deepEqual(s.deactivatedSignIns.toRecords(), deactivatedSignIns(users, events).toRecords());
    assert.deepEqual(s.deactivatedSignIns.columns, deactivatedSignIns(users, events).columns);
  });

  it("writes the privileged tables part by part, byte for byte the whole tables' CSV", async () => {
    // Batches of 3 days: the tables come in ~11 parts, each written after the one before.
    const window = { from: new Date("2026-09-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };
    const frames = await readArchive(archive);
    const events = await frames.events.collect();
    const users = await frames.users.collect();
    const s = await archiveSummary(archive, { from: "2026-09-01", to: "2026-11-30", batchDays: 3 });
    const outDir = join(root, "privileged-tables");
    const t = await writePrivilegedTables(s.privilegedParts(), users, { window, outDir, rows: 7 });
    const rows = events
      .filter(pl.col("eventTypeId").isIn([...ACCESS_CHANGE_CODES]))
      .select(...PRIVILEGED_EVENT_COLUMNS);
    const privileged = withEventNames(privilegedEvents(withUsers(rows, users)));
    const changes = anaplanAccessChanges(events, users, { window });
    assert.ok(privileged.height > 7 && changes.height > 7, `${privileged.height}, ${changes.height}`);
    assert.deepEqual(t.files, [
      join(outDir, "anaplan-privileged-events.csv"),
      join(outDir, "anaplan-access-changes.csv"),
    ]);
    assert.equal(readFileSync(t.files[0]!, "utf8"), privileged.writeCSV().toString());
    assert.equal(readFileSync(t.files[1]!, "utf8"), changes.writeCSV().toString());
    assertSameFrame(t.privileged, privileged.head(7), "first privileged rows");
    assertSameFrame(t.changes, changes.head(7), "first changes");
    assert.equal(t.privilegedCount, privileged.height);
    assert.equal(t.changeCount, changes.height);
    assert.deepEqual(t.selfAssigned.toRecords(), changes.filter(pl.col("selfAssigned")).toRecords());
    await assert.rejects(writePrivilegedTables([], users, { window, outDir }), {
      name: "ValidationError",
      message: /no part/,
    });
  });

  it("reads only the window's days: a damaged partition outside it does not matter", async () => {
    const days = readdirSync(join(archive, "anaplan", "events")).sort();
    const inside = days.slice(10, 13).map((d) => d.slice("date=".length));
    const window = { from: inside[0]!, to: inside[2]! }; // a bare `to` includes that day
    const before = await archiveSummary(archive, window);
    assert.deepEqual(
      before.activityByDay
        .getColumn("day")
        .toArray()
        .map((d) => (d as unknown as Date).toISOString().slice(0, 10)),
      inside,
    );
    writeFileSync(
      join(archive, "anaplan", "events", days[2]!, "part-00000.parquet"),
      "not what was archived",
    );
    const after = await archiveSummary(archive, window);
    assert.deepEqual(after.activityByDay.toRecords(), before.activityByDay.toRecords());
    assert.equal(after.checksums.verified, before.checksums.verified);
    await assert.rejects(archiveSummary(archive), (error: Error & { code?: string }) => {
      assert.equal(error.code, "E_ARCHIVE_CHECKSUM");
      assert.match(error.message, new RegExp(days[2]!));
      return true;
    });
  });
});
