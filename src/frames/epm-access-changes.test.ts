import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { assertFrame, utc } from "../../test/frames-support.js";
import { epmAccessChangeSummary } from "./epm-access-change-summary.js";
import { epmAccessChanges } from "./epm-access-changes.js";

const groupAudit = pl.DataFrame([
  pl.Series("name", ["jdoe", "kim@example.com", "jdoe", " Admin "]),
  pl.Series("type", ["User", "User", "User", "User"]),
  pl.Series("group", ["Finance Planners", "Finance Planners", "Finance Planners", "Auditors"]),
  pl.Series("groupType", ["EPM", "EPM", "EPM", "IDCS"]),
  pl.Series("action", ["Assigned", "ASSIGNED", "Unassigned", "Assigned"]),
  pl.Series("performedBy", ["admin", "jdoe", "admin", "admin"]),
  utc("dateAndTime", [
    "2026-11-01T09:00:00Z",
    "2026-11-03T09:00:00Z",
    "2026-11-02T09:00:00Z",
    "2026-11-04T09:00:00Z",
  ]),
]);
const roleAudit = pl.DataFrame([
  pl.Series("name", ["ADMIN", "Finance Planners"]),
  pl.Series("type", ["User", "EPM Group"]),
  pl.Series("role", ["Service Administrator", "Planner"]),
  pl.Series("action", ["Assigned", "Unassigned"]),
  pl.Series("performedBy", ["admin", "admin"]),
  utc("dateAndTime", ["2026-11-02T10:00:00Z", "2026-11-05T10:00:00Z"]),
]);

describe("epmAccessChanges", () => {
  it("merges group and role audits into one change list, oldest first, flagging self-assignment", () => {
    assertFrame(
      epmAccessChanges([groupAudit, roleAudit]),
      {
        dateAndTime: [
          "2026-11-01T09:00:00.000Z",
          "2026-11-02T09:00:00.000Z",
          "2026-11-02T10:00:00.000Z",
          "2026-11-03T09:00:00.000Z",
          "2026-11-04T09:00:00.000Z",
          "2026-11-05T10:00:00.000Z",
        ],
        kind: ["group", "group", "role", "group", "group", "role"],
        target: [
          "Finance Planners",
          "Finance Planners",
          "Service Administrator",
          "Finance Planners",
          "Auditors",
          "Planner",
        ],
        targetType: ["EPM", "EPM", null, "EPM", "IDCS", null],
        member: ["jdoe", "jdoe", "ADMIN", "kim@example.com", " Admin ", "Finance Planners"],
        memberType: ["User", "User", "User", "User", "User", "EPM Group"],
        action: ["added", "removed", "added", "added", "added", "removed"],
        performedBy: ["admin", "admin", "admin", "jdoe", "admin", "admin"],
        selfAssigned: [false, false, true, false, true, false],
      },
      { dateAndTime: "Datetime(ms,UTC)", selfAssigned: "Bool" },
    );
  });

  it("takes a single frame and a window", () => {
    const df = epmAccessChanges(roleAudit, { window: { from: "2026-11-05", to: "2026-11-06" } });
    assert.deepEqual(df.getColumn("target").toArray(), ["Planner"]);
  });

  it("refuses a frame that is not an assignment audit, naming its columns", () => {
    assert.throws(() => epmAccessChanges(pl.DataFrame({ userName: ["x"] })), {
      name: "ValidationError",
      message: /got columns userName/,
    });
  });
});

describe("epmAccessChangeSummary", () => {
  it("counts added, removed and net per group or role, with who made the changes", () => {
    assertFrame(
      epmAccessChangeSummary(epmAccessChanges([groupAudit, roleAudit])),
      {
        kind: ["group", "group", "role", "role"],
        target: ["Auditors", "Finance Planners", "Planner", "Service Administrator"],
        added: [1, 2, 0, 1],
        removed: [0, 1, 1, 0],
        net: [1, 1, -1, 1],
        performedBy: ["admin", "admin, jdoe", "admin", "admin"],
        selfAssigned: [1, 0, 0, 1],
      },
      { net: "Int64" },
    );
  });

  it("is a zero-row frame with all columns for no changes", () => {
    const none = epmAccessChanges(roleAudit, { window: { from: "2030-01-01", to: "2030-01-02" } });
    assert.deepEqual(epmAccessChangeSummary(none).columns, [
      "kind",
      "target",
      "added",
      "removed",
      "net",
      "performedBy",
      "selfAssigned",
    ]);
    assert.equal(epmAccessChangeSummary(none).height, 0);
  });
});
