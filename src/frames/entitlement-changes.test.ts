import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { eventsFrame, usersFrame } from "../../test/frames-support.js";
import { ValidationError } from "../errors/validation-error.js";
import { accessEvents } from "./access-events.js";
import { entitlementChanges, entitlementChangesOverSnapshots } from "./entitlement-changes.js";
import { ENTITLEMENT_SCHEMA } from "./entitlement-schema.js";
import { explainChanges } from "./explain-changes.js";

type Right = [
  person: string,
  system: string,
  scope: string,
  scopeId: string | null,
  right: string,
  rightType: string,
];
const snapshot = (day: string, rights: Right[]) =>
  pl
    .DataFrame([
      ...(["person", "system", "scope", "scopeId", "right", "rightType"] as const).map((name, i) =>
        pl.Series(
          name,
          rights.map((r) => r[i]),
          pl.Utf8,
        ),
      ),
      pl.Series(
        "scopeName",
        rights.map(() => null),
        pl.Utf8,
      ),
      pl.Series(
        "grantedThrough",
        rights.map(() => "Direct"),
        pl.Utf8,
      ),
      pl.Series(
        "source",
        rights.map(() => "test"),
        pl.Utf8,
      ),
      pl.Series(
        "snapshot",
        rights.map(() => day),
        pl.Utf8,
      ),
    ])
    .select(...Object.keys(ENTITLEMENT_SCHEMA), "snapshot");

const ANN_ADMIN: Right = ["ann@example.com", "anaplan", "tenant", null, "Tenant Admin", "role"];
const BOB_ADMIN: Right = ["bob@example.com", "anaplan", "tenant", null, "Tenant Admin", "role"];
const BOB_WS: Right = ["bob@example.com", "anaplan", "workspace", "ws1", "Workspace Administrator", "admin"];
const DAN_SA: Right = ["dan@example.com", "epm", "application", null, "Service Administrator", "role"];
const EVE_SA: Right = ["eve@example.com", "epm", "application", null, "Service Administrator", "role"];

const rows = (df: pl.DataFrame, ...cols: string[]) => df.select(...cols).rows();

describe("entitlement changes", () => {
  it("grants and revokes between two snapshots, compared on the entitlement's identity", () => {
    const changes = entitlementChanges(
      snapshot("2026-11-01", [ANN_ADMIN, DAN_SA]),
      snapshot("2026-11-02", [ANN_ADMIN, BOB_WS, EVE_SA]),
      {
        from: "2026-11-01",
        to: "2026-11-02",
      },
    );
    assert.deepEqual(rows(changes, "person", "system", "right", "change", "fromSnapshot", "toSnapshot"), [
      ["bob@example.com", "anaplan", "Workspace Administrator", "grant", "2026-11-01", "2026-11-02"],
      ["dan@example.com", "epm", "Service Administrator", "revoke", "2026-11-01", "2026-11-02"],
      ["eve@example.com", "epm", "Service Administrator", "grant", "2026-11-01", "2026-11-02"],
    ]);
    assert.throws(
      () =>
        entitlementChanges(snapshot("x", []), snapshot("y", []), { from: "2026-11-02", to: "2026-11-01" }),
      ValidationError,
    );
  });

  it("over a run of snapshots, each pair of consecutive days", () => {
    const all = pl.concat([
      snapshot("2026-11-01", [ANN_ADMIN]),
      snapshot("2026-11-02", [ANN_ADMIN, BOB_ADMIN]),
      snapshot("2026-11-03", [BOB_ADMIN]),
    ]);
    assert.deepEqual(
      rows(entitlementChangesOverSnapshots(all), "person", "change", "fromSnapshot", "toSnapshot"),
      [
        ["bob@example.com", "grant", "2026-11-01", "2026-11-02"],
        ["ann@example.com", "revoke", "2026-11-02", "2026-11-03"],
      ],
    );
    assert.equal(entitlementChangesOverSnapshots(snapshot("2026-11-01", [ANN_ADMIN])).height, 0);
  });

  it("explains changes with the audit events; lists unexplained changes and events without effect", () => {
    const users = usersFrame([
      { id: "u1", email: "ann@example.com" },
      { id: "u2", email: "bob@example.com" },
    ]);
    const events = eventsFrame([
      // Explains Bob's workspace-admin grant (USR-25 says neither grant nor revoke).
      {
        id: "10",
        eventTypeId: "USR-25",
        userId: "u1",
        objectId: "u2",
        eventDate: "2026-11-01T15:00:00Z",
        additionalAttributes: '{"workspaceId":"ws1"}',
      },
      // A role grant to Ann that no snapshot shows (she already held it): without effect.
      {
        id: "11",
        eventTypeId: "AUTHZ-3",
        userId: "u2",
        objectId: "u1",
        eventDate: "2026-11-01T16:00:00Z",
        additionalAttributes: '{"roleName":"Tenant Admin"}',
      },
      // Outside the snapshots' span: cannot be judged, not listed.
      {
        id: "12",
        eventTypeId: "AUTHZ-3",
        userId: "u2",
        objectId: "u1",
        eventDate: "2026-10-20T16:00:00Z",
        additionalAttributes: '{"roleName":"Tenant Admin"}',
      },
    ]);
    const roleAudit = pl
      .DataFrame({
        name: ["eve@example.com"],
        type: ["User"],
        role: ["service administrator"],
        action: ["Assigned"],
        performedBy: ["ann@example.com"],
        dateAndTime: [new Date("2026-11-02T01:00:00Z")],
      })
      .withColumns(pl.col("dateAndTime").cast(pl.Datetime("ms", "UTC")));
    const changes = entitlementChanges(
      snapshot("2026-11-01", [ANN_ADMIN, DAN_SA]),
      snapshot("2026-11-02", [ANN_ADMIN, BOB_WS, EVE_SA]),
      {
        from: "2026-11-01",
        to: "2026-11-02",
      },
    );
    const result = explainChanges(
      changes,
      accessEvents({ anaplanEvents: events, anaplanUsers: users, epmRoleAssignmentAudit: roleAudit }),
    );
    assert.deepEqual(rows(result.explained, "person", "right", "change", "eventId", "code", "actor"), [
      ["bob@example.com", "Workspace Administrator", "grant", "10", "USR-25", "ann@example.com"],
      ["eve@example.com", "Service Administrator", "grant", null, "role", "ann@example.com"],
    ]);
    assert.deepEqual(rows(result.unexplained, "person", "right", "change"), [
      ["dan@example.com", "Service Administrator", "revoke"],
    ]);
    assert.deepEqual(rows(result.withoutEffect, "eventId", "person", "right", "change"), [
      ["11", "ann@example.com", "Tenant Admin", "grant"],
    ]);
  });
});
