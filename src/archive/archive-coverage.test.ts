import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { FakeClock, fakeAnaplan } from "../../test/archive-helpers.js";
import { historyCoverage, snapshotCoverage } from "./archive-coverage.js";
import { readArchive } from "./read-archive.js";
import { syncArchive } from "./sync-archive.js";

const at = (iso: string) => Date.parse(iso);

describe("historyCoverage", () => {
  const state = { coveredFrom: "2026-11-01T00:00:00.000Z", coveredTo: "2026-12-01T00:00:00.000Z" };

  it("a year asked of a month held: the month covered, the rest as gaps before and after", () => {
    assert.deepEqual(
      historyCoverage("events", state, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z")),
      {
        kind: "history",
        dataset: "events",
        requested: { from: "2026-01-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" },
        synced: true,
        covered: [{ from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" }],
        gaps: [
          { from: "2026-01-01T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z", reason: "before-archive" },
          { from: "2026-12-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z", reason: "after-archive" },
        ],
        complete: false,
        note: "incomplete: covers 2026-11-01T00:00:00.000Z..2026-12-01T00:00:00.000Z; missing 2026-01-01T00:00:00.000Z..2026-11-01T00:00:00.000Z (before-archive), 2026-12-01T00:00:00.000Z..2027-01-01T00:00:00.000Z (after-archive)",
      },
    );
  });

  it("a window inside the held span is complete; an open window is the archive's own span", () => {
    const inside = historyCoverage("events", state, at("2026-11-10T00:00:00Z"), at("2026-11-20T00:00:00Z"));
    assert.deepEqual([inside.complete, inside.gaps, inside.note], [true, [], "complete"]);
    assert.deepEqual(inside.covered, [{ from: "2026-11-10T00:00:00.000Z", to: "2026-11-20T00:00:00.000Z" }]);
    const open = historyCoverage("events", state, undefined, undefined);
    assert.deepEqual(
      [open.requested, open.covered, open.complete],
      [{ from: null, to: null }, [{ from: state.coveredFrom, to: state.coveredTo }], true],
    );
  });

  it("a gap a sync recorded (retention passed between syncs) splits the covered span", () => {
    const withGap = {
      ...state,
      gaps: [{ from: "2026-11-10T00:00:00.000Z", to: "2026-11-12T00:00:00.000Z" }],
    };
    const got = historyCoverage(
      "userLogins",
      withGap,
      at("2026-11-05T00:00:00Z"),
      at("2026-11-15T00:00:00Z"),
    );
    assert.deepEqual(got.covered, [
      { from: "2026-11-05T00:00:00.000Z", to: "2026-11-10T00:00:00.000Z" },
      { from: "2026-11-12T00:00:00.000Z", to: "2026-11-15T00:00:00.000Z" },
    ]);
    assert.deepEqual(got.gaps, [
      { from: "2026-11-10T00:00:00.000Z", to: "2026-11-12T00:00:00.000Z", reason: "lost" },
    ]);
    assert.equal(got.complete, false);
  });

  it("a dataset never synced is incomplete, with the whole window as its gap", () => {
    const got = historyCoverage(
      "invalidLogins",
      undefined,
      at("2026-11-01T00:00:00Z"),
      at("2026-11-02T00:00:00Z"),
    );
    assert.deepEqual(
      [got.synced, got.covered, got.gaps, got.complete, got.note],
      [
        false,
        [],
        [{ from: "2026-11-01T00:00:00.000Z", to: "2026-11-02T00:00:00.000Z", reason: "never-synced" }],
        false,
        "incomplete: invalidLogins was never synced into this archive",
      ],
    );
    assert.deepEqual(historyCoverage("invalidLogins", undefined, undefined, undefined).complete, false);
  });
});

describe("snapshotCoverage", () => {
  it("complete when the snapshot used lies in the window; otherwise says which one and where", () => {
    const days = ["2026-11-22", "2026-11-24"];
    const inside = snapshotCoverage("users", days, at("2026-11-01T00:00:00Z"), at("2026-11-23T00:00:00Z"));
    assert.deepEqual(
      [inside.used, inside.inWindow, inside.complete, inside.note],
      ["2026-11-22", ["2026-11-22"], true, "complete: the users snapshot of 2026-11-22"],
    );
    const before = snapshotCoverage("users", days, at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
    assert.deepEqual(
      [before.used, before.inWindow, before.complete, before.note],
      [
        "2026-11-22",
        [],
        false,
        "incomplete: no users snapshot inside the window; the nearest is of 2026-11-22, after it",
      ],
    );
    const after = snapshotCoverage("users", days, at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
    assert.equal(
      after.note,
      "incomplete: no users snapshot inside the window; the nearest is of 2026-11-24, before it",
    );
    assert.equal(
      snapshotCoverage("userGroups", [], undefined, undefined).note,
      "incomplete: the archive holds no userGroups snapshot",
    );
  });
});

describe("readArchive coverage", () => {
  it("an archive holding a few days, read for a whole year: every dataset says what it covers", async () => {
    const archive = await mkdtemp(join(tmpdir(), "coverage-"));
    const now = Date.parse("2026-11-22T10:00:00Z");
    const clock = new FakeClock(now);
    const since = "2026-11-20T00:00:00.000Z";
    await syncArchive({
      archive,
      anaplan: fakeAnaplan(clock, Date.parse(since)).source,
      now: clock.now,
      since,
    });
    const read = await readArchive(archive, { from: "2026-01-01", to: "2026-12-31" });
    const events = read.coverage.events;
    assert.deepEqual(events.kind === "history" && [events.covered, events.gaps], [
      [{ from: since, to: "2026-11-22T10:00:00.000Z" }],
      [
        { from: "2026-01-01T00:00:00.000Z", to: since, reason: "before-archive" },
        { from: "2026-11-22T10:00:00.000Z", to: "2027-01-01T00:00:00.000Z", reason: "after-archive" },
      ],
    ]);
    assert.equal(events.complete, false);
    assert.deepEqual(
      Object.fromEntries(Object.entries(read.coverage).map(([name, c]) => [name, c.complete])),
      {
        events: false,
        users: true,
        groupAssignmentAudit: false,
        roleAssignmentAudit: false,
        invalidLogins: false,
        userLogins: false,
        roleAssignments: false,
        userGroups: false,
        // A fake source without entitlements: no snapshot, so incomplete.
        anaplanEntitlements: false,
        epmEntitlements: false,
      },
    );
    const week = await readArchive(archive, { from: "2026-11-20", to: "2026-11-22T10:00:00Z" });
    assert.deepEqual([week.coverage.events.complete, week.coverage.events.note], [true, "complete"]);
  });
});
