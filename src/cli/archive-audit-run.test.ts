import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ArchiveManifest } from "../archive/archive-manifest.js";
import { archiveCoverage } from "./archive-audit-run.js";
import { intersectDays, touchedDays, wholeDays } from "./day-coverage.js";

const base = { key: "anaplanEvents", label: "Anaplan audit events", host: "archive /a" };
const requested = { from: "2026-09-01", to: "2026-10-31" };
const manifest: ArchiveManifest = {
  format: "epm-audit-kit-archive",
  version: 1,
  datasets: {
    events: {
      coveredFrom: "2026-08-20T12:00:00.000Z",
      coveredTo: "2026-11-04T06:00:00.000Z",
      gaps: [
        { from: "2026-09-10T05:00:00.000Z", to: "2026-09-12T01:00:00.000Z" },
        { from: "2026-08-21T00:00:00.000Z", to: "2026-08-22T00:00:00.000Z" },
      ],
    },
    userLogins: { coveredFrom: "2026-10-01T00:00:00.000Z", coveredTo: "2026-10-20T00:00:00.000Z" },
    users: { lastSnapshot: "2026-11-04" },
  },
};

describe("archiveCoverage", () => {
  it("covers the whole days between the watermarks; gaps inside the window are days with missing data", () => {
    assert.deepEqual(archiveCoverage(manifest, "events", requested, base), {
      ...base,
      status: "partial",
      covered: requested,
      gaps: [{ from: "2026-09-10", to: "2026-09-12" }],
      reason: "archived 2026-08-21 → 2026-11-03",
    });
  });

  it("a window wider than the archive is partial; a window inside it without gaps is complete", () => {
    const logins = { ...base, key: "userLogins", label: "Oracle EPM User Login report" };
    assert.deepEqual(archiveCoverage(manifest, "userLogins", requested, logins), {
      ...logins,
      status: "partial",
      covered: { from: "2026-10-01", to: "2026-10-19" },
      gaps: [],
      reason: "archived 2026-10-01 → 2026-10-19",
    });
    assert.equal(
      archiveCoverage(manifest, "userLogins", { from: "2026-10-05", to: "2026-10-06" }, logins).status,
      "complete",
    );
  });

  it("missing datasets and snapshots", () => {
    assert.deepEqual(archiveCoverage(manifest, "invalidLogins", requested, base), {
      ...base,
      status: "missing",
      covered: null,
      reason: "the archive holds none of this dataset",
    });
    assert.equal(archiveCoverage(manifest, "users", requested, base).status, "snapshot");
    assert.deepEqual(archiveCoverage(manifest, "userGroups", requested, base), {
      ...base,
      status: "missing",
      covered: null,
      reason: "the archive holds no snapshot",
    });
  });
});

describe("day coverage", () => {
  it("whole days inside instants, days touched, and overlaps", () => {
    const ms = Date.parse;
    assert.deepEqual(wholeDays(ms("2026-11-01T06:00:00Z"), ms("2026-11-04T00:00:00Z")), {
      from: "2026-11-02",
      to: "2026-11-03",
    });
    assert.equal(wholeDays(ms("2026-11-01T06:00:00Z"), ms("2026-11-02T05:00:00Z")), null);
    assert.deepEqual(touchedDays(ms("2026-11-01T06:00:00Z"), ms("2026-11-02T01:00:00Z")), {
      from: "2026-11-01",
      to: "2026-11-02",
    });
    assert.equal(touchedDays(5, 5), null);
    assert.equal(intersectDays(requested, { from: "2026-11-01", to: "2026-11-02" }), null);
    assert.equal(intersectDays(requested, null), null);
  });
});
